import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLBoolean,
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputType,
  GraphQLInt,
  type GraphQLLeafType,
  type GraphQLScalarType,
  type GraphQLSchema,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  typeFromAST,
  type VariableDefinitionNode,
} from 'graphql';
import { BadUserInputError } from '../kernel/errors.js';

/** A refusal is a sentence or two: a scalar's own reason is repeated at most this long. */
const MAX_REASON_LENGTH = 160;
/** Strings this long in a refused value may be a secret, a password or a key pasted into the wrong field: not shown. */
const HIDDEN_MIN_LENGTH = 8;
const HIDDEN = '(the value sent)';

type Segment = string | number;

/** The first value of a variable that does not have its declared type: where it is and what is wrong with it. */
interface Mismatch {
  path: Segment[];
  reason: string;
}

/** Requests whose variables were refused here: nothing else walks their values (nul-characters.ts). */
const refusedRequests = new WeakSet<object>();

export function variablesRefused(request: object): boolean {
  return refusedRequests.has(request);
}

/**
 * Checks the operation's variables against their declared types before graphql-js does, and refuses the first value
 * that does not fit with one BAD_USER_INPUT naming it. graphql-js would build up to 50 errors, each printing the whole
 * offending value (an object of 100,000 keys sent for an Int takes a third of a second to print), and the server would
 * then format each of them: a megabyte of bad variables cost the event loop over 100 ms. Here the check stops at the
 * first mismatch and describes the value instead of printing it (text of 8 characters or more, which may be a
 * secret, not at all). `hideSuggestions` (production) leaves out the field and enum names a refusal would list.
 */
export function refuseBadVariables(options: { hideSuggestions: boolean }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation, schema }) {
          const refusal = firstBadVariable(schema, operation, request.variables ?? {}, options.hideSuggestions);
          if (!refusal) return;
          refusedRequests.add(request);
          // Thrown before execution, so Apollo answers with this status (formatError shows the refusal itself).
          throw new GraphQLError(refusal.error.message, {
            nodes: refusal.definition,
            originalError: refusal.error,
            extensions: { code: refusal.error.code, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** The refusal of the first variable whose value does not have its declared type, or null when they all do. */
export function firstBadVariable(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown>,
  hideSuggestions: boolean,
): { error: BadUserInputError; definition: VariableDefinitionNode } | null {
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // A variable of an unknown or output type is reported by validation.
    if (!type || !isInputType(type)) continue;
    const shown = clip(name, 100);
    const given = Object.hasOwn(variables, name);
    const value = given ? variables[name] : undefined;
    if (isNonNullType(type) && (value === null || (!given && !definition.defaultValue))) {
      const message = given
        ? `Variable "$${shown}" of non-null type "${type}" must not be null.`
        : `Variable "$${shown}" of required type "${type}" was not provided.`;
      return { error: new BadUserInputError(name, message), definition };
    }
    if (!given || value === null) continue;
    const mismatch = mismatchIn(value, type, [], hideSuggestions);
    if (!mismatch) continue;
    const path = `${shown}${mismatch.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
    const field = mismatch.path.filter((s) => typeof s === 'string').join('.') || name;
    return { error: new BadUserInputError(field, `Invalid value for ${path}: ${mismatch.reason}`), definition };
  }
  return null;
}

/**
 * The first place where `value` does not fit `type`, following graphql-js's input coercion rule by rule (a list
 * accepts a single item, a field left out takes its default), or null when it fits.
 */
function mismatchIn(value: unknown, type: GraphQLInputType, path: Segment[], hideSuggestions: boolean): Mismatch | null {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) return { path: [...path], reason: `Expected non-nullable type "${type}" not to be null.` };
    return mismatchIn(value, type.ofType, path, hideSuggestions);
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) return mismatchIn(value, type.ofType, path, hideSuggestions);
    // One path for every item, copied only into a mismatch: a list of 200,000 items makes no 200,000 arrays.
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      const found = mismatchIn(value[index], type.ofType, path, hideSuggestions);
      path.pop();
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value))
      return { path: [...path], reason: `Expected type "${type.name}" to be an object.` };
    const record = value as Record<string, unknown>;
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const fieldValue = record[field.name];
      if (fieldValue === undefined) {
        if (field.defaultValue === undefined && isNonNullType(field.type)) {
          return { path: [...path, field.name], reason: `Field "${field.name}" of required type "${field.type}" was not provided.` };
        }
        continue;
      }
      path.push(field.name);
      const found = mismatchIn(fieldValue, field.type, path, hideSuggestions);
      path.pop();
      if (found) return found;
    }
    for (const key in record) {
      if (Object.hasOwn(record, key) && !Object.hasOwn(fields, key)) {
        const known = hideSuggestions ? '' : ` Its fields are: ${Object.keys(fields).join(', ')}.`;
        return { path: [...path], reason: `Field "${clip(key, 100)}" is not defined by type "${type.name}".${known}` };
      }
    }
    if (type.isOneOf && Object.keys(record).filter((key) => record[key] !== undefined).length !== 1) {
      return { path: [...path], reason: `Exactly one key must be specified for OneOf type "${type.name}".` };
    }
    return null;
  }
  return leafMismatch(value, type, path, hideSuggestions);
}

/** The built-in scalars, checked here by their rules (graphql-js's own) so a refusal never has to print the value. */
const BUILT_IN_SCALARS = new Map<GraphQLScalarType, { accepts: (value: unknown) => boolean; expected: string }>([
  [GraphQLString, { accepts: (value) => typeof value === 'string', expected: 'text (String)' }],
  [
    GraphQLInt,
    {
      accepts: (value) => Number.isInteger(value) && (value as number) <= 2_147_483_647 && (value as number) >= -2_147_483_648,
      expected: 'a whole number from -2147483648 to 2147483647 (Int)',
    },
  ],
  [GraphQLFloat, { accepts: (value) => typeof value === 'number' && Number.isFinite(value), expected: 'a number (Float)' }],
  [GraphQLBoolean, { accepts: (value) => typeof value === 'boolean', expected: 'true or false (Boolean)' }],
  [GraphQLID, { accepts: (value) => typeof value === 'string' || Number.isInteger(value), expected: 'an ID, as text (ID)' }],
]);

/** How many of an enum's values a refusal lists (outside production). */
const LISTED_ENUM_VALUES = 20;

function leafMismatch(value: unknown, type: GraphQLLeafType, path: Segment[], hideSuggestions: boolean): Mismatch | null {
  if (isEnumType(type)) {
    if (typeof value === 'string' && type.getValue(value)) return null;
    const names = type.getValues().map((v) => v.name);
    const listed = names.length > LISTED_ENUM_VALUES ? `${names.slice(0, LISTED_ENUM_VALUES).join(', ')}, …` : names.join(', ');
    const expected = hideSuggestions ? `a value of ${type.name}` : `one of ${listed} (${type.name})`;
    return { path: [...path], reason: `expected ${expected}, not ${shown(value)}.` };
  }
  const builtIn = BUILT_IN_SCALARS.get(type);
  if (builtIn) return builtIn.accepts(value) ? null : { path: [...path], reason: `expected ${builtIn.expected}, not ${shown(value)}.` };
  // Keyward's own scalars (DateTimeISO, JSON) decide for themselves; their refusals may print the value, so only a
  // short, harmless one is repeated.
  let parsed: unknown;
  try {
    parsed = type.parseValue(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const harmless =
      typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length < HIDDEN_MIN_LENGTH);
    if (harmless && message) return { path: [...path], reason: clip(message, MAX_REASON_LENGTH) };
    return { path: [...path], reason: `expected ${expectedCustom(type)}, not ${shown(value)}.` };
  }
  return parsed === undefined ? { path: [...path], reason: `expected ${expectedCustom(type)}, not ${shown(value)}.` } : null;
}

function expectedCustom(type: GraphQLLeafType): string {
  return type.name === 'DateTimeISO' ? 'an ISO 8601 date and time such as 2030-01-31T12:00:00.000Z (DateTimeISO)' : `a ${type.name}`;
}

/** The value sent, as a refusal may show it: short text and numbers as they are, anything longer not at all. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value.length < HIDDEN_MIN_LENGTH ? JSON.stringify(value) : HIDDEN;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
