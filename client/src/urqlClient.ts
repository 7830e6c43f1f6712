import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { hasErrorCode } from './components/errors';

/**
 * Context for the query that checks the session itself: its UNAUTHENTICATED answer shows the
 * sign-in page, so it must not also count as "the session ended".
 */
export const sessionCheckContext = { sessionCheck: true };

/**
 * One client per session: signing in or out builds a new one, so nothing cached for one user is
 * ever shown to the next. `onSessionEnded` runs when a request finds the session gone.
 */
export function createKeywardClient(onSessionEnded: () => void): Client {
  return new Client({
    url: '/graphql',
    fetchOptions: { credentials: 'same-origin' },
    // The server's CSRF protection refuses simple GET requests.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error, operation) {
          if (!operation.context.sessionCheck && hasErrorCode(error, 'UNAUTHENTICATED')) {
            onSessionEnded();
          }
        },
      }),
      fetchExchange,
    ],
  });
}
