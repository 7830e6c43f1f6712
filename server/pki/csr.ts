/**
 * Checks a pasted PKCS#10 certificate signing request (docs/formats.md#csr-rules): PEM, the right type,
 * decodable, an accepted key (RSA 2048–8192 with e = 65537, EC P-256/P-384, Ed25519), a hash that is
 * still safe (no MD5, no SHA-1), and a signature that proves possession of the private key.
 * Only the public key is used; the issued subject is Keyward's, whatever the CSR asks for.
 */
import { createPublicKey, verify } from 'node:crypto';
import * as pkijs from 'pkijs';
import { describePublicKey } from './keys.js';
import { fromPem, type PemBlock } from './pem.js';
import { cryptoEngine, derOf, formatName, parseDer } from './pkijs-engine.js';
import type { PublicKeyAlgorithm } from './types.js';

export type CsrRefusal = 'not_pem' | 'wrong_pem_type' | 'malformed' | 'bad_signature' | 'weak_signature' | 'weak_key' | 'unsupported_key';

/** A refused CSR; `message` is written for the person who pasted it and names the fix. */
export class CsrError extends Error {
  override readonly name = 'CsrError';
  constructor(
    readonly reason: CsrRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedCsr {
  /** The requested public key, DER SubjectPublicKeyInfo. */
  publicKeySpki: Buffer;
  keyAlgorithm: PublicKeyAlgorithm;
  /** The subject the CSR asked for (RFC 4514), for display only. */
  subject: string;
}

export const MAX_CSR_BYTES = 64 * 1024;
const MIN_RSA_BITS = 2048;
/** Larger keys add nothing a client certificate needs and make every handshake slow. */
const MAX_RSA_BITS = 8192;
/** Small exponents (3, 17) have a history of signature forgeries; every current tool uses 65537. */
const RSA_EXPONENT = 65537n;
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const HOW_TO_CREATE = 'e.g. `openssl req -new -newkey rsa:3072 -nodes -keyout client.key -out client.csr`';
const ACCEPTED_KEYS = 'RSA 2048 to 8192 bits, EC P-256 or P-384, or Ed25519';
const ED25519_SIGNATURE = '1.3.101.112';
/** Signature algorithms whose hash is broken (collisions can be bought), named as openssl names them. */
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.3': 'md4WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSA',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
};
/** OpenSSL's names of the curves people most often try, as NIST names them. */
const CURVE_NAMES: Record<string, string> = { secp521r1: 'P-521', secp224r1: 'P-224', prime192v1: 'P-192' };

export async function parseCsr(pem: string): Promise<ParsedCsr> {
  if (Buffer.byteLength(pem, 'utf8') > MAX_CSR_BYTES) {
    throw new CsrError(
      'malformed',
      `The CSR could not be decoded: the text is larger than ${MAX_CSR_BYTES / 1024} KiB, far more than any certificate request. Paste only the request.`,
    );
  }
  const csr = decodeCsr(findCsrBlock(pem));
  const publicKeySpki = derOf(csr.subjectPublicKeyInfo);
  const keyAlgorithm = acceptedKeyAlgorithm(publicKeySpki, csr.subjectPublicKeyInfo.algorithm.algorithmId);
  await verifyProofOfPossession(csr, keyAlgorithm);
  return { publicKeySpki, keyAlgorithm, subject: formatName(csr.subject) };
}

function findCsrBlock(pem: string): PemBlock {
  let blocks: PemBlock[];
  try {
    blocks = fromPem(pem);
  } catch {
    throw new CsrError(
      'malformed',
      'The CSR could not be decoded: the text between the BEGIN and END lines is not valid base64. Paste the request again, unchanged.',
    );
  }
  if (blocks.length === 0) {
    throw new CsrError(
      'not_pem',
      'The CSR is not PEM text. Paste the whole request, from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----.',
    );
  }
  const requests = blocks.filter((block) => CSR_LABELS.has(block.label));
  if (requests.length === 0) {
    const found = blocks[0].label;
    const warning = found.includes('PRIVATE KEY') ? ' Never share a private key: keep it where it was created.' : '';
    throw new CsrError(
      'wrong_pem_type',
      `This is a PEM ${found}, not a certificate signing request. Paste a CSR (-----BEGIN CERTIFICATE REQUEST-----), e.g. from \`openssl req -new\`.${warning}`,
    );
  }
  if (requests.length > 1) {
    throw new CsrError('malformed', `The text holds ${requests.length} certificate requests. Paste exactly one.`);
  }
  return requests[0];
}

function decodeCsr(block: PemBlock): pkijs.CertificationRequest {
  try {
    return new pkijs.CertificationRequest({ schema: parseDer(block.der) });
  } catch {
    throw new CsrError(
      'malformed',
      `The CSR could not be decoded: its content is not a PKCS#10 certificate request. Create a new CSR (${HOW_TO_CREATE}) and paste it unchanged.`,
    );
  }
}

/** RSA 2048–8192 bits with e = 65537, EC P-256/P-384 or Ed25519; anything else is refused naming what was found. */
function acceptedKeyAlgorithm(spki: Buffer, algorithmOid: string): PublicKeyAlgorithm {
  const key = describePublicKey(spki);
  switch (key.type) {
    case 'rsa':
      return acceptedRsaKey(key.modulusBits, key.publicExponent);
    case 'ec':
      if (key.curve === 'P-256') return 'EC_P256';
      if (key.curve === 'P-384') return 'EC_P384';
      throw new CsrError(
        'unsupported_key',
        `The CSR's key is on the EC curve ${CURVE_NAMES[key.curve] ?? key.curve}; use P-256 or P-384 (e.g. \`openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr\`), or RSA 2048 to 8192 bits, or Ed25519.`,
      );
    case 'ed25519':
      return 'ED25519';
    default:
      throw new CsrError(
        'unsupported_key',
        `The CSR's key type (${key.name === 'unknown' ? `OID ${algorithmOid}` : key.name}) is not supported. Use ${ACCEPTED_KEYS} (${HOW_TO_CREATE}).`,
      );
  }
}

function acceptedRsaKey(bits: number, exponent: bigint): PublicKeyAlgorithm {
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
    throw new CsrError(
      bits < MIN_RSA_BITS ? 'weak_key' : 'unsupported_key',
      `The CSR's RSA key is ${bits} bits; use ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits (${HOW_TO_CREATE}).`,
    );
  }
  if (exponent !== RSA_EXPONENT) {
    throw new CsrError(
      'weak_key',
      `The CSR's RSA key has the public exponent ${exponent}; use a key with exponent ${RSA_EXPONENT}, the default of openssl and other tools (${HOW_TO_CREATE}).`,
    );
  }
  if (bits === 2048) return 'RSA_2048';
  if (bits === 3072) return 'RSA_3072';
  if (bits === 4096) return 'RSA_4096';
  return 'RSA_OTHER';
}

async function verifyProofOfPossession(csr: pkijs.CertificationRequest, keyAlgorithm: PublicKeyAlgorithm): Promise<void> {
  refuseWeakSignature(csr.signatureAlgorithm);
  const isEd25519 = csr.signatureAlgorithm.algorithmId === ED25519_SIGNATURE;
  if (!isEd25519 && cryptoEngine.getHashAlgorithm(csr.signatureAlgorithm) === '') {
    throw new CsrError(
      'bad_signature',
      `The CSR is signed with an algorithm Keyward cannot check (OID ${csr.signatureAlgorithm.algorithmId}). Create a new CSR signed with SHA-256 (the openssl default).`,
    );
  }
  let valid: boolean;
  try {
    // pkijs cannot verify Ed25519; Node can. An Ed25519 key must sign as Ed25519, and only it may.
    valid =
      isEd25519 || keyAlgorithm === 'ED25519'
        ? isEd25519 && keyAlgorithm === 'ED25519' && verifyEd25519(csr)
        : await csr.verify(cryptoEngine);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new CsrError(
      'bad_signature',
      "The CSR's signature does not verify: it was changed after it was signed, or signed with another key. Create a new CSR.",
    );
  }
}

/** MD5 and SHA-1 signatures (and RSA-PSS over SHA-1) are refused whether or not they verify. */
function refuseWeakSignature(algorithm: pkijs.AlgorithmIdentifier): void {
  const hash = cryptoEngine.getHashAlgorithm(algorithm);
  const weak = WEAK_SIGNATURES[algorithm.algorithmId] ?? (hash === 'SHA-1' ? `RSASSA-PSS with ${hash}` : undefined);
  if (weak) {
    throw new CsrError(
      'weak_signature',
      `The CSR is signed with ${weak}, which is no longer safe; sign it with SHA-256 or stronger, the openssl default (e.g. \`openssl req -new -sha256 -key client.key -out client.csr\`).`,
    );
  }
}

function verifyEd25519(csr: pkijs.CertificationRequest): boolean {
  const key = createPublicKey({ key: derOf(csr.subjectPublicKeyInfo), format: 'der', type: 'spki' });
  return verify(null, csr.tbsView, key, csr.signatureValue.valueBlock.valueHexView);
}
