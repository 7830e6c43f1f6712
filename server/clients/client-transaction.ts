import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';

/** The change feed topic of API clients and their credentials; the key is the client ID (`client:<clientId>` on the wire). */
export const CLIENT_CHANGES = 'client';

/** Marks a client as changed by the enclosing transaction: every process drops what it holds of it on commit. */
export type MarkClientChanged = (clientId: string) => Promise<void>;

/**
 * Runs `work` in a transaction that changes API clients or their credentials. Every write to a client or credential
 * goes through one, and passes each client it changes to `changed`; one that commits without naming a client is
 * refused (rolled back), so a write that forgets cannot leave stale copies in other processes.
 */
export type ClientTransaction = <T>(work: (em: EntityManager, changed: MarkClientChanged) => Promise<T>) => Promise<T>;

export function clientTransactions(orm: Orm, feed: ChangeFeed): ClientTransaction {
  return (work) =>
    orm.em.fork().transactional(async (em) => {
      let marked = 0;
      const result = await work(em, async (clientId) => {
        marked++;
        await feed.publish(em, CLIENT_CHANGES, clientId);
      });
      if (marked === 0) throw new Error('A client transaction must name the clients it changed (changed(clientId)) before it commits.');
      return result;
    });
}
