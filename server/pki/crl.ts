/** Certificate revocation lists: a tenant's intermediate's (`<issuer>/pki/crl`) and its root's (`<issuer>/pki/root.crl`). */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseCertificate } from './issue.js';
import {
  authorityKeyIdentifierExtension,
  cryptoEngine,
  extension,
  importSigningKey,
  OID,
  serialInteger,
  subjectKeyIdentifierOf,
  x509Time,
} from './pkijs-engine.js';
import type { CaMaterial, RevokedSerial } from './types.js';

/**
 * A v2 CRL (DER) listing the revoked serials, with AKI and cRLNumber extensions. The CRL number must grow with
 * each new CRL: the service passes its stored counter (server/pki/ca.service.ts); without one it is `thisUpdate` in
 * Unix seconds, which only grows across seconds.
 */
export async function buildCrl(options: {
  issuer: CaMaterial;
  revoked: RevokedSerial[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber?: number;
}): Promise<Buffer> {
  const issuerCertificate = parseCertificate(options.issuer.certificateDer);
  const crlNumber = options.crlNumber ?? Math.floor(options.thisUpdate.getTime() / 1000);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuerCertificate.subject,
    thisUpdate: x509Time(options.thisUpdate),
    nextUpdate: x509Time(options.nextUpdate),
    // RFC 5280 §5.1.2.6: with no revoked certificates the list is absent, not empty.
    ...(options.revoked.length > 0 && {
      revokedCertificates: options.revoked.map(
        (entry) =>
          new pkijs.RevokedCertificate({ userCertificate: serialInteger(entry.serialHex), revocationDate: x509Time(entry.revokedAt) }),
      ),
    }),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        authorityKeyIdentifierExtension(subjectKeyIdentifierOf(issuerCertificate)),
        extension(OID.crlNumber, false, new asn1js.Integer({ value: crlNumber })),
      ],
    }),
  });
  const { key, hash } = await importSigningKey(options.issuer.privateKeyPkcs8);
  await crl.sign(key, hash, cryptoEngine);
  return Buffer.from(crl.toSchema().toBER(false));
}
