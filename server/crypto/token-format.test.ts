import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tokenFormat } from './token-format.js';

const clientSecret = tokenFormat('kwcs_');
const personalKey = tokenFormat('kwpat_');
const pepper = Buffer.alloc(32, 7);

describe('the token format', () => {
  it('keeps the checksum and hash of client secrets issued before it was shared (fixed vectors)', () => {
    const issued = 'kwcs_00000000000000000000000000000000000000000001PxXwe';
    expect(clientSecret.checkShape(issued)).toEqual({ ok: true });
    expect(clientSecret.checkShape('kwcs_Keywardxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1Ds3nQ')).toEqual({ ok: true });
    expect(clientSecret.hash(issued, pepper)).toBe('hmac-sha256.v1$Ks_wIleVFZAxR2RXqXncQErIyP-4BSzwZ22-Ea85Fi0');
    expect(personalKey.checkShape('kwpat_000000000000000000000000000000000000000000034yAox')).toEqual({ ok: true });
  });

  it('generates `<prefix>` + 49 base62 characters whose checksum holds, with a hint of the prefix and last four', () => {
    for (const format of [clientSecret, personalKey]) {
      const { token, hint } = format.generate();
      expect(token).toMatch(new RegExp(`^${format.prefix}[0-9A-Za-z]{49}$`));
      expect(token).toHaveLength(format.length);
      expect(hint).toBe(`${format.prefix}…${token.slice(-4)}`);
      expect(format.checkShape(token)).toEqual({ ok: true });
      expect(format.verify(token, format.hash(token, pepper), pepper)).toBe(true);
    }
  });

  it('tells a malformed token from a mistyped one, before any lookup', () => {
    const { token } = personalKey.generate();
    const typo = `${token.slice(0, 20)}${token[20] === 'a' ? 'b' : 'a'}${token.slice(21)}`;
    expect(personalKey.checkShape(typo)).toEqual({ ok: false, reason: 'checksum' });
    for (const malformed of [
      '',
      'kwpat_',
      `${token}a`,
      token.slice(0, -1),
      `${token.slice(0, 30)}-${token.slice(31)}`,
      `${token.slice(0, 30)}é${token.slice(31)}`,
    ]) {
      expect(personalKey.checkShape(malformed)).toEqual({ ok: false, reason: 'format' });
    }
    // One format's token is not the other's, even though the body and checksum rules are the same.
    expect(clientSecret.checkShape(token)).toEqual({ ok: false, reason: 'format' });
  });

  it('verifies only against the same pepper and a known hash version', () => {
    const { token } = personalKey.generate();
    const stored = personalKey.hash(token, pepper);
    expect(personalKey.verify(token, stored, Buffer.alloc(32, 8))).toBe(false);
    expect(personalKey.verify(token, stored.replace('v1', 'v0'), pepper)).toBe(false);
    expect(personalKey.verify(personalKey.generate().token, stored, pepper)).toBe(false);
  });
});

/** Deterministic bytes (xorshift32), so a megabyte of "random" input has a fixed expected checksum. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('the CRC-32 behind the checksum', () => {
  // Expected values computed by the table-driven CRC-32 the token format used before node:zlib's crc32.
  it('gives the values of the earlier implementation', () => {
    expect(crc32('')).toBe(0x00000000);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
    expect(crc32('kwcs_Keywardxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBe(0x42d2c604);
    expect(crc32(Buffer.from(Array.from({ length: 256 }, (_, i) => i)))).toBe(0x29058c73);
    const mebibyte = pseudoRandomBytes(1 << 20, 0x9e3779b9);
    expect(mebibyte.subarray(0, 4).toString('hex')).toBe('193e3ab5');
    expect(crc32(mebibyte)).toBe(0x586edb66);
  });
});
