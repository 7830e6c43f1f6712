const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True for errors that mean "the database cannot be reached right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; name?: string; cause?: unknown; previous?: unknown };
    if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
    if (e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && /Knex: Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED/.test(e.message))
      return true;
    current = e.cause ?? e.previous;
  }
  return false;
}
