import type { ApolloServerPlugin } from '@apollo/server';

/** The most errors one GraphQL response carries (docs/limits.md#graphql-limits): enough to fix a request by, never a flood to build or read. */
export const MAX_ERRORS = 10;

/**
 * graphql-js stops validating once this many errors are found and adds its own "Validation aborted" error as the
 * tenth, so a document of a thousand mistakes costs no more than one of ten.
 */
export const VALIDATION_MAX_ERRORS = MAX_ERRORS - 1;

/** Keeps the first errors of a response and says how many more there were. */
export const capErrors: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (!result.errors || result.errors.length <= MAX_ERRORS) return;
        const leftOut = result.errors.length - (MAX_ERRORS - 1);
        result.errors = [
          ...result.errors.slice(0, MAX_ERRORS - 1),
          {
            message: `${leftOut} more errors were left out: a response reports at most ${MAX_ERRORS}. Fix these and send the operation again.`,
            extensions: { code: 'TOO_MANY_ERRORS' },
          },
        ];
      },
    };
  },
};
