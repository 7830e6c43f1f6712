import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import { AuditChainHead, AuditEvent, type LegacyChainBreak } from './audit-event.entity.js';
import { type EventHash, findFirstBreak, GENESIS_HASH, keyCheck, keyedHash, legacySha256 } from './chain.js';
import { auditChainKey } from './chain-key.js';

/** The scheme every chain uses once `rekeyLegacyAuditChains` has run: the `audit_chain_key` row's key. */
export const AUDIT_CHAIN_SCHEME = 'hmac-sha256';

const BATCH = 1000;

export interface RekeyedChain {
  chainKey: string;
  /** Events re-keyed: the whole chain, or those before `brokenAt`. */
  events: number;
  /** The first link the old SHA-256 chain already failed at; it and every event after it kept their old hashes. */
  brokenAt: LegacyChainBreak | null;
  /** The chain's newest hash after the re-key (logged: an anchor outside the database). */
  head: string;
}

/**
 * The one-time upgrade of chains from before keyed hashes (plain SHA-256) to HMAC-SHA-256 under the audit-chain key,
 * run right after the migrations (Migration20261202020000 makes the `audit_chain_key` table; a MikroORM migration
 * cannot reach the master key). The `audit_chain_key` row is the marker: once it exists this is one cheap select.
 *
 * Each chain is verified under the old scheme before it is re-keyed, event by event. A chain that was already broken
 * is re-keyed up to its first broken link only: that event and every event after it keep their old hashes, so the
 * break is never laundered into a chain that verifies, `audit verify` keeps naming the same event, and the marker
 * records it (logged as an error too). The events before the break become unforgeable like every new event.
 *
 * Processes starting together take turns on the tables' lock; the first re-keys, the others find the marker. The
 * chain heads stay locked meanwhile, so no event is appended to a chain half re-keyed.
 */
export async function rekeyLegacyAuditChains(orm: Orm, logger?: Logger): Promise<RekeyedChain[] | null> {
  const key = auditChainKey(orm);
  const [done] = await orm.em
    .getConnection()
    .execute<{ key_check: string }[]>('select key_check from audit_chain_key where scheme = ?', [AUDIT_CHAIN_SCHEME]);
  if (done) {
    if (done.key_check !== keyCheck(key)) {
      logger?.error('the audit chain is keyed with another master key: events recorded now will not verify together with the older ones');
    }
    return null;
  }
  return orm.em.fork().transactional(async (em) => {
    // A large chain may take longer than one statement may; the tables' lock makes concurrent starts wait their turn.
    await execute(em, 'set local statement_timeout = 0');
    await execute(em, 'lock table audit_chain_key, audit_chain_head in exclusive mode');
    const [again] = await execute<{ scheme: string }[]>(em, 'select scheme from audit_chain_key where scheme = ?', [AUDIT_CHAIN_SCHEME]);
    if (again) return null;
    const heads = (await em.find(AuditChainHead, {}, { orderBy: { chainKey: 'asc' } })).map(({ chainKey, seq, hash }) => ({
      chainKey,
      seq,
      hash,
    }));
    const chains: RekeyedChain[] = [];
    for (const head of heads) chains.push(await rekeyChain(em, head, keyedHash(key)));
    const breaks = chains.flatMap((chain) => (chain.brokenAt ? [chain.brokenAt] : []));
    await execute(em, 'insert into audit_chain_key (scheme, key_check, rekeyed_at, legacy_breaks) values (?, ?, ?, ?::jsonb)', [
      AUDIT_CHAIN_SCHEME,
      keyCheck(key),
      new Date(),
      JSON.stringify(breaks),
    ]);
    for (const chain of chains) {
      if (chain.brokenAt) {
        logger?.error(
          { chain: chain.chainKey, event: chain.brokenAt.eventId, seq: chain.brokenAt.seq, reason: chain.brokenAt.reason },
          'an audit chain was already broken before it was re-keyed: the events before the break were re-keyed, the break and the events after it kept their old hashes, and audit verify keeps naming it',
        );
      } else if (chain.events > 0) {
        logger?.warn(
          { chain: chain.chainKey, events: chain.events, head: chain.head },
          're-keyed an audit chain with the audit-chain key (HMAC-SHA-256); this happens once, on the upgrade from unkeyed hashes',
        );
      }
    }
    return chains;
  });
}

/** Re-keys one chain from its first event, verifying each under the old scheme first; stops at the first broken link. */
async function rekeyChain(
  em: EntityManager,
  head: { chainKey: string; seq: string; hash: string },
  keyed: EventHash,
): Promise<RekeyedChain> {
  let verified = { seq: 0n, hash: GENESIS_HASH };
  let keyedHead = GENESIS_HASH;
  let events = 0;
  const brokenAt = (found: { eventId: string; seq: string; reason: string }) => ({ chainKey: head.chainKey, ...found });
  for (;;) {
    const batch = await em.find(
      AuditEvent,
      { chainKey: head.chainKey, seq: { $gt: verified.seq.toString() } },
      { orderBy: { seq: 'asc' }, limit: BATCH },
    );
    em.clear();
    if (batch.length === 0) break;
    const checked = findFirstBreak(batch, null, legacySha256, verified);
    const rows: string[] = [];
    for (const event of batch.filter((e) => BigInt(e.seq) <= checked.last.seq)) {
      event.prevHash = keyedHead;
      keyedHead = keyed(event);
      rows.push(event.id, event.prevHash, keyedHead);
    }
    if (rows.length > 0) {
      await execute(
        em,
        `update audit_event as e set prev_hash = v.prev_hash, hash = v.hash from (values ${Array(rows.length / 3)
          .fill('(?::uuid, ?, ?)')
          .join(', ')}) as v(id, prev_hash, hash) where e.id = v.id`,
        rows,
      );
    }
    events += rows.length / 3;
    verified = checked.last;
    if (checked.brokenAt) return { chainKey: head.chainKey, events, brokenAt: brokenAt(checked.brokenAt), head: head.hash };
  }
  const end = findFirstBreak([], head, legacySha256, verified).brokenAt;
  // Events cut off the end: the head keeps its old hash, so the chain still says so.
  if (end) return { chainKey: head.chainKey, events, brokenAt: brokenAt(end), head: head.hash };
  await execute(em, 'update audit_chain_head set hash = ? where chain_key = ?', [keyedHead, head.chainKey]);
  return { chainKey: head.chainKey, events, brokenAt: null, head: keyedHead };
}

function execute<T = unknown>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T> {
  return em.getConnection().execute(sql, params as never[], 'all', em.getTransactionContext()) as Promise<T>;
}
