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

/** What the SPA shows for a failed request: the API's own message, its code and the input field it names. */
export interface ApiError {
  message: string;
  code?: string;
  /** Top-level input field named by BAD_USER_INPUT (`contactEmails`, `identifier`, …). */
  field?: string;
}

export function describeError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    const rawField = first.extensions?.field;
    // A field such as `contactEmails.2` or `contactEmails[2]` belongs to the `contactEmails` input.
    const field = typeof rawField === 'string' ? rawField.match(/^[A-Za-z_]\w*/)?.[0] : undefined;
    return { message: first.message || FALLBACK_MESSAGE, code, field };
  }
  if (error.networkError) return { message: NETWORK_ERROR_MESSAGE };
  return { message: FALLBACK_MESSAGE };
}

export function hasErrorCode(error: CombinedError | undefined, code: ApiErrorCode): boolean {
  return error?.graphQLErrors.some((e) => e.extensions?.code === code) ?? false;
}
