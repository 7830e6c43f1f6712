import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Token-signing keys (ES256). The current key has no `retiredAt`; a rotated key stays in the JWKS until
 * `expiresAt`, when every token it signed has expired. Private keys are sealed with the master key.
 */
@Entity({ tableName: 'signing_key' })
export class SigningKey {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 64 })
  kid!: string;

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
