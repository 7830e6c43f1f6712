import type { FilterQuery } from '@mikro-orm/postgresql';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { decodeCursor, encodeCursor, pageSize } from '../db/pagination.js';
import { BadUserInputError } from '../kernel/errors.js';
import { Permission } from '../kernel/permissions.js';
import type { Viewer } from '../kernel/viewer.js';
import { AuditChainHead, AuditChainKey, AuditEvent } from './audit-event.entity.js';
import { type ChainBreak, findFirstBreak, GENESIS_HASH, keyCheck, keyedHash } from './chain.js';
import { auditChainKey } from './chain-key.js';
import { AUDIT_CHAIN_SCHEME } from './chain-upgrade.js';

export interface AuditFilter {
  apiClientId?: string | null;
  actorId?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface ChainReport {
  chainKey: string;
  events: number;
  brokenAt: ChainBreak | null;
}

const BATCH = 1000;

export class AuditQueryService {
  constructor(private readonly orm: Orm) {}

  /** The tenant's events the viewer may read (see `whereFor`), newest first, one page. */
  async list(viewer: Viewer, filter: AuditFilter | null | undefined, first?: number | null, after?: string | null) {
    const size = pageSize(first);
    const cursor = decodeCursor(after, ['sequence']);
    const where = whereFor(viewer, filter);
    const em = this.orm.em.fork();
    const totalCount = await em.count(AuditEvent, where);
    const rows = await em.find(AuditEvent, cursor ? { $and: [where, { seq: { $lt: cursor[0] } }] } : where, {
      orderBy: { seq: 'desc' },
      limit: size + 1,
    });
    const nodes = rows.slice(0, size).map((e) => shownTo(viewer, e));
    return { nodes, cursors: nodes.map((e) => encodeCursor([e.seq])), hasNextPage: rows.length > size, totalCount };
  }

  /** Every event `list` would page through, newest first, read in batches so memory stays flat however many match. */
  async *all(viewer: Viewer, filter: AuditFilter | null | undefined): AsyncGenerator<AuditEvent> {
    const where = whereFor(viewer, filter);
    let before: string | null = null;
    for (;;) {
      const em = this.orm.em.fork();
      const batch: AuditEvent[] = await em.find(AuditEvent, before ? { $and: [where, { seq: { $lt: before } }] } : where, {
        orderBy: { seq: 'desc' },
        limit: BATCH,
      });
      for (const event of batch) yield shownTo(viewer, event);
      if (batch.length < BATCH) return;
      before = String(batch[batch.length - 1].seq);
    }
  }

  /**
   * Whether this process holds the key the chains are keyed with: 'missing' when they were never re-keyed (the
   * database was not opened by this release), 'other' for another master key, in which case no event can verify.
   */
  async keyStatus(): Promise<'ok' | 'other' | 'missing'> {
    const marker = await this.orm.em.fork().findOne(AuditChainKey, { scheme: AUDIT_CHAIN_SCHEME });
    if (!marker) return 'missing';
    return marker.keyCheck === keyCheck(auditChainKey(this.orm)) ? 'ok' : 'other';
  }

  /**
   * Recomputes every chain (or one) from its first event with the audit-chain key; names the first broken link of
   * each. A break the one-time re-key already found keeps the reason it had in the old chain.
   */
  async verify(chainKey?: string): Promise<ChainReport[]> {
    const em = this.orm.em.fork();
    const hash = keyedHash(auditChainKey(this.orm));
    const marker = await em.findOne(AuditChainKey, { scheme: AUDIT_CHAIN_SCHEME });
    const heads = await em.find(AuditChainHead, chainKey ? { chainKey } : {}, { orderBy: { chainKey: 'asc' } });
    const reports: ChainReport[] = [];
    for (const head of heads) {
      let last = { seq: 0n, hash: GENESIS_HASH };
      let brokenAt: ChainBreak | null = null;
      let events = 0;
      for (;;) {
        const batch = await em.find(
          AuditEvent,
          { chainKey: head.chainKey, seq: { $gt: last.seq.toString() } },
          { orderBy: { seq: 'asc' }, limit: BATCH },
        );
        em.clear();
        if (batch.length === 0) break;
        const result = findFirstBreak(batch, null, hash, last);
        events += batch.length;
        last = result.last;
        if (result.brokenAt) {
          brokenAt = result.brokenAt;
          break;
        }
      }
      if (!brokenAt) brokenAt = findFirstBreak([], head, hash, last).brokenAt;
      const known = marker?.legacyBreaks.find((b) => b.chainKey === head.chainKey);
      if (brokenAt && known && known.eventId === brokenAt.eventId && known.seq === brokenAt.seq) {
        brokenAt = { eventId: known.eventId, seq: known.seq, reason: known.reason, beforeRekeyAt: marker?.rekeyedAt.toISOString() };
      }
      reports.push({ chainKey: head.chainKey, events, brokenAt });
    }
    return reports;
  }
}

/**
 * The events of credentials (`credential.*`, and any event whose target is a credential, such as an expiry reminder):
 * their secret hints, serials and expiry dates are what `ApiClient.credentials` shows, so they are read with the same
 * permission, SECRET_ADMINISTRATION. Written so that a null `targetType` is not a credential (SQL's `<>` would drop it).
 */
const notAboutCredentials = (): FilterQuery<AuditEvent>[] => [
  { $not: { action: { $like: 'credential.%' } } },
  { $or: [{ targetType: null }, { targetType: { $ne: 'CREDENTIAL' } }] },
];

/** Fields of other events that name credentials: the serials of the certificates revoked with a deleted client. */
const CREDENTIAL_FIELDS = ['revokedSerials'];

/** The event as the viewer may read it: without the fields that name credentials, unless they may see credentials. */
function shownTo(viewer: Viewer, event: AuditEvent): AuditEvent {
  if (viewer.can(Permission.SECRET_ADMINISTRATION) || !CREDENTIAL_FIELDS.some((field) => field in (event.changes ?? {}))) return event;
  const changes = Object.fromEntries(Object.entries(event.changes).filter(([field]) => !CREDENTIAL_FIELDS.includes(field)));
  return { ...event, changes };
}

/**
 * The conditions of a filter, within the viewer's tenant. With only CLIENT_ADMINISTRATION a viewer sees the
 * events about API clients; SECURITY_ADMINISTRATION sees the whole trail. Either way the events of credentials
 * need SECRET_ADMINISTRATION too (docs/permissions.md#what-each-permission-reaches).
 */
function whereFor(viewer: Viewer, filter: AuditFilter | null | undefined): FilterQuery<AuditEvent> {
  const where: FilterQuery<AuditEvent> = { chainKey: viewer.tenantId };
  if (!viewer.can(Permission.SECURITY_ADMINISTRATION)) where.apiClientId = { $ne: null };
  if (!viewer.can(Permission.SECRET_ADMINISTRATION)) where.$and = notAboutCredentials();
  if (filter?.apiClientId) {
    if (!isUuid(filter.apiClientId))
      throw new BadUserInputError(
        'filter.apiClientId',
        'The API client to filter by must be given by its ID (a UUID), not its name or client ID.',
      );
    where.apiClientId = filter.apiClientId;
  }
  if (filter?.actorId) where.actorId = filter.actorId;
  if (filter?.action) {
    const action = filter.action.trim();
    where.action = action.endsWith('*') ? { $like: `${action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%` } : action;
  }
  if (filter?.from || filter?.to) {
    for (const name of ['from', 'to'] as const) {
      const refusal = outsideYearRange(name, filter[name]);
      if (refusal) throw new BadUserInputError(`filter.${name}`, refusal);
    }
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new BadUserInputError('filter.from', '"from" is after "to": swap them, or leave one out.');
    }
    where.occurredAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  }
  return where;
}

/**
 * The refusal for a date outside the years 1–9999, or null: PostgreSQL has no year 0 (JavaScript does), and no audit
 * event lies outside those years.
 */
export function outsideYearRange(name: string, date: Date | null | undefined): string | null {
  const year = date?.getUTCFullYear();
  return year !== undefined && (year < 1 || year > 9999) ? `"${name}" must be a date between the years 1 and 9999.` : null;
}
