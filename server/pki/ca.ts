/**
 * Keyward's certificate authority: a root that only signs the intermediate, and the
 * intermediate that signs client certificates and the CRL.
 *
 * Keys: the root is EC P-384 (signing with ECDSA-SHA384), long-lived and rarely used, so it gets
 * the stronger curve; the intermediate is EC P-256, so every client certificate and CRL carries
 * an ecdsa-with-SHA256 signature as §4.2 asks, verifiable by OpenSSL, Java and browsers alike.
 * Both are quick to generate, unlike RSA-4096.
 */

import { basicConstraintsExtension, CLOCK_SKEW_MS, parsePublicKeyInfo, signCertificate } from './issue.js';
import { generateEcKeyPair } from './keys.js';
import { buildName, KeyUsage, keyUsageExtension } from './pkijs-engine.js';
import type { CertificateAuthority } from './types.js';

export const ROOT_COMMON_NAME = 'Keyward Root CA';
export const INTERMEDIATE_COMMON_NAME = 'Keyward Intermediate CA';
const ROOT_VALIDITY_YEARS = 20;
const INTERMEDIATE_VALIDITY_YEARS = 10;

function yearsAfter(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

export async function createCertificateAuthority(options: { organization: string; now?: Date }): Promise<CertificateAuthority> {
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
      extensions: [
        basicConstraintsExtension({ ca: true, pathLength: 0 }),
        keyUsageExtension([KeyUsage.digitalSignature, KeyUsage.keyCertSign, KeyUsage.cRLSign]),
      ],
    },
    { privateKeyPkcs8: rootKey.privateKeyPkcs8, certificate: root.certificate },
  );

  return {
    root: { certificateDer: root.der, privateKeyPkcs8: rootKey.privateKeyPkcs8 },
    intermediate: { certificateDer: intermediate.der, privateKeyPkcs8: intermediateKey.privateKeyPkcs8 },
  };
}
