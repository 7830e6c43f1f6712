import { type TokenShape, tokenFormat } from '../crypto/token-format.js';

/**
 * Client secrets (docs/formats.md#secret-tokens): `kwcs_` + 43 base62 characters (256 random bits) + a 6-character CRC-32 checksum,
 * so secret scanners recognise them and a typo is caught before any lookup. Stored only as a versioned
 * HMAC-SHA-256 with a server-side pepper.
 */
const CLIENT_SECRET = tokenFormat('kwcs_');

export const SECRET_PREFIX = CLIENT_SECRET.prefix;
export const SECRET_LENGTH = CLIENT_SECRET.length;

export interface GeneratedSecret {
  secret: string;
  /** What may be shown later: the prefix and the last four characters. */
  hint: string;
}

export function generateClientSecret(): GeneratedSecret {
  const { token, hint } = CLIENT_SECRET.generate();
  return { secret: token, hint };
}

export function secretHint(secret: string): string {
  return CLIENT_SECRET.hint(secret);
}

export type SecretShape = TokenShape;

/** Checks the form and the checksum only — no lookup, no hashing. */
export function checkSecretShape(presented: string): SecretShape {
  return CLIENT_SECRET.checkShape(presented);
}

export function hashClientSecret(secret: string, pepper: Buffer): string {
  return CLIENT_SECRET.hash(secret, pepper);
}
