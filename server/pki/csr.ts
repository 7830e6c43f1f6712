/**
 * Checks a pasted PKCS#10 certificate signing request (§4.2 "Custom CSR"): PEM, the right type,
 * decodable, an accepted key, and a signature that proves possession of the private key.
 * Only the public key is used; the issued subject is Keyward's, whatever the CSR asks for.
 */
import * as pkijs from 'pkijs';
import { describePublicKey } from './keys.js';
import { fromPem, type PemBlock } from './pem.js';
import { cryptoEngine, derOf, formatName, parseDer } from './pkijs-engine.js';
import type { PublicKeyAlgorithm } from './types.js';

export type CsrRefusal = 'not_pem' | 'wrong_pem_type' | 'malformed' | 'bad_signature' | 'weak_key' | 'unsupported_key';

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
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const HOW_TO_CREATE = 'e.g. with `openssl req -new -newkey rsa:2048 -nodes -keyout client.key -out client.csr`';

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
  await verifyProofOfPossession(csr);
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

function acceptedKeyAlgorithm(spki: Buffer, algorithmOid: string): PublicKeyAlgorithm {
  const key = describePublicKey(spki);
  const unsupported = (name: string) =>
    new CsrError(
      'unsupported_key',
      `The CSR's key type (${name}) is not supported. Use RSA (2048 bits or more) or EC P-256/P-384 (${HOW_TO_CREATE}).`,
    );
  switch (key.type) {
    case 'rsa':
      if (key.modulusBits < MIN_RSA_BITS) {
        throw new CsrError(
          'weak_key',
          `The CSR's RSA key is ${key.modulusBits} bits; Keyward requires at least ${MIN_RSA_BITS}. Create a new key (e.g. openssl req -new -newkey rsa:2048).`,
        );
      }
      return key.modulusBits === 2048
        ? 'RSA_2048'
        : key.modulusBits === 3072
          ? 'RSA_3072'
          : key.modulusBits === 4096
            ? 'RSA_4096'
            : 'RSA_OTHER';
    case 'ec':
      if (key.curve === 'P-256') return 'EC_P256';
      if (key.curve === 'P-384') return 'EC_P384';
      throw unsupported(`EC ${key.curve}`);
    default:
      throw unsupported(key.name === 'unknown' ? `OID ${algorithmOid}` : key.name);
  }
}

async function verifyProofOfPossession(csr: pkijs.CertificationRequest): Promise<void> {
  if (cryptoEngine.getHashAlgorithm(csr.signatureAlgorithm) === '') {
    throw new CsrError(
      'bad_signature',
      `The CSR is signed with an algorithm Keyward cannot check (OID ${csr.signatureAlgorithm.algorithmId}). Create a new CSR signed with SHA-256 (the openssl default).`,
    );
  }
  let valid: boolean;
  try {
    valid = await csr.verify(cryptoEngine);
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
