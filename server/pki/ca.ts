/**
 * A tenant's certificate authority (each tenant has its own): a root that only signs the intermediate and its
 * CRL, and the intermediate that signs client certificates and their CRL.
 *
 * Keys: the root is EC P-384 (signing with ECDSA-SHA384), long-lived and rarely used, so it gets
 * the stronger curve; the intermediate is EC P-256, so every client certificate and CRL carries
 * an ecdsa-with-SHA256 signature as docs/formats.md#client-certificates says, verifiable by OpenSSL, Java and browsers alike.
 * Both are quick to generate, unlike RSA-4096.
 */

import {
  basicConstraintsExtension,
  CLOCK_SKEW_MS,
  parseCertificate,
  parsePublicKeyInfo,
  type RevocationLocations,
  revocationExtensions,
  signCertificate,
} from './issue.js';
import { generateEcKeyPair } from './keys.js';
import { buildName, KeyUsage, keyUsageExtension, OID } from './pkijs-engine.js';
import type { CaMaterial, CertificateAuthority } from './types.js';

export const ROOT_COMMON_NAME = 'Keyward Root CA';
export const INTERMEDIATE_COMMON_NAME = 'Keyward Intermediate CA';
const ROOT_VALIDITY_YEARS = 20;
const INTERMEDIATE_VALIDITY_YEARS = 10;

function yearsAfter(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

function intermediateExtensions(revocation?: RevocationLocations) {
  return [
    basicConstraintsExtension({ ca: true, pathLength: 0 }),
    keyUsageExtension([KeyUsage.digitalSignature, KeyUsage.keyCertSign, KeyUsage.cRLSign]),
    ...revocationExtensions(revocation),
  ];
}

/**
 * A root and an intermediate. With `revocation` (the root's CRL and certificate URLs), the intermediate names the
 * root's CRL, so chain-wide revocation checking (`-crl_check_all`, nginx `ssl_crl`, Java PKIX) can check it too.
 */
export async function createCertificateAuthority(options: {
  organization: string;
  now?: Date;
  revocation?: RevocationLocations;
}): Promise<CertificateAuthority> {
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const [rootKey, intermediateKey] = await Promise.all([generateEcKeyPair('P-384'), generateEcKeyPair('P-256')]);

  const root = await signCertificate(
    {
      subject: buildName({ organization: options.organization, commonName: ROOT_COMMON_NAME }),
      publicKeyInfo: parsePublicKeyInfo(rootKey.publicKeySpki),
      notBefore,
      notAfter: yearsAfter(now, ROOT_VALIDITY_YEARS),
      extensions: [basicConstraintsExtension({ ca: true }), keyUsageExtension([KeyUsage.keyCertSign, KeyUsage.cRLSign])],
    },
    { privateKeyPkcs8: rootKey.privateKeyPkcs8 },
  );

  const intermediate = await signCertificate(
    {
      subject: buildName({ organization: options.organization, commonName: INTERMEDIATE_COMMON_NAME }),
      publicKeyInfo: parsePublicKeyInfo(intermediateKey.publicKeySpki),
      notBefore,
      notAfter: yearsAfter(now, INTERMEDIATE_VALIDITY_YEARS),
      extensions: intermediateExtensions(options.revocation),
    },
    { privateKeyPkcs8: rootKey.privateKeyPkcs8, certificate: root.certificate },
  );

  return {
    root: { certificateDer: root.der, privateKeyPkcs8: rootKey.privateKeyPkcs8 },
    intermediate: { certificateDer: intermediate.der, privateKeyPkcs8: intermediateKey.privateKeyPkcs8 },
  };
}

/** Whether a CA certificate names a CRL Distribution Point (CAs made before per-tenant CRLs do not). */
export function hasCrlDistributionPoint(certificateDer: Buffer): boolean {
  return parseCertificate(certificateDer).extensions?.some((extension) => extension.extnID === OID.crlDistributionPoints) ?? false;
}

/**
 * The intermediate again, signed by the same root with the same key, subject and validity, now naming the root's
 * CRL: certificates issued by the old one still chain to it (same name, same key identifier), and relying parties
 * that check revocation chain-wide can find the root's CRL.
 */
export async function reissueIntermediate(ca: CertificateAuthority, revocation: RevocationLocations): Promise<CaMaterial> {
  const current = parseCertificate(ca.intermediate.certificateDer);
  const reissued = await signCertificate(
    {
      subject: current.subject,
      publicKeyInfo: current.subjectPublicKeyInfo,
      notBefore: current.notBefore.value,
      notAfter: current.notAfter.value,
      extensions: intermediateExtensions(revocation),
    },
    { privateKeyPkcs8: ca.root.privateKeyPkcs8, certificate: parseCertificate(ca.root.certificateDer) },
  );
  return { certificateDer: reissued.der, privateKeyPkcs8: ca.intermediate.privateKeyPkcs8 };
}
