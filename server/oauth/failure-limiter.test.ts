import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.js';
import { addressKey, FailureLimiter } from './failure-limiter.js';

let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
});

/** The answers to `times` failures in a row: null (answer the failure itself) or the Retry-After seconds. */
const failures = (limiter: FailureLimiter, times: number, clientId: string | null, address: string) =>
  Array.from({ length: times }, () => limiter.fail(clientId, address));

describe('FailureLimiter', () => {
  it('answers the failures within the (client ID, address) budget themselves, and the next ones 429 until the window ends', () => {
    const limiter = new FailureLimiter(3, 100, clock);
    expect(failures(limiter, 3, 'billing', '198.51.100.7')).toEqual([null, null, null]);
    expect(limiter.fail('billing', '198.51.100.7')).toBe(60);
    clock.advance(45_500);
    expect(limiter.fail('billing', '198.51.100.7')).toBe(15);
    clock.advance(14_500);
    expect(limiter.fail('billing', '198.51.100.7')).toBeNull();
  });

  it('keeps the budget of a client ID per address: failures from one address leave another its own', () => {
    const limiter = new FailureLimiter(3, 100, clock);
    failures(limiter, 10, 'billing', '198.51.100.7');
    expect(failures(limiter, 3, 'billing', '203.0.113.9')).toEqual([null, null, null]);
    expect(limiter.fail('billing', '203.0.113.9')).toBe(60);
    // The same address naming another client starts that pair's budget afresh.
    expect(limiter.fail('orders', '198.51.100.7')).toBeNull();
  });

  it('counts every failure of an address, whatever client it names or none, against the address budget', () => {
    const limiter = new FailureLimiter(100, 5, clock);
    const answers = ['a', 'b', null, 'c', 'd'].map((clientId) => limiter.fail(clientId, '198.51.100.7'));
    expect(answers).toEqual([null, null, null, null, null]);
    expect(limiter.fail('e', '198.51.100.7')).toBe(60);
    expect(limiter.fail(null, '198.51.100.7')).toBe(60);
    expect(limiter.fail('e', '198.51.100.8')).toBeNull();
  });

  it('counts an IPv6 address by its /64, and an IPv4-mapped one as the IPv4 address', () => {
    const limiter = new FailureLimiter(100, 2, clock);
    expect(limiter.fail(null, '2001:db8:1:2::1')).toBeNull();
    expect(limiter.fail(null, '2001:db8:1:2:ffff:ffff:ffff:ffff')).toBeNull();
    expect(limiter.fail(null, '2001:db8:1:2:0:0:0:abcd')).toBe(60);
    expect(limiter.fail(null, '2001:db8:1:3::1')).toBeNull();
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });

  it('stays bounded in memory under a flood of distinct client IDs and addresses', () => {
    const limiter = new FailureLimiter(10, 10, clock);
    for (let i = 0; i < 120_000; i++) limiter.fail(`client-${i}-${'x'.repeat(300)}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const windows = (limiter as unknown as { windows: Map<string, unknown> }).windows;
    expect(windows.size).toBeLessThanOrEqual(100_001);
    for (const key of windows.keys()) expect(key.length).toBeLessThan(260);
  });
});
