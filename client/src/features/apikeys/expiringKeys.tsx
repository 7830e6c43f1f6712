import { useQuery } from 'urql';
import { daysUntil } from '../../components/ExpiryBadge';
import type { MyApiKeysQuery as MyApiKeys } from '../../gql/graphql';
import { apiKeyContext, MyApiKeysQuery } from './queries';

type ApiKey = MyApiKeys['myApiKeys'][number];

/** A live key this close to its expiry (or past it) is marked, named in a notice on My API keys and counted in the menu. */
export const EXPIRY_WARNING_DAYS = 14;

/** The viewer's keys that still work and stop within the warning period, soonest first. */
export function expiringKeys<Key extends Pick<ApiKey, 'status' | 'expiresAt'>>(keys: readonly Key[]): Key[] {
  return keys
    .filter((key) => key.status !== 'REVOKED' && key.status !== 'EXPIRED')
    .filter((key) => daysUntil(key.expiresAt) > 0 && daysUntil(key.expiresAt) <= EXPIRY_WARNING_DAYS)
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/**
 * "2 expiring" next to My API keys in the menu, on every page, when keys of the viewer stop within the warning period:
 * a person who never opens that page still sees it coming. Shares the page's query (and so its cache).
 */
export function ExpiringKeysBadge() {
  const [{ data }] = useQuery({ query: MyApiKeysQuery, context: apiKeyContext });
  const count = data ? expiringKeys(data.myApiKeys).length : 0;
  if (count === 0) return null;
  const title = `${count === 1 ? 'One of your API keys expires' : `${count} of your API keys expire`} within ${EXPIRY_WARNING_DAYS} days`;
  // The space belongs to the badge: without one the menu entry reads "My API keys" exactly.
  return (
    <>
      {' '}
      <span className="badge badge-warning" title={title}>
        {count} expiring
      </span>
    </>
  );
}
