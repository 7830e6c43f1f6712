import { Entity, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Tenant } from '../tenants/tenant.entity.js';

export type CaKind = 'root' | 'intermediate';

/**
 * A tenant's CA: one `root` and one `intermediate` row per tenant. The certificate is public; the private key is
 * sealed (AES-256-GCM) with a key derived from the master key. Each row also holds the CA's last signed CRL and its
 * number (server/pki/ca.service.ts explains how CRL numbers only ever grow).
 */
@Entity({ tableName: 'certificate_authority' })
export class CertificateAuthorityRecord {
  [PrimaryKeyProp]?: ['tenant', 'kind'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => Tenant, { primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @PrimaryKey({ type: 'string', length: 20 })
  kind!: CaKind;

  /** DER, base64. */
  @Property({ type: 'text' })
  certificate!: string;

  @Property({ type: 'text' })
  sealedPrivateKey!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** The number of the last CRL this CA signed (0: none yet). */
  @Property({ type: 'bigint' })
  crlNumber!: string;

  /** That CRL (DER, base64) while it is current; null once a revocation makes it stale. */
  @Property({ type: 'text', nullable: true })
  crl?: string | null;

  @Property({ type: 'datetime', nullable: true })
  crlIssuedAt?: Date | null;
}

/** A certificate revoked by deleting its credential or its API client; every row is listed on its tenant's CRL. */
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
