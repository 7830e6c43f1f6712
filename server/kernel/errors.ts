import { fieldInWords } from './field-words.js';

/**
 * Typed domain errors. Services throw them; `graphql/errors.ts` maps them to GraphQL error codes
 * and `http/errors.ts` to HTTP responses — one place each.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'LIMIT_EXCEEDED'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE';

export abstract class KeywardError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly httpStatus: number;
  /** Extra `extensions` entries a caller may rely on (e.g. `field`, `limit`). */
  get extensions(): Record<string, unknown> {
    return {};
  }
}

export class UnauthenticatedError extends KeywardError {
  readonly code = 'UNAUTHENTICATED';
  readonly httpStatus = 401;
  constructor(
    message = 'Sign in first: this request has no valid session, API key or access token.',
    /** A WWW-Authenticate challenge to answer with (a DPoP refusal names its error there), with HTTP status 401. */
    readonly challenge?: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends KeywardError {
  readonly code = 'FORBIDDEN';
  readonly httpStatus = 403;
  constructor(
    message: string,
    /** What the refusal is about, for callers that act on it (e.g. the scope and the permission it needs). */
    private readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
  override get extensions(): Record<string, unknown> {
    return this.details;
  }
}

export class NotFoundError extends KeywardError {
  readonly code = 'NOT_FOUND';
  readonly httpStatus = 404;
}

export class BadUserInputError extends KeywardError {
  readonly code = 'BAD_USER_INPUT';
  readonly httpStatus = 400;
  constructor(
    readonly field: string,
    message: string,
    /** The bad items of a list field (e.g. two of five contact emails), as sent, so a form can mark each one. */
    readonly invalid?: readonly string[],
  ) {
    super(message);
  }
  override get extensions(): Record<string, unknown> {
    return this.invalid ? { field: this.field, invalid: [...this.invalid] } : { field: this.field };
  }
}

/**
 * Several fields of one input refused at once, so a form shows every problem after one try. The message holds each
 * refusal's message; `field` (and `invalid`) are the first one's, for callers that read one; `errors` lists them all.
 */
export class BadUserInputErrors extends BadUserInputError {
  constructor(readonly errors: readonly BadUserInputError[]) {
    super(errors[0].field, errors.map((e) => e.message).join(' '), errors[0].invalid);
  }
  override get extensions(): Record<string, unknown> {
    return { ...super.extensions, errors: this.errors.map((e) => ({ message: e.message, ...e.extensions })) };
  }
}

/**
 * Runs every check of an input and returns their results by name; when some refuse, throws one refusal naming all
 * of them (in the order given) rather than stopping at the first.
 */
export function checkAll<T extends Record<string, () => unknown>>(checks: T): { [K in keyof T]: ReturnType<T[K]> } {
  const results: Record<string, unknown> = {};
  const refusals: BadUserInputError[] = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = check();
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      refusals.push(...(error instanceof BadUserInputErrors ? error.errors : [error]));
    }
  }
  if (refusals.length === 1) throw refusals[0];
  if (refusals.length > 1) throw new BadUserInputErrors(refusals);
  return results as { [K in keyof T]: ReturnType<T[K]> };
}

/** PostgreSQL text cannot hold U+0000: input holding it is refused before it reaches a query. */
export function nulCharacterRefusal(field: string): BadUserInputError {
  return new BadUserInputError(
    field,
    `${fieldInWords(field)} contains the NUL character (U+0000), which Keyward cannot store. Remove it and try again.`,
  );
}

export function refuseNulCharacter(field: string, value: string): void {
  if (value.includes('\u0000')) throw nulCharacterRefusal(field);
}

/** Half of a UTF-16 surrogate pair on its own (JSON can send one as "\udfff"): not a character, and PostgreSQL's JSON refuses it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The refusal of text PostgreSQL cannot store (U+0000, an unpaired surrogate), naming the field; null when it can. */
export function unstorableTextRefusal(field: string, value: string): BadUserInputError | null {
  if (value.includes('\u0000')) return nulCharacterRefusal(field);
  if (UNPAIRED_SURROGATE.test(value)) {
    return new BadUserInputError(
      field,
      `${fieldInWords(field)} contains half of a UTF-16 surrogate pair (an escape such as \\udfff on its own), which is not a character Keyward can store. Remove it and try again.`,
    );
  }
  return null;
}

export class LimitExceededError extends KeywardError {
  readonly code = 'LIMIT_EXCEEDED';
  readonly httpStatus = 409;
  constructor(
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
  override get extensions() {
    return { limit: this.limit };
  }
}

export class ConflictError extends KeywardError {
  readonly code = 'CONFLICT';
  readonly httpStatus = 409;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  override get extensions() {
    return this.field ? { field: this.field } : {};
  }
}

export class RateLimitedError extends KeywardError {
  readonly code = 'RATE_LIMITED';
  readonly httpStatus = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
  override get extensions() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

export class ServiceUnavailableError extends KeywardError {
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly httpStatus = 503;
  constructor(message = 'Keyward cannot reach its database right now. Nothing was changed; try again in a few seconds.') {
    super(message);
  }
}
