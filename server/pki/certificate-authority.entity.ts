import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Keyward's CA: one `root` and one `intermediate` row for the installation. The certificate is public;
 * the private key is sealed (AES-256-GCM) with a key derived from the master key.
 */
@Entity({ tableName: 'certificate_authority' })
export class CertificateAuthorityRecord {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 20 })
  kind!: 'root' | 'intermediate';

  /** DER, base64. */
  @Property({ type: 'text' })
  certificate!: string;

  @Property({ type: 'text' })
  sealedPrivateKey!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** A certificate revoked by deleting its credential; every row is listed on the CRL. */
@Entity({ tableName: 'revoked_certificate' })
export class RevokedCertificate {
  [OptionalProps]?: 'revokedAt';

  /** Lowercase hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  serial!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  credentialId!: string;

  @Property({ type: 'datetime' })
  revokedAt: Date = new Date();
}
