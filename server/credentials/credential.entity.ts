import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ApiClient } from '../clients/api-client.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

export enum CredentialType {
  CLIENT_SECRET = 'CLIENT_SECRET',
  CERTIFICATE = 'CERTIFICATE',
  PRIVATE_KEY_JWT = 'PRIVATE_KEY_JWT',
  FEDERATED = 'FEDERATED',
}
registerEnumType(CredentialType, {
  name: 'CredentialType',
  valuesConfig: {
    CLIENT_SECRET: { description: 'A generated secret, sent as HTTP Basic or client_secret in the body.' },
    CERTIFICATE: { description: 'A Keyward-issued certificate, presented on the mTLS endpoint (tls_client_auth).' },
    PRIVATE_KEY_JWT: {
      description:
        'A JWT signed with the client’s own private key (client_assertion, RFC 7523); Keyward holds the public key or its jwksUri.',
    },
    FEDERATED: {
      description:
        'A JWT a trusted external issuer gave the client’s workload (GitHub Actions, a Kubernetes service account, any OIDC issuer), sent as the client assertion with client_id; Keyward holds only the rule it must meet.',
    },
  },
});

/** Derived when read, never stored, so it is never stale. */
export enum CredentialStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  SUSPENDED = 'SUSPENDED',
  DISABLED = 'DISABLED',
}
registerEnumType(CredentialStatus, {
  name: 'CredentialStatus',
  valuesConfig: {
    ACTIVE: { description: 'Usable to obtain tokens.' },
    EXPIRED: { description: 'Past its expiry; it no longer works.' },
    SUSPENDED: { description: 'Its API client is disabled; it works again when the client is enabled.' },
    DISABLED: { description: 'Disabled by itself (setCredentialEnabled): it authenticates nothing until it is enabled again.' },
  },
});

/** A client secret, certificate or public key of one API client. Always expires. Secret values and private keys are never stored. */
@ObjectType({ description: 'A client secret or certificate of an API client (metadata only; values are shown once, at creation).' })
@Entity({ tableName: 'credential' })
@Index({ properties: ['apiClient', 'expiresAt'] })
// The reminder scan: credentials by expiry, leaving out secrets replaced by a rotation (they expire by design).
@Index({
  name: 'credential_reminder_scan_index',
  expression: 'create index "credential_reminder_scan_index" on "credential" ("expires_at") where "replaced_by_id" is null',
})
// "Has this certificate a renewal?", asked by the reminder scan for each certificate it looks at.
@Index({
  name: 'credential_renewal_of_index',
  expression: 'create index "credential_renewal_of_index" on "credential" ("renewal_of_id") where "renewal_of_id" is not null',
})
// The unused-credential job's "reported, and used since?" pass reads only the credentials flagged.
@Index({
  name: 'credential_unused_reported_index',
  expression:
    'create index "credential_unused_reported_index" on "credential" ("unused_reported_at") where "unused_reported_at" is not null',
})
// The expired-credential job reads only the credentials whose credential.expired is not recorded yet, by expiry.
@Index({
  name: 'credential_expired_unreported_index',
  expression: 'create index "credential_expired_unreported_index" on "credential" ("expires_at") where "expired_reported_at" is null',
})
export class Credential {
  [OptionalProps]?: 'createdAt' | 'apiClientId' | 'enabled';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @ManyToOne(() => ApiClient, { deleteRule: 'cascade' })
  apiClient!: Rel<ApiClient>;

  @Field(() => CredentialType)
  @Enum({ items: () => CredentialType, type: 'string' })
  type!: CredentialType;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  description?: string | null;

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
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  /** Versioned keyed hash (`hmac-sha256.v1$…`) of a client secret; null for certificates. */
  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  secretHash?: string | null;

  @Field(() => String, { nullable: true, description: 'For a secret: `kwcs_…` and its last four characters.' })
  @Property({ type: 'string', length: 20, nullable: true })
  secretHint?: string | null;

  @Field(() => Boolean, {
    description:
      'A disabled credential authenticates nothing, gets no reminders, and the tokens it obtained before it was disabled stay inactive after re-enabling.',
  })
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** When `credential.unused` was recorded for its current stretch without use; cleared once it is used again (credentials/unused-credentials.ts). */
  @Property({ type: 'datetime', nullable: true })
  unusedReportedAt?: Date | null;

  /** Set when that finding disabled it (the tenant's autoDisableUnusedCredentials); cleared when it is enabled again. */
  @Property({ type: 'datetime', nullable: true })
  unusedDisabledAt?: Date | null;

  /** When `credential.expired` was recorded for it (credentials/expired-credentials.ts): once, after it expired. */
  @Property({ type: 'datetime', nullable: true })
  expiredReportedAt?: Date | null;

  /** When the credential was last disabled: tokens it obtained up to then are inactive for good (docs/token-service.md). */
  @Property({ type: 'datetime', nullable: true })
  tokensNotBefore?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Set on a secret that was rotated: the secret that replaces it.' })
  @Property({ type: 'uuid', nullable: true })
  replacedById?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set on a certificate made by renewCertificate: the certificate it renews, which keeps working until its own expiry.',
  })
  @Property({ type: 'uuid', nullable: true })
  renewalOfId?: string | null;

  /** Certificate metadata (docs/formats.md#client-certificates); null for secrets. The certificate and its key are never stored. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  certSerial?: string | null;

  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  certThumbprint?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  certSubject?: string | null;

  @Property({ type: 'datetime', nullable: true })
  certNotBefore?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  certNotAfter?: Date | null;

  @Property({ type: 'string', length: 20, nullable: true })
  certKeyAlgorithm?: string | null;

  @Property({ type: 'boolean', nullable: true })
  certFromCsr?: boolean | null;

  /**
   * What a kind without columns of its own keeps (PRIVATE_KEY_JWT: the public JWK or the jwksUri; FEDERATED: its rule), in the form its kind
   * module validates when it reads it (credentials/kinds/). Never a private key.
   */
  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;

  @Field(() => ID)
  get apiClientId(): string {
    return this.apiClient.id;
  }
}
