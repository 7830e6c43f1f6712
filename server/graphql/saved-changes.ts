import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * An error below a mutation's root field came after that field's change was committed (its resolver returned): the
 * answer must not say "nothing was changed", or the caller would repeat a change that was made (docs/concepts.md#the-graphql-api). Such errors
 * say the change was saved, and carry `extensions.changeSaved: true`.
 */
export const sayWhenChangesWereSaved: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, operation }) {
        if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors) result.errors = result.errors.map(afterSavedChange);
      },
    };
  },
};

function afterSavedChange(error: GraphQLFormattedError): GraphQLFormattedError {
  const path = error.path;
  if (!path || path.length < 2) return error;
  const root = String(path[0]);
  const where = path.filter((part) => typeof part === 'string').join('.');
  const message =
    error.extensions?.code === 'INTERNAL_SERVER_ERROR'
      ? `Your change was saved (${root}), but Keyward could not give back part of its answer (${where}). Do not make the change again: reload to see it. If this keeps happening, give your administrator the X-Request-Id of this response.`
      : `Your change was saved (${root}); only part of the answer (${where}) is withheld: ${error.message}`;
  return { ...error, message, extensions: { ...error.extensions, changeSaved: true } };
}
