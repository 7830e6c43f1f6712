import { isIPv6 } from 'node:net';
import { type Clock, systemClock } from '../kernel/clock.js';

/** More tracked windows than this are pruned, then the oldest dropped: an attacker cannot grow the map without bound. */
const MAX_WINDOWS = 100_000;
/** Longer than any client ID Keyward makes; a longer claimed ID names no client, and would only bloat the map. */
const CLIENT_ID_KEY_LENGTH = 200;

/**
 * Failure budgets of the OAuth endpoints, per (client ID, address) and per address, in one-minute windows in this
 * process. Consulted only once a request has failed authentication: a request that authenticates is never refused,
 * however many failures others made naming its client. Past a budget, the failure is answered 429 instead of 401.
 * Guessing a 256-bit secret is hopeless anyway; the budgets slow down misconfigured and abusive callers and tell them
 * to stop. Kept in memory so no request waits on the database; with N processes a budget is N times larger.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();
  private readonly windowMs = 60_000;

  constructor(
    private readonly maxPerClientAndAddress: number,
    private readonly maxPerAddress: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Counts a failed request naming `clientId` (null: none could be read) from `address`. Returns the seconds to wait
   * when this failure is past either budget (answer 429 with Retry-After), else null (answer the failure itself).
   */
  fail(clientId: string | null, address: string): number | null {
    const now = this.clock.now().getTime();
    const source = addressKey(address);
    let retryAfter = this.count(source, this.maxPerAddress, now);
    if (clientId !== null) {
      const pair = this.count(`${source} ${clientId.slice(0, CLIENT_ID_KEY_LENGTH)}`, this.maxPerClientAndAddress, now);
      if (pair !== null) retryAfter = Math.max(retryAfter ?? 0, pair);
    }
    if (this.windows.size > MAX_WINDOWS) this.prune(now);
    return retryAfter;
  }

  /** Adds one failure to a window; the seconds until it ends when that is more than `max`, else null. */
  private count(key: string, max: number, now: number): number | null {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { count: 0, startedAt: now };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > max ? Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)) : null;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    // Still too many live windows (a flood from many addresses): forget the oldest, which end soonest anyway.
    for (const key of this.windows.keys()) {
      if (this.windows.size <= MAX_WINDOWS / 2) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The budget an address counts against: an IPv4 address itself, an IPv6 address by its /64 (one site's subnet, whose
 * 2^64 addresses one host can use in turn). `::ffff:` IPv4-mapped addresses count as the IPv4 address.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  if (!isIPv6(plain)) return plain;
  const [head, tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
