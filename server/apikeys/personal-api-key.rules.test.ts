import { describe, expect, it } from 'vitest';
import { UserStatus } from '../auth/user.entity.js';
import { DAY_MS } from '../clock.js';
import { BadUserInputError } from '../errors.js';
import { PersonalApiKeyStatus } from './personal-api-key.entity.js';
import { keyExpiry, keyStatus, normalizeKeyName, regeneratedExpiry } from './personal-api-key.rules.js';

const now = new Date('2026-11-22T12:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * DAY_MS);

describe('personal API key rules', () => {
  it('a name is trimmed and 1–100 characters', () => {
    expect(normalizeKeyName('  ERP Integration ')).toBe('ERP Integration');
    expect(() => normalizeKeyName('  ')).toThrow(BadUserInputError);
    expect(() => normalizeKeyName(null)).toThrow(/Name is required/);
    expect(normalizeKeyName('x'.repeat(100))).toHaveLength(100);
    expect(() => normalizeKeyName('x'.repeat(101))).toThrow(/at most 100/);
  });

  it('expiry defaults to 90 days, must be in the future and at most 365 days ahead', () => {
    expect(keyExpiry(undefined, now)).toEqual(later(90));
    expect(keyExpiry(null, now)).toEqual(later(90));
    expect(keyExpiry(later(365), now)).toEqual(later(365));
    expect(() => keyExpiry(new Date(later(365).getTime() + 1), now)).toThrow(/more than 365 days ahead/);
    expect(() => keyExpiry(now, now)).toThrow(/must be in the future/);
    expect(() => keyExpiry(new Date('nonsense'), now)).toThrow(/ISO 8601/);
    expect(() => keyExpiry(later(-1), now)).toThrow(expect.objectContaining({ field: 'expiresAt' }));
  });

  it('a regenerated key lasts as long as its value was given, from now, at most 365 days', () => {
    const created = { createdAt: now, expiresAt: later(30) };
    expect(regeneratedExpiry(created, later(10))).toEqual(later(40));
    // After a regeneration the lifetime counts from it, so it does not grow each time.
    expect(regeneratedExpiry({ ...created, regeneratedAt: later(10), expiresAt: later(40) }, later(12))).toEqual(later(42));
    expect(regeneratedExpiry({ createdAt: now, expiresAt: later(500) }, now)).toEqual(later(365));
  });

  it('status: REVOKED, then EXPIRED, then SUSPENDED (owner not active), else VALID', () => {
    const key = { expiresAt: later(1), revokedAt: null };
    expect(keyStatus(key, UserStatus.ACTIVE, now)).toBe(PersonalApiKeyStatus.VALID);
    expect(keyStatus(key, UserStatus.DISABLED, now)).toBe(PersonalApiKeyStatus.SUSPENDED);
    expect(keyStatus(key, UserStatus.ACTIVE, later(1))).toBe(PersonalApiKeyStatus.EXPIRED);
    expect(keyStatus({ ...key, revokedAt: now }, UserStatus.DISABLED, later(2))).toBe(PersonalApiKeyStatus.REVOKED);
  });
});
