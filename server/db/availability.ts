import { ServiceUnavailableError } from '../kernel/errors.js';

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

// pg: "Client has encountered a connection error and is not queryable" is a query on a connection that already died.
// knex: "Transaction query already complete" is MikroORM rolling back a transaction whose COMMIT failed, which (with
// every transaction going through MikroORM) means its connection was lost mid-commit; the original error is gone.
const CONNECTION_MESSAGES =
  /Knex: Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|Transaction query already complete/;

/**
 * The connection was lost after COMMIT was sent: the change may have been saved although the answer was lost. (A COMMIT
 * that pg refused to send on an already dead connection saved nothing.)
 */
const COMMIT_MESSAGES = /^COMMIT; - (?!Client has encountered a connection error)|Transaction query already complete/;

/** The error and the errors it wraps (MikroORM's `previous`, `cause`), outermost first. */
function* chain(error: unknown): Generator<{ code?: string; message?: string; name?: string }> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; name?: string; cause?: unknown; previous?: unknown };
    yield e;
    current = e.cause ?? e.previous;
  }
}

/** True for errors that mean "the database cannot be reached right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
    if (e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

export const COMMIT_IN_DOUBT_MESSAGE =
  'Keyward cannot reach its database, and lost it while saving this change: the change may or may not have been saved. Check whether it is there before trying again, so that it is not made twice.';

/**
 * What to answer for an error that means the database is unreachable, or null for any other error. Only a failed commit
 * cannot promise that nothing changed.
 */
export function unavailableError(error: unknown): ServiceUnavailableError | null {
  if (!isDatabaseUnavailable(error)) return null;
  for (const e of chain(error)) {
    if (typeof e.message === 'string' && COMMIT_MESSAGES.test(e.message)) return new ServiceUnavailableError(COMMIT_IN_DOUBT_MESSAGE);
  }
  return new ServiceUnavailableError();
}
