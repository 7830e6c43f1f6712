import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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

export const INTROSPECTION_DISABLED_MESSAGE =
  'This Keyward runs in production, where the schema cannot be read by introspection (__schema, __type). Use schema.graphql from the Keyward release you run instead.';

/**
 * graphql-js reports a bad variable as `Variable "$input" got invalid value <the whole value> [at "input.x"]; <reason>`.
 * The echoed value may hold things that must not be repeated (passwords, long strings), so it is dropped;
 * the field named is the deepest one the message points at.
 */
export function describeVariableError(message: string): { message: string; field?: string } {
  const match = /^Variable "\$([^"]+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)$/.exec(message);
  if (!match) return { message };
  const [, variable, at, reason] = match;
  const missing = /Field "([^"]+)" of required type "[^"]+" was not provided/.exec(reason)?.[1];
  const path = [at ?? variable, missing].filter(Boolean).join('.');
  const field =
    path
      .split('.')
      .slice(1)
      .join('.')
      .replace(/\[\d+\]/g, '') || variable;
  return { message: `Invalid value for ${path}: ${reason}`, field };
}

/**
 * The single place where errors become GraphQL responses: typed Keyward errors keep their code and
 * message, Apollo's request errors keep theirs, anything else becomes a generic INTERNAL_SERVER_ERROR
 * (logged with the request ID by the logging plugin, never shown).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  let original = unwrapResolverError(error);
  // A refusal thrown by a plugin before execution (e.g. nul-characters.ts) wraps the typed error the same way.
  if (original instanceof GraphQLError && original.originalError instanceof KeywardError) original = original.originalError;
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
    if (code === 'BAD_USER_INPUT') {
      const { message, field } = describeVariableError(formatted.message);
      return { ...base, message, extensions: { code, ...(field ? { field } : {}) } };
    }
    // Apollo's own wording tells the caller to reconfigure the server; say what they can do instead.
    if (formatted.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') {
      return { ...base, message: INTROSPECTION_DISABLED_MESSAGE, extensions: { code } };
    }
    return { ...base, extensions: { code } };
  }
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
