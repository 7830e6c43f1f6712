import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Tenant, type TokenSigningAlgorithm } from '../tenants/tenant.entity.js';

/**
 * A tenant's token-signing keys. A key is published in the tenant's JWKS from `createdAt`, signs from `activatesAt`
 * until `retiredAt` (the next key's activation), and stays published until `expiresAt`, when every token it signed
 * has expired. Private keys are sealed with the master key.
 */
@Entity({ tableName: 'signing_key' })
export class SigningKey {
  [OptionalProps]?: 'createdAt' | 'alg';

  @PrimaryKey({ type: 'string', length: 64 })
  kid!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade', index: true })
  tenant!: Rel<Tenant>;

  @Property({ type: 'string', length: 10 })
  alg: TokenSigningAlgorithm = 'ES256';

  @Property({ type: 'datetime' })
  activatesAt!: Date;

  @Property({ type: 'json' })
  publicJwk!: Record<string, unknown>;

  @Property({ type: 'text' })
  sealedPrivateKey!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  /** When the key leaves the JWKS (retiredAt + the longest token lifetime). Null while current. */
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;
}

/** Access tokens revoked before their expiry (RFC 7009), kept until they would have expired. */
@Entity({ tableName: 'revoked_token' })
@Index({ properties: ['expiresAt'] })
export class RevokedToken {
  [OptionalProps]?: 'revokedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  jti!: string;

  @Property({ type: 'uuid' })
  apiClientId!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  revokedAt: Date = new Date();
}

/**
 * DPoP proofs already used, by their key's thumbprint and a hash of their jti (any length a client chose), kept until
 * the proof is too old to be accepted anyway: the unique key refuses a replay in every process (docs/token-service.md#dpop).
 */
@Entity({ tableName: 'dpop_proof' })
@Index({ properties: ['expiresAt'] })
export class DpopProof {
  @PrimaryKey({ type: 'string', length: 43 })
  jkt!: string;

  @PrimaryKey({ type: 'string', length: 43 })
  jtiHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}

/**
 * Tokens a client got in its current hour and day (calendar hour and day, UTC), one row per client with a token quota:
 * one statement counts a request against both windows, or neither, in every process (docs/token-service.md#quotas).
 */
@Entity({ tableName: 'token_quota_usage' })
@Index({ properties: ['dayStart'] })
export class TokenQuotaUsage {
  @PrimaryKey({ type: 'uuid' })
  apiClientId!: string;

  @Property({ type: 'datetime' })
  hourStart!: Date;

  @Property({ type: 'integer' })
  hourCount!: number;

  @Property({ type: 'datetime' })
  dayStart!: Date;

  @Property({ type: 'integer' })
  dayCount!: number;
}

/**
 * Access tokens issued to a credential whose client limits its active tokens, kept until they expire; written only
 * while that limit is on (docs/token-service.md#max-active-tokens). A revoked token's row is deleted.
 */
@Entity({ tableName: 'active_token' })
@Index({ properties: ['credentialId', 'expiresAt'] })
@Index({ properties: ['expiresAt'] })
export class ActiveToken {
  @PrimaryKey({ type: 'string', length: 64 })
  jti!: string;

  @Property({ type: 'uuid' })
  credentialId!: string;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
