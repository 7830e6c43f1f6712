import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { CredentialType } from './credential.entity.js';
import type { PolicyRule } from './credential-policy.js';

/** The GraphQL enum of key curves; its values are exactly KEY_CURVES (credential-policy.ts). */
export enum KeyCurve {
  P_256 = 'P-256',
  P_384 = 'P-384',
  ED25519 = 'Ed25519',
}
registerEnumType(KeyCurve, {
  name: 'KeyCurve',
  description: 'A non-RSA key type of certificates and private_key_jwt keys.',
  valuesConfig: {
    P_256: { description: 'EC P-256 (ES256): certificates and private_key_jwt keys.' },
    P_384: { description: 'EC P-384: certificates issued from a CSR.' },
    ED25519: { description: 'Ed25519 (EdDSA): certificates issued from a CSR and private_key_jwt keys.' },
  },
});

export const CredentialPolicyRule = {
  allowedKinds: 'allowedKinds',
  maxLifetimeDays: 'maxLifetimeDays',
  minRsaKeyBits: 'minRsaKeyBits',
  allowedKeyCurves: 'allowedKeyCurves',
  personalApiKeyMaxLifetimeDays: 'personalApiKeyMaxLifetimeDays',
} as const satisfies { [rule in PolicyRule]: rule };
registerEnumType(CredentialPolicyRule, {
  name: 'CredentialPolicyRule',
  description: 'A rule of the tenant’s credential policy; a refusal by it carries the same value in `extensions.policyRule`.',
  valuesConfig: {
    allowedKinds: { description: 'Which kinds of credential may be created.' },
    maxLifetimeDays: { description: 'The longest a credential of one kind may last.' },
    minRsaKeyBits: { description: 'The smallest RSA key of a certificate or private_key_jwt key.' },
    allowedKeyCurves: { description: 'Which curves (EC, Ed25519) a certificate or private_key_jwt key may use.' },
    personalApiKeyMaxLifetimeDays: { description: 'The longest a personal API key may last.' },
  },
});

@ObjectType({ description: 'The longest a credential of one kind may last.' })
export class CredentialKindLifetime {
  @Field(() => CredentialType)
  kind!: CredentialType;

  @Field(() => Int, { nullable: true, description: 'The policy’s maximum in days; null: the tenant’s maxCredentialLifetimeDays.' })
  maxLifetimeDays!: number | null;

  @Field(() => Int, { description: 'What applies: the policy’s maximum, within the tenant’s.' })
  effectiveMaxLifetimeDays!: number;
}

@ObjectType({
  description:
    'The tenant’s credential policy. It applies to credentials and personal API keys created (renewed, rotated) from now on; existing ones that break it keep working and are listed by credentialPolicyViolations.',
})
export class CredentialPolicyView {
  @Field(() => [CredentialType], { description: 'The kinds that may be created (all, unless restricted).' })
  allowedKinds!: CredentialType[];

  @Field(() => [CredentialKindLifetime], { description: 'Every kind, with its maximum lifetime.' })
  kindLifetimes!: CredentialKindLifetime[];

  @Field(() => Int, {
    description: 'The smallest RSA key accepted for a certificate or private_key_jwt key: 2048 (default), 3072 or 4096.',
  })
  minRsaKeyBits!: number;

  @Field(() => [KeyCurve], { description: 'The curves accepted for a certificate or private_key_jwt key (all, unless restricted).' })
  allowedKeyCurves!: KeyCurve[];

  @Field(() => Int, { nullable: true, description: 'The policy’s maximum lifetime of personal API keys in days; null: no policy limit.' })
  personalApiKeyMaxLifetimeDays!: number | null;

  @Field(() => Int, { description: 'What applies to personal API keys: the policy’s maximum, within 365 days and the tenant’s maximum.' })
  effectivePersonalApiKeyMaxLifetimeDays!: number;
}

@InputType()
export class CredentialKindLifetimeInput {
  @Field(() => CredentialType)
  kind!: CredentialType;

  @Field(() => Int, { nullable: true, description: 'From 1 to the tenant’s maxCredentialLifetimeDays; null: that maximum.' })
  maxLifetimeDays?: number | null;
}

@InputType({ description: 'A field left out stays as it is; null puts it back to its default.' })
export class UpdateCredentialPolicyInput {
  @Field(() => [CredentialType], { nullable: true, description: 'At least one kind; null: all kinds.' })
  allowedKinds?: CredentialType[] | null;

  @Field(() => [CredentialKindLifetimeInput], {
    nullable: true,
    description: 'Kinds named here get the maximum given; kinds left out keep theirs. null: every kind back to the tenant’s maximum.',
  })
  kindLifetimes?: CredentialKindLifetimeInput[] | null;

  @Field(() => Int, { nullable: true, description: '2048, 3072 or 4096; null: 2048.' })
  minRsaKeyBits?: number | null;

  @Field(() => [KeyCurve], { nullable: true, description: 'May be empty (RSA keys only); null: every curve.' })
  allowedKeyCurves?: KeyCurve[] | null;

  @Field(() => Int, { nullable: true, description: 'From 1 to 365 (or the tenant’s lower maximum); null: no policy limit.' })
  personalApiKeyMaxLifetimeDays?: number | null;
}

@ObjectType({
  description: 'An existing credential or personal API key that breaks the tenant’s current credential policy. It keeps working.',
})
export class CredentialPolicyViolation {
  @Field(() => ID, { description: 'The credential’s id, or the personal API key’s.' })
  id!: string;

  @Field(() => CredentialType, { nullable: true, description: 'Null for a personal API key.' })
  credentialType!: CredentialType | null;

  @Field(() => String, { description: 'What it is, in people’s words, e.g. `client secret kwcs_…AbCd`.' })
  label!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ID, { nullable: true, description: 'The `id` of its API client; null for a personal API key.' })
  apiClientId!: string | null;

  @Field(() => String, { nullable: true, description: 'The client ID of its API client; null for a personal API key.' })
  clientId!: string | null;

  @Field(() => String, { nullable: true, description: 'Whose personal API key it is; null for a credential.' })
  ownerName!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => [CredentialPolicyRule], { description: 'The rules it breaks.' })
  rules!: PolicyRule[];
}

export const CredentialPolicyViolationConnection = connectionType('CredentialPolicyViolation', CredentialPolicyViolation);
