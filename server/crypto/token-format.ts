import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Keyward's secret token format: `<prefix>` + 43 base62 characters (256 random bits) + a 6-character
 * base62 CRC-32 of everything before it. The prefix lets secret scanners recognise a token and the
 * checksum catches a typo before any lookup. Tokens are stored only as a versioned HMAC-SHA-256 with a
 * server-side pepper.
 */
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HASH_VERSION = 'hmac-sha256.v1';

export interface GeneratedToken {
  token: string;
  /** What may be shown later: the prefix and the last four characters. */
  hint: string;
}

export type TokenShape = { ok: true } | { ok: false; reason: 'format' | 'checksum' };

export interface TokenFormat {
  readonly prefix: string;
  /** The whole token's length: prefix, body and checksum. */
  readonly length: number;
  generate(): GeneratedToken;
  hint(token: string): string;
  /** Checks the form and the checksum only: no lookup, no hashing. */
  checkShape(presented: string): TokenShape;
  hash(token: string, pepper: Buffer): string;
  /** True when the token has a valid shape and matches the stored hash, compared in constant time. */
  verify(presented: string, storedHash: string, pepper: Buffer): boolean;
}

function isBase62(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The checksum of a token is checked on every use: plain numbers here, not BigInt (a CRC-32 fits in 32 bits). */
function checksum(crc: number): string {
  let rest = crc;
  let out = '';
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(CHECKSUM_LENGTH, '0');
}

/** Compares the checksum characters in place, without building the expected string. */
function checksumMatches(presented: string, at: number, crc: number): boolean {
  let rest = crc;
  for (let i = at + CHECKSUM_LENGTH - 1; i >= at; i--) {
    if (presented.charCodeAt(i) !== BASE62.charCodeAt(rest % 62)) return false;
    rest = Math.floor(rest / 62);
  }
  return rest === 0;
}

function randomBody(): string {
  let rest = BigInt(`0x${randomBytes(32).toString('hex')}`);
  let out = '';
  while (rest > 0n) {
    out = BASE62[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(BODY_LENGTH, '0');
}

export function tokenFormat(prefix: string): TokenFormat {
  if (!/^[a-z]+_$/.test(prefix)) throw new Error(`A token prefix is lowercase letters and an underscore; "${prefix}" is not.`);
  const length = prefix.length + BODY_LENGTH + CHECKSUM_LENGTH;
  const checksumAt = prefix.length + BODY_LENGTH;

  const format: TokenFormat = {
    prefix,
    length,
    generate() {
      const unchecked = `${prefix}${randomBody()}`;
      const token = `${unchecked}${checksum(crc32(unchecked))}`;
      return { token, hint: format.hint(token) };
    },
    hint(token) {
      return `${prefix}…${token.slice(-4)}`;
    },
    checkShape(presented) {
      if (presented.length !== length || !presented.startsWith(prefix)) return { ok: false, reason: 'format' };
      for (let i = prefix.length; i < length; i++) if (!isBase62(presented.charCodeAt(i))) return { ok: false, reason: 'format' };
      // Every character is ASCII here (checked above), so the UTF-8 bytes zlib sums are the characters.
      const crc = crc32(presented.slice(0, checksumAt));
      return checksumMatches(presented, checksumAt, crc) ? { ok: true } : { ok: false, reason: 'checksum' };
    },
    hash(token, pepper) {
      return `${HASH_VERSION}$${createHmac('sha256', pepper).update(token, 'utf8').digest('base64url')}`;
    },
    verify(presented, storedHash, pepper) {
      if (!format.checkShape(presented).ok) return false;
      if (!storedHash.startsWith(`${HASH_VERSION}$`)) return false;
      const expected = Buffer.from(storedHash);
      const actual = Buffer.from(format.hash(presented, pepper));
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
  return format;
}
