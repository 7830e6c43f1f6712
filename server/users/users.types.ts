import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Permission } from '../kernel/permissions.js';
import type { TokenSigningAlgorithm as TokenSigningAlgorithmName } from '../tenants/tenant.entity.js';
import { TokenQuotaMode } from '../tenants/token-quota.rules.js';
import { User } from './user.entity.js';

/** The GraphQL enum of the tenant setting; its values are exactly TOKEN_SIGNING_ALGORITHMS. */
export const TokenSigningAlgorithm = { ES256: 'ES256', RS256: 'RS256', EdDSA: 'EdDSA' } as const satisfies {
  [name in TokenSigningAlgorithmName]: name;
};

registerEnumType(TokenSigningAlgorithm, {
  name: 'TokenSigningAlgorithm',
  description: 'The JWS algorithm (the `alg` header) of a tenant’s access tokens.',
  valuesConfig: {
    ES256: { description: 'ECDSA with P-256 and SHA-256: short tokens, fast to verify. The default.' },
    RS256: { description: 'RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key: what every JWT library accepts (RFC 9068 asks for it).' },
    EdDSA: { description: 'Ed25519 (RFC 8037): small and fast, but not every resource-server library supports it.' },
  },
});

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: 'The address the person signs in with; unique across Keyward.' })
  email!: string;

  @Field(() => String, { description: '1–100 characters.' })
  name!: string;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'The teams the user joins; their permissions are the union of these teams’.',
  })
  teamIds?: string[] | null;
}

@ObjectType({ description: 'A new user and the temporary password to hand over; it is shown only here, once.' })
export class CreateUserPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: 'Shown once. The user must replace it with a password of their own at first sign-in.' })
  temporaryPassword!: string;
}

@InputType({ description: 'Only the fields given change. `teamIds` replaces the user’s teams.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;
}

@InputType()
export class CreateTeamInput {
  @Field(() => String, { description: 'Unique in the tenant; 1–100 characters.' })
  name!: string;

  @Field(() => [Permission], { nullable: true, defaultValue: [] })
  permissions?: Permission[] | null;
}

@InputType({ description: 'Only the fields given change. `permissions` replaces the team’s permissions.' })
export class UpdateTeamInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [Permission], { nullable: true })
  permissions?: Permission[] | null;
}

@InputType({ description: 'Only the settings given change. Each limit is at least 1 and at most the system maximum.' })
export class UpdateTenantSettingsInput {
  @Field(() => Int, { nullable: true, description: 'At most 1000; not below the number of API clients the tenant holds.' })
  maxClients?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most 20; not below the number of credentials any API client holds.' })
  maxCredentialsPerClient?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most 365. Applies to credentials created from now on; existing ones keep their expiry.',
  })
  maxCredentialLifetimeDays?: number | null;

  @Field(() => TokenSigningAlgorithm, {
    nullable: true,
    description:
      'A change publishes a new signing key of this algorithm at once; new tokens are signed with it only once every cached JWKS has expired (`Tenant.tokenSigningAlgorithmEffectiveAt`). Resource servers that pin an algorithm must allow it first.',
  })
  tokenSigningAlgorithm?: TokenSigningAlgorithmName | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'From 1 to 3650 (default 90): a credential not used for this many days (from its creation if never used) is listed in unusedCredentials and reported once as credential.unused.',
  })
  unusedCredentialDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'When true, a credential is disabled (as setCredentialEnabled does) when it becomes unused. Default false.',
  })
  autoDisableUnusedCredentials?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Default tokens per hour for each API client, 1–1,000,000; null = no hourly quota; left out = unchanged.',
  })
  tokensPerHour?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Default tokens per day for each API client, 1–10,000,000; null = no daily quota; left out = unchanged.',
  })
  tokensPerDay?: number | null;

  @Field(() => TokenQuotaMode, { nullable: true, description: 'Default for clients that choose none; left out = unchanged.' })
  tokenQuotaMode?: TokenQuotaMode | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Default most unexpired access tokens per credential, 1–100,000; null = no limit; left out = unchanged.',
  })
  maxActiveTokensPerCredential?: number | null;
}
