import type { EntityManager } from '@mikro-orm/postgresql';
import { flushRefusingDuplicates } from '../db/flush.js';
import type { Orm } from '../db/orm.js';
import type { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import type { RequestMeta } from '../kernel/viewer.js';
import { type AuditEntry, type AuditTargetRef, createdFields, diffFields, recordAudit } from './audit.service.js';
import type { FieldChanges } from './audit-event.entity.js';

/** How the audit trail names and shows one kind of record (a team, an API, a user…). */
export interface AuditSubject<E> {
  target(entity: E): AuditTargetRef;
  /** The fields the trail keeps of it, never a secret: `changes` compare two of these. */
  snapshot(entity: E): Record<string, unknown>;
  /** For records of an API client: its id, kept in the event's apiClientId. */
  apiClientId?(entity: E): string;
}

/** Who the events of one unit of work are recorded for, and when. */
export interface AuditContext {
  /**
   * A viewer, or any tenant and actor: the tenant's chain holds the events (null: the system chain). Without it,
   * each event names its own (work that finds out whose it is, like a sign-out).
   */
  by?: { readonly tenantId: string | null; readonly actor: Actor };
  meta?: RequestMeta | null;
  /** Every event's occurredAt, so a test that moves the clock moves the trail with it. */
  clock: Clock;
}

/** What one event may say beyond its action and target; tenantId and actor replace the context's for this event. */
export interface EventDetails {
  changes?: FieldChanges;
  apiClientId?: string | null;
  tenantId?: string | null;
  actor?: Actor;
}

/**
 * One audited transaction: the work locks and mutates through `em` and declares what it changed; the events are
 * recorded when the work returns (or at `recordNow`), in the order declared, then everything is flushed together.
 */
export class AuditedWork {
  private readonly pending: (() => Omit<AuditEntry, 'occurredAt'>)[] = [];
  private duplicateRefusal: (() => Error | null) | null = null;

  constructor(
    readonly em: EntityManager,
    private readonly context: AuditContext,
  ) {}

  /** A new record: every field of its snapshot (as it is when the events are recorded, plus `also`) from null. */
  created<E>(action: string, entity: E, subject: AuditSubject<E>, also: Record<string, unknown> = {}): void {
    this.pending.push(() => this.about(action, entity, subject, createdFields({ ...subject.snapshot(entity), ...also })));
  }

  /** A record about to change: its snapshot now, compared with its snapshot when the events are recorded. */
  changed<E>(action: string, entity: E, subject: AuditSubject<E>): void {
    const before = subject.snapshot(entity);
    this.pending.push(() => this.about(action, entity, subject, diffFields(before, subject.snapshot(entity))));
  }

  /** A record about to be deleted: its snapshot now (plus `also`), every field to null. */
  deleted<E>(action: string, entity: E, subject: AuditSubject<E>, also: Record<string, unknown> = {}): void {
    const before = { ...subject.snapshot(entity), ...also };
    this.pending.push(() => this.about(action, entity, subject, diffFields(before, {})));
  }

  /** An event with the changes given as they are, or none (a sign-in, a sign-out). */
  record(action: string, target: AuditTargetRef | null, { changes, apiClientId, ...who }: EventDetails = {}): void {
    const entry = { ...this.who(who), action, target, apiClientId, changes, meta: this.context.meta };
    this.pending.push(() => entry);
  }

  /** A unique index that a concurrent request won first becomes this refusal, as when the work sees the duplicate itself. */
  refuseDuplicatesWith(conflict: () => Error | null): void {
    this.duplicateRefusal = conflict;
  }

  /**
   * Records the events declared so far now, for work that must take the audit chain's lock before a later lock of
   * its own (the order another transaction takes them in); otherwise the chain's lock is the last one taken.
   */
  async recordNow(): Promise<void> {
    for (const entry of this.pending.splice(0)) await recordAudit(this.em, { ...entry(), occurredAt: this.context.clock.now() });
  }

  /** @internal The end of the work: its events, then one flush of everything. */
  async finish(): Promise<void> {
    await this.recordNow();
    if (this.duplicateRefusal) await flushRefusingDuplicates(this.em, this.duplicateRefusal);
    else await this.em.flush();
  }

  private about<E>(action: string, entity: E, subject: AuditSubject<E>, changes: FieldChanges): Omit<AuditEntry, 'occurredAt'> {
    return {
      ...this.who({}),
      action,
      target: subject.target(entity),
      ...(subject.apiClientId ? { apiClientId: subject.apiClientId(entity) } : {}),
      changes,
      meta: this.context.meta,
    };
  }

  private who({ tenantId, actor }: Pick<EventDetails, 'tenantId' | 'actor'>): Pick<AuditEntry, 'tenantId' | 'actor'> {
    const chosen = { tenantId: tenantId === undefined ? this.context.by?.tenantId : tenantId, actor: actor ?? this.context.by?.actor };
    if (chosen.tenantId === undefined || !chosen.actor) throw new Error('An audit event needs a tenant (or null) and an actor: give `by`.');
    return { tenantId: chosen.tenantId, actor: chosen.actor };
  }
}

/**
 * Runs `work` as one audited unit: in a new transaction (given the ORM, or an EntityManager outside one), or inside
 * the caller's transaction (an EntityManager in one). The change and its audit events commit together or not at all.
 */
export async function audited<T>(
  db: Orm | EntityManager,
  context: AuditContext,
  work: (em: EntityManager, audit: AuditedWork) => Promise<T>,
): Promise<T> {
  const run = async (em: EntityManager): Promise<T> => {
    const unit = new AuditedWork(em, context);
    const result = await work(em, unit);
    await unit.finish();
    return result;
  };
  if ('em' in db) return db.em.fork().transactional(run);
  return db.getTransactionContext() ? run(db) : db.transactional(run);
}
