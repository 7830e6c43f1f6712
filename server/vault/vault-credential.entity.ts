import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Tenant } from '../tenants/tenant.entity.js';

/** The five kinds of outbound credential (docs/vault.md#types). */
export enum VaultCredentialType {
  API_KEY = 'API_KEY',
  OAUTH2 = 'OAUTH2',
  BEARER_TOKEN = 'BEARER_TOKEN',
  BASIC_AUTH = 'BASIC_AUTH',
  CUSTOM_HEADERS = 'CUSTOM_HEADERS',
}
registerEnumType(VaultCredentialType, {
  name: 'VaultCredentialType',
  valuesConfig: {
    API_KEY: { description: 'A key sent as a header or a query parameter of the name given.' },
    OAUTH2: { description: 'An OAuth 2.0 client of another service: Keyward obtains and renews its access tokens.' },
    BEARER_TOKEN: { description: 'A fixed token sent as `Authorization: Bearer`.' },
    BASIC_AUTH: { description: 'A user name and password sent as `Authorization: Basic`.' },
    CUSTOM_HEADERS: { description: 'Up to 10 headers of your choice, sent as given.' },
  },
});

/** Derived when read (from `enabled`, the expiry and the renewal state), never stored, so it is never stale. */
export enum VaultCredentialStatus {
  VALID = 'VALID',
  NEEDS_REAUTHORIZATION = 'NEEDS_REAUTHORIZATION',
  EXPIRED = 'EXPIRED',
  DISABLED = 'DISABLED',
}
registerEnumType(VaultCredentialStatus, {
  name: 'VaultCredentialStatus',
  valuesConfig: {
    VALID: { description: 'Usable.' },
    NEEDS_REAUTHORIZATION: {
      description:
        'An OAuth2 credential whose provider refused to give it a new access token: connect it again (authorization code) or fix its client secret.',
    },
    EXPIRED: { description: 'Past its expiry (or its bearer token’s); replace the value.' },
    DISABLED: { description: 'Turned off: it gives out no authorization until it is enabled again.' },
  },
});

/**
 * A credential Keyward keeps for calling another service (docs/vault.md). What is secret — the key, token, password,
 * client secret, header values, and an OAuth2 credential's tokens — is sealed (AES-256-GCM, a key of the tenant's,
 * bound to this row's id) and never returned; the rest is plain metadata in `settings`.
 */
@ObjectType({
  description:
    'A credential for calling another service, kept sealed: its secret parts are never returned after saving, only a masked hint.',
})
@Entity({ tableName: 'vault_credential' })
@Unique({ properties: ['tenant', 'name'] })
export class VaultCredential {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled' | 'renewalFailures';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Field(() => String, { description: 'Unique in the tenant; 1–100 characters.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Field(() => VaultCredentialType)
  @Enum({ items: () => VaultCredentialType, type: 'string' })
  type!: VaultCredentialType;

  @Field(() => [String], { description: 'Who is told when it cannot be renewed or is about to expire (1–10 addresses).' })
  @Property({ type: ArrayType })
  contactEmails: string[] = [];

  @Field(() => String, { nullable: true, description: 'The URL the Test button calls when it is given none.' })
  @Property({ type: 'string', length: 2000, nullable: true })
  testUrl?: string | null;

  /** The type's plain metadata (vault.rules.ts `VaultSettings`), validated when read. Nothing secret. */
  @Property({ type: 'json' })
  settings!: Record<string, unknown>;

  /** The type's secret parts (vault.rules.ts `VaultSecrets`) as JSON, sealed for this row (vault-seal.ts). */
  @Property({ type: 'text', hidden: true })
  sealedSecrets!: string;

  /** An OAuth2 credential's current access and refresh tokens, sealed for this row; null before the first. */
  @Property({ type: 'text', nullable: true, hidden: true })
  sealedTokens?: string | null;

  @Field(() => String, { description: 'Enough of the value to tell credentials apart, e.g. `••••3f9a`; never the value.' })
  @Property({ type: 'string', length: 200 })
  hint!: string;

  @Field(() => Date, { nullable: true, description: 'When it stops being usable; none when it does not expire.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** When the current OAuth2 access token runs out (a copy of what is sealed, for the renewal scan). */
  @Field(() => Date, { nullable: true, description: 'OAuth2: when the access token Keyward holds runs out.' })
  @Property({ type: 'datetime', nullable: true })
  accessTokenExpiresAt?: Date | null;

  /** Failed renewals in a row; the status is NEEDS_REAUTHORIZATION once `needsReauthorizationAt` is set. */
  @Property({ type: 'integer' })
  renewalFailures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  needsReauthorizationAt?: Date | null;

  /** After a failed renewal, when the renewal job tries again (backing off); null when nothing failed. */
  @Field(() => Date, { nullable: true, description: 'OAuth2: after a failed renewal, when Keyward tries again.' })
  @Property({ type: 'datetime', nullable: true })
  nextRenewalAttemptAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last renewal failed, in the provider’s words where it gave some.' })
  @Property({ type: 'string', length: 500, nullable: true })
  lastRenewalError?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastRenewedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When authorization was last handed out for it (vaultCredentialAuthorization).' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 16 })
  createdByType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  createdById?: string | null;

  @Property({ type: 'string', length: 200 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
