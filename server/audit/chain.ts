import { createHash, createHmac } from 'node:crypto';

/** The chain that holds events without a tenant (e.g. sign-in failures for unknown accounts). */
export const SYSTEM_CHAIN = 'system';
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  id: string;
  chainKey: string;
  seq: string;
  tenantId?: string | null;
  occurredAt: Date;
  actorType: string;
  actorId?: string | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  targetName?: string | null;
  apiClientId?: string | null;
  changes: unknown;
  ipAddress?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** How one event's hash is computed from its content and its link: keyed (`keyedHash`) or, before the upgrade, `legacySha256`. */
export type EventHash = (event: ChainedEvent) => string;

/** The fields an event's hash covers, in canonical JSON; `v` names the scheme, so the two never hash the same text. */
function canonicalEvent(event: ChainedEvent, v: 1 | 2): string {
  return canonicalJson({
    v,
    id: event.id,
    chainKey: event.chainKey,
    seq: String(event.seq),
    tenantId: event.tenantId ?? null,
    occurredAt: event.occurredAt,
    actor: { type: event.actorType, id: event.actorId ?? null, name: event.actorName },
    action: event.action,
    target: { type: event.targetType ?? null, id: event.targetId ?? null, name: event.targetName ?? null },
    apiClientId: event.apiClientId ?? null,
    changes: event.changes ?? {},
    ipAddress: event.ipAddress ?? null,
    userAgent: event.userAgent ?? null,
    requestId: event.requestId ?? null,
    prevHash: event.prevHash,
  });
}

/**
 * HMAC-SHA-256 under the audit-chain key (derived from the master key): someone who can write to the database but
 * does not hold the key cannot compute the hash of an event they altered, nor of any event after it.
 */
export function keyedHash(key: Buffer): EventHash {
  return (event) => createHmac('sha256', key).update(canonicalEvent(event, 2)).digest('hex');
}

/** The hash of releases before keyed chains: plain SHA-256, which anyone can recompute. Only the one-time re-key reads it. */
export const legacySha256: EventHash = (event) => createHash('sha256').update(canonicalEvent(event, 1)).digest('hex');

/**
 * A value that tells whether a key is the one a chain is keyed with, without revealing the key or any event's hash:
 * `audit verify` with another master key says so instead of calling every event altered.
 */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('keyward audit-chain key check').digest('hex');
}

export type ChainBreak = {
  eventId: string;
  seq: string;
  reason: string;
  /** When the chain was re-keyed, if the break was already in the old SHA-256 chain then (it and what follows kept their old hashes). */
  beforeRekeyAt?: string;
};

/**
 * Checks one chain given its events in `seq` order, the head's recorded hash and how its hashes are computed.
 * Returns the first broken link, or null when the chain is intact.
 */
export function findFirstBreak(
  events: Iterable<ChainedEvent & { hash: string }>,
  head: { seq: string; hash: string } | null,
  hashEvent: EventHash,
  previous: { seq: bigint; hash: string } = { seq: 0n, hash: GENESIS_HASH },
): { brokenAt: ChainBreak | null; last: { seq: bigint; hash: string } } {
  let last = previous;
  for (const event of events) {
    const seq = BigInt(event.seq);
    if (seq !== last.seq + 1n) {
      return {
        brokenAt: { eventId: event.id, seq: event.seq, reason: `event #${last.seq + 1n} is missing before it (deleted?)` },
        last,
      };
    }
    if (event.prevHash !== last.hash) {
      return { brokenAt: { eventId: event.id, seq: event.seq, reason: 'its link to the previous event does not match' }, last };
    }
    if (hashEvent(event) !== event.hash) {
      return { brokenAt: { eventId: event.id, seq: event.seq, reason: 'its content was changed after it was recorded' }, last };
    }
    last = { seq, hash: event.hash };
  }
  if (head && (BigInt(head.seq) !== last.seq || head.hash !== last.hash)) {
    return {
      brokenAt: { eventId: '(end of chain)', seq: head.seq, reason: `events after #${last.seq} are missing (deleted?)` },
      last,
    };
  }
  return { brokenAt: null, last };
}
