/** PEM (RFC 7468) encoding of DER objects: certificates, keys, CSRs and CRLs. */

export type PemLabel = 'CERTIFICATE' | 'PRIVATE KEY' | 'CERTIFICATE REQUEST' | 'X509 CRL';

export interface PemBlock {
  label: string;
  der: Buffer;
}

/** Base64 in 64-character lines between BEGIN/END lines, ending with a newline. */
export function toPem(der: Buffer, label: PemLabel): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}

// The END label must repeat the BEGIN label; text around the blocks (e.g. `openssl x509 -text` output) is ignored.
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Every PEM block in the text, in order. Tolerates CRLF and indentation; a block whose body is not
 * base64 throws, because silently skipping it would hide a damaged paste.
 */
export function fromPem(pem: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of pem.matchAll(PEM_BLOCK)) {
    const label = match[1];
    const body = match[2].replace(/\s+/g, '');
    if (!BASE64_BODY.test(body) || body.length % 4 !== 0) {
      throw new Error(`The PEM ${label} block is not valid base64.`);
    }
    blocks.push({ label, der: Buffer.from(body, 'base64') });
  }
  return blocks;
}
