import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type BadUserInputError, nulCharacterRefusal, unstorableTextRefusal } from '../kernel/errors.js';
import { variablesRefused } from './variable-errors.js';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL in a text input would fail deep in a write. It is refused before
 * any resolver runs, naming the field like the other input errors do (`input.name` → `name`). So is half of a
 * UTF-16 surrogate pair sent as a JSON escape ("\udfff"), which PostgreSQL's JSON (the audit trail) refuses; a
 * literal in the document cannot hold one (graphql-js refuses it). IDs are left alone: they are only looked up,
 * so a NUL in one is an id that does not exist (NOT_FOUND), like any other.
 */
export const refuseNulCharacters: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation, schema }) {
        // Variables of the wrong types are refused already (variable-errors.ts): a megabyte of them is not walked again.
        if (variablesRefused(request)) return;
        // A literal can only hold U+0000 written raw or as a \u escape: most documents are not walked at all.
        const mayHoldNul = request.query === undefined || request.query.includes('\\u') || request.query.includes('\u0000');
        const found = unstorableInVariables(schema, operation, request.variables ?? {});
        const path = found?.path ?? (mayHoldNul ? nulInLiterals(schema, document) : null);
        if (!path) return;
        const field = path.slice(1).join('.') || path[0];
        const refusal: BadUserInputError = (found && unstorableTextRefusal(field, found.text)) || nulCharacterRefusal(field);
        // Thrown before execution, so Apollo answers with this status (formatError shows the refusal itself).
        throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: refusal.code, http: { status: 400 } } });
      },
    };
  },
};

const isId = (type: GraphQLInputType) => getNamedType(type).name === 'ID';

interface Unstorable {
  /** `input.name` */
  path: string[];
  text: string;
}

/** The first non-ID string among the operation's variables that PostgreSQL cannot store, with its path, or null. */
function unstorableInVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown>,
): Unstorable | null {
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const found = type ? unstorableIn(type, variables[name], [name]) : null;
    if (found) return found;
  }
  return null;
}

function unstorableIn(type: GraphQLInputType, value: unknown, path: string[]): Unstorable | null {
  if (value === null || value === undefined) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const found = unstorableIn(inner.ofType, item, path);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(inner) && typeof value === 'object') {
    for (const [key, field] of Object.entries(inner.getFields())) {
      const found = unstorableIn(field.type, (value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
    return null;
  }
  return typeof value === 'string' && !isId(inner) && unstorableTextRefusal('', value) ? { path, text: value } : null;
}

/** The argument path (`input.name`) of the first non-ID string literal in the document holding U+0000, or null. */
function nulInLiterals(schema: GraphQLSchema, document: DocumentNode): string[] | null {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let found: string[] | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue(node) {
        const type = typeInfo.getInputType();
        if (!found && node.value.includes('\u0000') && !(type && isId(type))) found = [...path];
      },
    }),
  );
  return found;
}
