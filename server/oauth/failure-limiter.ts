/**
 * Counts failed token requests per client and per source address in this process, in one-minute windows.
 * Kept in memory so the hot path never waits on the database; with N processes the effective limit is N
 * times higher, which still stops guessing at scale.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();
  private readonly windowMs = 60_000;

  constructor(
    private readonly maxPerClient: number,
    private readonly maxPerIp: number,
  ) {}

  /** Seconds to wait when either key is over its limit, else null. */
  retryAfter(clientId: string | null, ip: string): number | null {
    if (this.windows.size === 0) return null;
    const now = Date.now();
    for (const [key, max] of [
      [`client:${clientId}`, this.maxPerClient],
      [`ip:${ip}`, this.maxPerIp],
    ] as const) {
      if (key === 'client:null') continue;
      const window = this.windows.get(key);
      if (window && now - window.startedAt < this.windowMs && window.count >= max) {
        return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
      }
    }
    return null;
  }

  fail(clientId: string | null, ip: string): void {
    const now = Date.now();
    for (const key of [clientId ? `client:${clientId}` : null, `ip:${ip}`]) {
      if (!key) continue;
      const window = this.windows.get(key);
      if (!window || now - window.startedAt >= this.windowMs) this.windows.set(key, { count: 1, startedAt: now });
      else window.count++;
    }
    if (this.windows.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
