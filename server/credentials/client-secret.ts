import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets: `kwcs_` + 43 base62 characters (256 random bits) + a 6-character CRC-32 checksum,
 * so secret scanners recognise them and a typo is caught before any lookup. Stored only as a
 * versioned HMAC-SHA-256 with a server-side pepper.
 */
export const SECRET_PREFIX = 'kwcs_';
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const SECRET_LENGTH = SECRET_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HASH_VERSION = 'hmac-sha256.v1';

function base62(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  while (rest > 0n) {
    out = BASE62[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(length, '0');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(body: string): string {
  return base62(BigInt(crc32(`${SECRET_PREFIX}${body}`)), CHECKSUM_LENGTH);
}

export interface GeneratedSecret {
  secret: string;
  /** What may be shown later: the prefix and the last four characters. */
  hint: string;
}

export function generateClientSecret(): GeneratedSecret {
  const body = base62(BigInt(`0x${randomBytes(32).toString('hex')}`), BODY_LENGTH);
  const secret = `${SECRET_PREFIX}${body}${checksum(body)}`;
  return { secret, hint: secretHint(secret) };
}

export function secretHint(secret: string): string {
  return `${SECRET_PREFIX}…${secret.slice(-4)}`;
}

export type SecretShape = { ok: true } | { ok: false; reason: 'format' | 'checksum' };

/** Checks the form and the checksum only — no lookup, no hashing. */
export function checkSecretShape(presented: string): SecretShape {
  if (presented.length !== SECRET_LENGTH || !presented.startsWith(SECRET_PREFIX)) return { ok: false, reason: 'format' };
  const body = presented.slice(SECRET_PREFIX.length, SECRET_PREFIX.length + BODY_LENGTH);
  const sum = presented.slice(SECRET_PREFIX.length + BODY_LENGTH);
  if (!/^[0-9A-Za-z]+$/.test(body + sum)) return { ok: false, reason: 'format' };
  return checksum(body) === sum ? { ok: true } : { ok: false, reason: 'checksum' };
}

export function hashClientSecret(secret: string, pepper: Buffer): string {
  return `${HASH_VERSION}$${createHmac('sha256', pepper).update(secret, 'utf8').digest('base64url')}`;
}

/**
 * True when the presented secret has a valid checksum and matches the stored hash. The hash comparison
 * takes the same time wherever the first difference is.
 */
export function verifyClientSecret(presented: string, storedHash: string, pepper: Buffer): boolean {
  if (!checkSecretShape(presented).ok) return false;
  const [version] = storedHash.split('$', 1);
  if (version !== HASH_VERSION) return false;
  const expected = Buffer.from(storedHash);
  const actual = Buffer.from(hashClientSecret(presented, pepper));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
