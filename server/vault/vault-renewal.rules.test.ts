import { describe, expect, it } from 'vitest';
import { renewalDue, renewalDueAt, retryDelayMs } from './vault-renewal.rules.js';

const now = new Date('2027-01-10T12:00:00Z');
const minutes = (n: number) => n * 60_000;
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('when the renewal job renews an OAuth2 access token', () => {
  it('when a fifth of its lifetime is left, or two minutes, whichever is more', () => {
    // A 1-hour token obtained now: due 12 minutes before its end.
    expect(renewalDueAt({ enabled: true, lastRenewedAt: now, accessTokenExpiresAt: at(minutes(60)) }, now)).toEqual(at(minutes(48)));
    // A 5-minute token: the two-minute floor.
    expect(renewalDueAt({ enabled: true, lastRenewedAt: now, accessTokenExpiresAt: at(minutes(5)) }, now)).toEqual(at(minutes(3)));
  });

  it('at the retry time after a failure, and never for a credential without a token, disabled, expired or needing reauthorization', () => {
    const base = { enabled: true, lastRenewedAt: now, accessTokenExpiresAt: at(minutes(60)) };
    expect(renewalDueAt({ ...base, nextRenewalAttemptAt: at(minutes(2)) }, now)).toEqual(at(minutes(2)));
    expect(renewalDueAt({ ...base, accessTokenExpiresAt: null }, now)).toBeNull();
    expect(renewalDueAt({ ...base, enabled: false }, now)).toBeNull();
    expect(renewalDueAt({ ...base, expiresAt: now }, now)).toBeNull();
    expect(renewalDueAt({ ...base, needsReauthorizationAt: now }, now)).toBeNull();
    expect(renewalDue(base, at(minutes(47)))).toBe(false);
    expect(renewalDue(base, at(minutes(48)))).toBe(true);
  });

  it('backs off 1, 2, 4, 8… minutes, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((failures) => retryDelayMs(failures, 60) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});
