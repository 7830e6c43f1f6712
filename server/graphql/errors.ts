import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/availability.js';
import { KeywardError, ServiceUnavailableError } from '../errors.js';

// Apollo's own request errors: their messages are about the caller's document and safe to show.
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_MESSAGE =
  'Something went wrong on Keyward’s side and nothing was changed. Try again; if it keeps happening, give your administrator the X-Request-Id of this response.';

/** "at \"input.contactEmails\"" → contactEmails; otherwise the variable's name. */
function fieldFromCoercionMessage(message: string): string | undefined {
  const at = /at "[^".]+\.([^"]+)"/.exec(message);
  if (at) return at[1].replace(/\[\d+\]/g, '');
  return /Variable "\$([^"]+)"/.exec(message)?.[1];
}

/**
 * The single place where errors become GraphQL responses: typed Keyward errors keep their code and
 * message, Apollo's request errors keep theirs, anything else becomes a generic INTERNAL_SERVER_ERROR
 * (logged with the request ID by the logging plugin, never shown).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  let original = unwrapResolverError(error);
  if (isDatabaseUnavailable(original)) original = new ServiceUnavailableError();
  const base = {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof KeywardError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.extensions } };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_ERROR_CODES.has(code)) {
    const field = code === 'BAD_USER_INPUT' ? fieldFromCoercionMessage(formatted.message) : undefined;
    return { ...base, extensions: { code, ...(field ? { field } : {}) } };
  }
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
