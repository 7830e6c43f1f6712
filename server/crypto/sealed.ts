import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for keys at rest (CA and, later, token-signing keys). The output names its version;
 * `context` is bound as additional data so a sealed value cannot be moved to another purpose or row.
 */
const VERSION = 'aes256gcm-v1';

export function seal(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export class UnsealError extends Error {}

export function unseal(key: Buffer, sealed: string, context: string): Buffer {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new UnsealError(`Unknown sealed-value format (${version}).`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new UnsealError('A key stored at rest could not be decrypted: KEYWARD_MASTER_KEY is not the key it was encrypted with.');
  }
}
