import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/** The most aliases one operation may use (docs/limits.md#graphql-limits): the SPA's largest operation uses none. */
export const MAX_ALIASES = 50;

type Scope = 'selection' | 'arguments' | 'value';

/**
 * How many aliases (`name: field` in a selection set) a document holds, counting no further than `stopAfter`. It only
 * lexes — no parse, no validation — because graphql-js's validation compares every pair of fields of a selection set:
 * thousands of aliases would cost seconds there before any rule could refuse them. A colon inside arguments, variable
 * definitions or object values is not an alias. A document that does not lex counts 0: the parser reports it.
 */
export function aliasCount(query: string, stopAfter: number = MAX_ALIASES): number {
  const lexer = new Lexer(new Source(query));
  const scopes: Scope[] = [];
  let count = 0;
  let afterName = false;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      const top = scopes[scopes.length - 1];
      switch (token.kind) {
        case TokenKind.BRACE_L:
          scopes.push(top === 'arguments' || top === 'value' ? 'value' : 'selection');
          break;
        case TokenKind.PAREN_L:
          scopes.push('arguments');
          break;
        case TokenKind.BRACKET_L:
          scopes.push(top === 'selection' || top === undefined ? 'selection' : 'value');
          break;
        case TokenKind.BRACE_R:
        case TokenKind.PAREN_R:
        case TokenKind.BRACKET_R:
          scopes.pop();
          break;
        case TokenKind.COLON:
          if (afterName && top === 'selection' && ++count > stopAfter) return count;
          break;
      }
      afterName = token.kind === TokenKind.NAME;
    }
  } catch {
    return 0;
  }
  return count;
}

/** Refuses, before parsing and validation, an operation with more than MAX_ALIASES aliases. */
export function refuseTooManyAliases(query: unknown): void {
  if (typeof query !== 'string' || !query.includes(':')) return;
  if (aliasCount(query) <= MAX_ALIASES) return;
  throw new GraphQLError(
    `This operation uses more than ${MAX_ALIASES} aliases, the most Keyward runs in one operation (the alias limit). Split it into several operations, or use a list field with paging instead.`,
    { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
  );
}
