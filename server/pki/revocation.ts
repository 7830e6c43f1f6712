import type { EntityManager } from '@mikro-orm/postgresql';
import { CertificateAuthorityRecord, RevokedCertificate } from './certificate-authority.entity.js';

export interface CertificateToRevoke {
  /** Lowercase hex. */
  serial: string;
  credentialId: string;
}

/**
 * Revokes certificates in the caller's transaction (deleting a certificate credential, or its API client): the
 * serials join the tenant's CRL, and the tenant's signed CRL is marked stale in the same transaction, so the next
 * request in any process signs a new one with the next CRL number. Updating the CA row also waits for a CRL being
 * signed at that moment (it holds the row), so no signed CRL can miss a committed revocation.
 */
export async function revokeCertificates(
  em: EntityManager,
  tenantId: string,
  certificates: CertificateToRevoke[],
  revokedAt: Date,
): Promise<void> {
  if (certificates.length === 0) return;
  for (const { serial, credentialId } of certificates) em.create(RevokedCertificate, { serial, tenantId, credentialId, revokedAt });
  await em.nativeUpdate(CertificateAuthorityRecord, { tenant: tenantId, kind: 'intermediate' }, { crl: null });
}
