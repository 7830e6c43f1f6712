import type { CombinedError } from 'urql';

export const NETWORK_ERROR_MESSAGE = 'Keyward could not be reached. Check your connection and try again.';

const FALLBACK_MESSAGE = 'Something went wrong. Try again, and contact your administrator if it keeps happening.';

export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'LIMIT_EXCEEDED'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** One input field's problem: its message and, for a list, the bad items as sent. */
export interface FieldProblem {
  field: string;
  message: string;
  invalid?: string[];
  /** The field exactly as the API named it when that is deeper than `field` (`apiKey.key`, `customHeaders.0.value`). */
  path?: string;
}

/** What the SPA shows for a failed request: the API's own message, its code and the input field it names. */
export interface ApiError {
  message: string;
  code?: string;
  /** Top-level input field named by BAD_USER_INPUT (`contactEmails`, `identifier`, …); the first when several are. */
  field?: string;
  /** Every field named, each with its own message, when the API (or the form's own check) refused several at once. */
  problems?: FieldProblem[];
}

// A field such as `contactEmails.2` or `contactEmails[2]` belongs to the `contactEmails` input.
function topLevelField(rawField: unknown): string | undefined {
  return typeof rawField === 'string' ? rawField.match(/^[A-Za-z_]\w*/)?.[0] : undefined;
}

function problemOf(entry: Record<string, unknown> | undefined, fallbackMessage: string): FieldProblem | undefined {
  const field = topLevelField(entry?.field);
  if (!field) return undefined;
  const message = typeof entry?.message === 'string' ? entry.message : fallbackMessage;
  const invalid = Array.isArray(entry?.invalid) ? entry.invalid.filter((v): v is string => typeof v === 'string') : undefined;
  const path = typeof entry?.field === 'string' && entry.field !== field ? entry.field : undefined;
  return { field, message, ...(invalid ? { invalid } : {}), ...(path ? { path } : {}) };
}

export function describeError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    const message = first.message || FALLBACK_MESSAGE;
    const listed = Array.isArray(first.extensions?.errors) ? (first.extensions.errors as Record<string, unknown>[]) : [];
    const problems = (listed.length > 0 ? listed.map((e) => problemOf(e, message)) : [problemOf(first.extensions, message)]).filter(
      (p): p is FieldProblem => p !== undefined,
    );
    return { message, code, field: topLevelField(first.extensions?.field), ...(problems.length > 0 ? { problems } : {}) };
  }
  if (error.networkError) return { message: NETWORK_ERROR_MESSAGE };
  return { message: FALLBACK_MESSAGE };
}

export function hasErrorCode(error: CombinedError | undefined, code: ApiErrorCode): boolean {
  return error?.graphQLErrors.some((e) => e.extensions?.code === code) ?? false;
}
