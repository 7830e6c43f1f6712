import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../kernel/clock.js';
import { BadUserInputError, ForbiddenError } from '../kernel/errors.js';
import { ALL_PERMISSIONS, Permission } from '../kernel/permissions.js';
import { UserStatus } from '../users/user.entity.js';
import { PersonalApiKeyStatus } from './personal-api-key.entity.js';
import {
  effectiveKeyPermissions,
  keyExpiry,
  keyLifetimeDays,
  keyPermissions,
  keyStatus,
  normalizeKeyName,
  regeneratedExpiry,
} from './personal-api-key.rules.js';

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

  it('the tenant’s credential-lifetime maximum caps the expiry, the default and a regeneration, and the refusal names it', () => {
    expect(keyLifetimeDays(365)).toBe(365);
    expect(keyLifetimeDays(30)).toBe(30);
    expect(keyExpiry(undefined, now, 30)).toEqual(later(30));
    expect(keyExpiry(later(30), now, 30)).toEqual(later(30));
    expect(() => keyExpiry(later(31), now, 30)).toThrow(/more than 30 days ahead, the longest this tenant allows/);
    expect(regeneratedExpiry({ createdAt: now, expiresAt: later(365) }, later(1), 30)).toEqual(later(31));
  });

  it('permissions: left out, the owner’s except SECURITY_ADMINISTRATION; chosen, a non-empty subset of the owner’s', () => {
    const all = new Set(ALL_PERMISSIONS);
    const { CLIENT_ADMINISTRATION, CLIENT_CREATE, SECURITY_ADMINISTRATION } = Permission;
    expect(keyPermissions(undefined, all)).toEqual(ALL_PERMISSIONS.filter((p) => p !== SECURITY_ADMINISTRATION));
    expect(keyPermissions([SECURITY_ADMINISTRATION, CLIENT_ADMINISTRATION, CLIENT_ADMINISTRATION], all)).toEqual([
      CLIENT_ADMINISTRATION,
      SECURITY_ADMINISTRATION,
    ]);
    expect(() => keyPermissions([], all)).toThrow(expect.objectContaining({ field: 'permissions' }));
    expect(() => keyPermissions(null, new Set())).toThrow(BadUserInputError);
    expect(() => keyPermissions(undefined, new Set([SECURITY_ADMINISTRATION]))).toThrow(/permissions: \[SECURITY_ADMINISTRATION\]/);
    expect(() => keyPermissions([CLIENT_CREATE], new Set([CLIENT_ADMINISTRATION]))).toThrow(ForbiddenError);
    expect(() => keyPermissions([CLIENT_CREATE], new Set([CLIENT_ADMINISTRATION]))).toThrow(
      /you do not hold CLIENT_CREATE \(Security Create New Client\)/,
    );
  });

  it('a key acts with the permissions chosen for it that its owner still holds', () => {
    const { CLIENT_ADMINISTRATION, CLIENT_CREATE, CLIENT_REMOVE } = Permission;
    expect(effectiveKeyPermissions([CLIENT_ADMINISTRATION, CLIENT_CREATE], new Set([CLIENT_ADMINISTRATION, CLIENT_REMOVE]))).toEqual(
      new Set([CLIENT_ADMINISTRATION]),
    );
  });

  it('status: REVOKED, then EXPIRED, then SUSPENDED (owner not active), else VALID', () => {
    const key = { expiresAt: later(1), revokedAt: null };
    expect(keyStatus(key, UserStatus.ACTIVE, now)).toBe(PersonalApiKeyStatus.VALID);
    expect(keyStatus(key, UserStatus.DISABLED, now)).toBe(PersonalApiKeyStatus.SUSPENDED);
    expect(keyStatus(key, UserStatus.ACTIVE, later(1))).toBe(PersonalApiKeyStatus.EXPIRED);
    expect(keyStatus({ ...key, revokedAt: now }, UserStatus.DISABLED, later(2))).toBe(PersonalApiKeyStatus.REVOKED);
  });
});
