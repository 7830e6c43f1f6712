import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unavailableError } from '../db/availability.js';
import { KeywardError } from '../kernel/errors.js';

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

export const TOO_MANY_VARIABLE_ERRORS_MESSAGE =
  'More than 50 values in the variables are invalid, so Keyward stopped checking them. Fix the values named in the other errors and send the request again.';

/** Strings this long in a refused value may be a secret, a password or a key pasted into the wrong field. */
const HIDDEN_MIN_LENGTH = 8;
const HIDDEN = '(the value sent)';

/**
 * graphql-js reports a bad variable as `Variable "$input" got invalid value <the whole value> [at "input.x"]; <reason>`.
 * The echoed value may hold things that must not be repeated (passwords, long strings), so it is dropped, and taken
 * out of the reason too, where a scalar may repeat it ("DateTime cannot represent an invalid date-time-string <value>").
 * The field named is the deepest one the message points at.
 */
export function describeVariableError(message: string): { message: string; field?: string } {
  // A required variable left out or sent as null: the variable is the field to fix.
  const absent = /^Variable "\$([^"]+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/.exec(message);
  if (absent) return { message, field: absent[1] };
  const parts = splitVariableError(message);
  if (!parts) {
    // A value the string reader cannot follow (an object key holding a quote, printed unquoted): name the variable only.
    const variable = /^Variable "\$([^"]+)" got invalid value /.exec(message)?.[1];
    return variable
      ? { message: `Invalid value for ${variable}: it does not have the type the operation declares.`, field: variable }
      : { message };
  }
  const { variable, at, strings } = parts;
  const reason = strings
    .filter((text) => text.length >= HIDDEN_MIN_LENGTH)
    .sort((a, b) => b.length - a.length)
    .reduce((result, text) => result.replaceAll(JSON.stringify(text), HIDDEN).replaceAll(text, HIDDEN), parts.reason);
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
 * The parts of a variable error and the strings in its value. graphql-js prints the value's strings as JSON, and they may
 * hold `; ` themselves, so the value is read string by string up to the `; ` that ends it.
 */
function splitVariableError(message: string): { variable: string; at?: string; strings: string[]; reason: string } | null {
  const head = /^Variable "\$([^"]+)" got invalid value /.exec(message);
  if (!head) return null;
  const strings: string[] = [];
  let i = head[0].length;
  while (i < message.length) {
    if (message[i] === '"') {
      let end = i + 1;
      while (end < message.length && message[end] !== '"') end += message[end] === '\\' ? 2 : 1;
      try {
        strings.push(JSON.parse(message.slice(i, end + 1)));
      } catch {
        // Not a JSON string after all: nothing to take out of the reason.
      }
      i = end + 1;
      continue;
    }
    const end = /^(?: at "([^"]+)")?; /.exec(message.slice(i));
    if (end) return { variable: head[1], at: end[1], strings, reason: message.slice(i + end[0].length) };
    i++;
  }
  return null;
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
  original = unavailableError(original) ?? original;
  const base = {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof KeywardError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.extensions } };
  }
  // graphql-js stops checking variables after 50 bad values and adds an error of its own, which Apollo takes for an internal one.
  if (formatted.message.startsWith('Too many errors processing variables')) {
    return { ...base, message: TOO_MANY_VARIABLE_ERRORS_MESSAGE, extensions: { code: 'BAD_USER_INPUT', field: 'variables' } };
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
