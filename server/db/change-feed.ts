import type { EntityManager, TransactionEventArgs } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Orm } from './orm.js';

/**
 * The wire format between processes: one channel, payloads `<topic>:<key>` or `<topic>` alone. It is the format
 * processes sent before the change feed existed (`client:<clientId>`, `signing-keys`); keep it, so that during a rolling
 * upgrade old and new processes on one database still hear each other's changes.
 */
export const CHANGE_FEED_CHANNEL = 'keyward_cache';
const CHANNEL = CHANGE_FEED_CHANNEL;

/** A change to `key` of a topic (null for a topic without keys), committed by this process or another. */
export type ChangeHandler = (key: string | null) => void;
/** Whether changes are heard now; a transition either way means what was derived from the database may be stale. */
export type HearingHandler = (hearing: boolean) => void;

export interface ReconnectBackoff {
  initialMs: number;
  maxMs: number;
}

/** The first retry comes fast (a restarted connection), later ones at most once a second per process. */
const DEFAULT_BACKOFF: ReconnectBackoff = { initialMs: 100, maxMs: 1000 };

function encode(topic: string, key: string | null): string {
  return key === null ? topic : `${topic}:${key}`;
}

function decode(payload: string): { topic: string; key: string | null } {
  const colon = payload.indexOf(':');
  return colon < 0 ? { topic: payload, key: null } : { topic: payload.slice(0, colon), key: payload.slice(colon + 1) };
}

/**
 * Changes other processes must hear about. A module that owns data publishes its changes inside the transaction
 * that makes them: PostgreSQL delivers the NOTIFY to every listening process when it commits, and this process's own
 * subscribers are told right after the commit. Caches subscribe.
 *
 * One LISTEN connection per process, on a PostgreSQL server only (`listen`); without it (the embedded database,
 * which serves one process, or the CLI) every change is made here and delivered locally, so the feed always hears.
 * While the LISTEN connection is down the feed does not hear: a change committed meanwhile would go unnoticed, so
 * subscribers are told (and keep nothing), and told again once LISTEN is back (and drop what they hold).
 * A handler must be idempotent and quick: on a server this process hears its own changes twice (after its commit,
 * and through LISTEN), and handlers run on the commit's path.
 */
export class ChangeFeed {
  private readonly handlers = new Map<string, ChangeHandler[]>();
  private readonly hearingHandlers: HearingHandler[] = [];
  /** Payloads published in a transaction not yet committed, by its transaction context. */
  private readonly pending = new WeakMap<object, Set<string>>();
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private hearingNow = true;

  constructor(
    orm: Orm,
    private readonly logger: Logger,
    private readonly backoff: ReconnectBackoff = DEFAULT_BACKOFF,
  ) {
    // Fired after every top-level commit (savepoints excluded), whoever opened the transaction.
    orm.em
      .getEventManager()
      .registerSubscriber({ afterTransactionCommit: (args: TransactionEventArgs) => this.committed(args.transaction) });
  }

  /** Whether a change committed by another process now would reach this process's subscribers. */
  get hearing(): boolean {
    return this.hearingNow;
  }

  subscribe(topic: string, handler: ChangeHandler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  onHearingChange(handler: HearingHandler): void {
    this.hearingHandlers.push(handler);
  }

  /**
   * Announces a change made in `em`'s transaction: to every process when it commits, and to this one's subscribers
   * right after. Nothing is announced if it rolls back. A topic names no ':' (the key follows it on the wire).
   */
  async publish(em: EntityManager, topic: string, key: string | null = null): Promise<void> {
    if (topic.includes(':')) throw new Error(`A change feed topic cannot contain ':' (${topic}).`);
    const transaction = em.getTransactionContext<object>();
    if (!transaction)
      throw new Error(`ChangeFeed.publish(${topic}) must run inside a transaction: the change is announced when it commits.`);
    // A savepoint's release is no commit, and MikroORM tells subscribers only of the outermost one.
    if ('savepointName' in transaction)
      throw new Error(`ChangeFeed.publish(${topic}) must run in the outermost transaction, not a nested one.`);
    const payload = encode(topic, key);
    let payloads = this.pending.get(transaction);
    if (!payloads) {
      payloads = new Set();
      this.pending.set(transaction, payloads);
    }
    if (payloads.has(payload)) return;
    payloads.add(payload);
    await em.getConnection().execute('select pg_notify(?, ?)', [CHANNEL, payload], 'all', transaction);
  }

  /** LISTEN on a connection of its own (a PostgreSQL server); resolves once it hears, throws if it cannot connect. */
  async listen(databaseUrl: string): Promise<void> {
    this.setHearing(false);
    await this.connect(databaseUrl);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private committed(transaction: object | undefined): void {
    const payloads = transaction ? this.pending.get(transaction) : undefined;
    if (!transaction || !payloads) return;
    this.pending.delete(transaction);
    for (const payload of payloads) this.deliver(payload);
  }

  private deliver(payload: string): void {
    const { topic, key } = decode(payload);
    for (const handler of this.handlers.get(topic) ?? []) {
      // The change is committed: a failing subscriber must not turn it into a failed request.
      try {
        handler(key);
      } catch (error) {
        this.logger.error({ err: error, topic }, 'a change feed subscriber failed');
      }
    }
  }

  private setHearing(hearing: boolean): void {
    this.hearingNow = hearing;
    for (const handler of this.hearingHandlers) {
      try {
        handler(hearing);
      } catch (error) {
        this.logger.error({ err: error }, 'a change feed subscriber failed');
      }
    }
  }

  private async connect(databaseUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    let ended = false;
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) this.deliver(message.payload ?? '');
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'the change feed lost its LISTEN connection; reconnecting'));
    client.on('end', () => {
      ended = true;
      if (this.listener !== client) return;
      this.listener = null;
      // Changes will be missed while disconnected: subscribers keep nothing until LISTEN is back.
      this.setHearing(false);
      this.reconnect(databaseUrl, this.backoff.initialMs);
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (ended) throw new Error('The LISTEN connection closed as it was being set up.');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // What was loaded before LISTEN took effect may already be stale (a change whose NOTIFY nobody here heard).
    this.setHearing(true);
  }

  private reconnect(databaseUrl: string, delayMs: number): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.stopped) return;
      this.connect(databaseUrl)
        .then(() => this.logger.info('the change feed is listening again'))
        .catch((error: unknown) => {
          this.logger.debug({ err: error }, 'the change feed could not reconnect yet');
          this.reconnect(databaseUrl, Math.min(delayMs * 2, this.backoff.maxMs));
        });
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
