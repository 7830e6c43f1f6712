import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../kernel/actor.js';
import type { RequestMeta } from '../kernel/viewer.js';
import { writeOutbox } from '../webhooks/outbox.js';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';
import { GENESIS_HASH, keyedHash, SYSTEM_CHAIN } from './chain.js';
import { auditChainKey } from './chain-key.js';

export interface AuditTargetRef {
  type: string;
  id: string;
  name?: string | null;
}

export interface AuditEntry {
  tenantId: string | null;
  actor: Actor;
  action: string;
  target?: AuditTargetRef | null;
  /** Set for events about an API client or its credentials. */
  apiClientId?: string | null;
  changes?: FieldChanges;
  meta?: RequestMeta | null;
  /** From the injected clock, so a test that moves the clock moves the trail with it. */
  occurredAt: Date;
}

/**
 * Appends one event to its tenant's hash chain inside the caller's transaction: the change and its
 * audit event commit together or not at all. The chain head row is locked until commit, so
 * concurrent writers of one tenant link in a single line. The hash is keyed (the audit-chain key, held in memory),
 * so it costs no more round trips than a plain one. The webhook messages the event becomes (webhooks/outbox.ts) are
 * written with it.
 */
export async function recordAudit(em: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
  const chainKey = entry.tenantId ?? SYSTEM_CHAIN;
  const connection = em.getConnection();
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('recordAudit must run inside a transaction');
  const lockHead = () =>
    connection.execute<{ seq: string; hash: string }[]>(
      'select seq::text as seq, hash from audit_chain_head where chain_key = ? for update',
      [chainKey],
      'all',
      trx,
    );
  let [head] = await lockHead();
  if (!head) {
    // A chain's first event: create its head (a concurrent first writer may win; then lock theirs).
    await connection.execute(
      'insert into audit_chain_head (chain_key, seq, hash) values (?, 0, ?) on conflict (chain_key) do nothing',
      [chainKey, GENESIS_HASH],
      'run',
      trx,
    );
    [head] = await lockHead();
  }
  const event = new AuditEvent();
  Object.assign(event, {
    chainKey,
    seq: (BigInt(head.seq) + 1n).toString(),
    tenantId: entry.tenantId,
    occurredAt: entry.occurredAt,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorName: entry.actor.displayName,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetName: entry.target?.name ?? null,
    apiClientId: entry.apiClientId ?? null,
    changes: entry.changes ?? {},
    ipAddress: entry.meta?.ipAddress ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    prevHash: head.hash,
  });
  event.hash = keyedHash(auditChainKey(em))(event);
  em.persist(event);
  // Under the chain-head lock: the webhook outbox is numbered in the chain's (commit) order, and commits with the change.
  await writeOutbox(em, trx, event);
  await connection.execute(
    'update audit_chain_head set seq = ?, hash = ? where chain_key = ?',
    [event.seq, event.hash, chainKey],
    'run',
    trx,
  );
  return event;
}

/** Field-by-field differences between two snapshots; unchanged fields are left out. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}

/** Changes for a newly created record: every field goes from null to its value. */
export function createdFields(after: Record<string, unknown>): FieldChanges {
  return diffFields({}, Object.fromEntries(Object.entries(after).filter(([, value]) => value !== null && value !== undefined)));
}
