import { revokeCertificates } from '../../pki/revocation.js';
import { CredentialType } from '../credential.entity.js';
import type { CredentialKind } from './kind.js';

/** A Keyward-issued mTLS certificate (tls_client_auth): only its metadata is stored, matched by its SHA-256 thumbprint. */
export const CERTIFICATE_KIND: CredentialKind = {
  type: CredentialType.CERTIFICATE,
  words: 'certificate',
  hint: (credential) => credential.certSerial ?? null,
  auditLabel: (credential) => `certificate ${credential.certSerial?.slice(0, 8) ?? ''}`,
  snapshot: (credential) => ({
    serial: credential.certSerial,
    subject: credential.certSubject,
    keyAlgorithm: credential.certKeyAlgorithm,
    fromCsr: credential.certFromCsr,
  }),
  deletionChanges: (credential) => (credential.certSerial ? { revokedSerial: { from: null, to: credential.certSerial } } : {}),
  // Deleting a certificate revokes it: it goes on the CRL in the same transaction.
  async onDelete(em, credential, now) {
    if (!credential.certSerial) return;
    await revokeCertificates(em, credential.tenant.id, [{ serial: credential.certSerial, credentialId: credential.id }], now);
  },
  cached: (credential) => ({ secretHash: null, thumbprint: credential.certThumbprint ?? null, assertionKeys: null, federation: null }),
};
