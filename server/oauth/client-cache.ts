import type { BlockList } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import { ApiClient } from '../clients/api-client.entity.js';
import type { Clock } from '../clock.js';
import { Credential, CredentialType } from '../credentials/credential.entity.js';
import type { Orm } from '../db/orm.js';
import { addressList } from '../http/addresses.js';

export interface CachedCredential {
  id: string;
  type: CredentialType;
  /** The stored HMAC of a client secret as bytes, ready for a constant-time comparison; null for certificates. */
  secretHash: Buffer | null;
  thumbprint: string | null;
  expiresAt: Date;
}

/** What the token endpoint needs to know about a client, kept in memory. */
export interface CachedClient {
  id: string;
  clientId: string;
  name: string;
  tenantId: string;
  tenantSlug: string;
  enabled: boolean;
  /** Epoch milliseconds of the last disable: tokens issued up to then are inactive for good; null = never disabled. */
  tokensNotBefore: number | null;
  accessTokenLifetimeSeconds: number;
  /** null = any address. */
  allowedAddresses: BlockList | null;
  /** Granted scope name → audience of its API. */
  scopes: Map<string, string>;
  /** Audience of each API the client holds scopes of → those scopes, sorted. */
  grantsByAudience: Map<string, string[]>;
  credentials: CachedCredential[];
}

/** The granted scopes grouped by the audience of their API, each list sorted. */
function grantsByAudience(scopes: Map<string, string>): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const name of [...scopes.keys()].sort()) {
    const audience = scopes.get(name) as string;
    grants.set(audience, [...(grants.get(audience) ?? []), name]);
  }
  return grants;
}

const CHANNEL = 'keyward_cache';
/** A safety net only: invalidation is by NOTIFY; entries are also refreshed after this long. */
const TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 5_000;

/**
 * An in-process cache of clients and their credentials so the token endpoint does no database round trip
 * for a known client. Every change to a client or credential sends `NOTIFY keyward_cache` in its transaction
 * (delivered to every process on commit) and invalidates this process's entry after commit; entries also
 * expire after a minute.
 */
export class ClientCache {
  private readonly entries = new Map<string, { client: CachedClient | null; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<CachedClient | null>>();
  private listener: pg.Client | null = null;
  private stopped = false;
  /**
   * Whether this process hears other processes' changes now (always, on the embedded database). While it does not
   * (its LISTEN connection is down), nothing loaded is kept: a change made meanwhile would go unnoticed.
   */
  private hearing = true;
  /** Bumped by every invalidation: a load that overlapped one may hold what was there before, and is not kept. */
  private generation = 0;
  private readonly handlers: ((payload: string) => void)[] = [];

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The cached entry when it is fresh (null = known not to exist); undefined when it must be loaded with `get`. */
  peek(clientId: string): CachedClient | null | undefined {
    const entry = this.entries.get(clientId);
    if (!entry) return undefined;
    return Date.now() - entry.loadedAt < (entry.client ? TTL_MS : UNKNOWN_TTL_MS) ? entry.client : undefined;
  }

  async get(clientId: string): Promise<CachedClient | null> {
    const fresh = this.peek(clientId);
    if (fresh !== undefined) return fresh;
    let pending = this.loading.get(clientId);
    if (!pending) {
      pending = this.load(clientId).finally(() => this.loading.delete(clientId));
      this.loading.set(clientId, pending);
    }
    return pending;
  }

  invalidate(clientId: string): void {
    this.entries.delete(clientId);
    this.generation++;
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  /**
   * A transaction that changes clients or their credentials: every client passed to `changed` inside it is
   * announced to all processes (NOTIFY, delivered on commit) and dropped from this process's cache after commit.
   */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const clients = new Set<string>();
    const result = await this.orm.em.fork().transactional(async (em) => {
      this.changedIn.set(em, clients);
      return work(em);
    });
    for (const clientId of clients) this.invalidate(clientId);
    return result;
  }

  /** Marks a client as changed by the enclosing `transaction`. */
  async changed(em: EntityManager, clientId: string): Promise<void> {
    const clients = this.changedIn.get(em);
    if (!clients) throw new Error('ClientCache.changed must run inside ClientCache.transaction');
    clients.add(clientId);
    await em.getConnection().execute('select pg_notify(?, ?)', [CHANNEL, `client:${clientId}`], 'all', em.getTransactionContext());
  }

  private readonly changedIn = new WeakMap<EntityManager, Set<string>>();

  onNotification(handler: (payload: string) => void): void {
    this.handlers.push(handler);
  }

  /** LISTEN on a connection of its own (PostgreSQL server only; the embedded database has one process). */
  async listen(databaseUrl: string): Promise<void> {
    const connect = async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('notification', (message) => {
        const payload = message.payload ?? '';
        if (payload.startsWith('client:')) this.invalidate(payload.slice('client:'.length));
        else this.clear();
        for (const handler of this.handlers) handler(payload);
      });
      client.on('error', (error) => this.logger.warn({ err: error }, 'cache invalidation listener failed; reconnecting'));
      client.on('end', () => {
        this.listener = null;
        this.hearing = false;
        if (this.stopped) return;
        // Notifications will be missed while disconnected: start from an empty cache, and keep nothing until LISTEN is back.
        this.clear();
        setTimeout(() => void connect().catch(() => undefined), 1000).unref();
      });
      await client.connect();
      // Ending the connection on failure makes 'end' try again later.
      await client.query(`listen ${CHANNEL}`).catch(async (error: unknown) => {
        await client.end().catch(() => undefined);
        throw error;
      });
      this.listener = client;
      // What was loaded before LISTEN took effect may already be stale (a change whose NOTIFY nobody here heard).
      this.clear();
      this.hearing = true;
    };
    this.hearing = false;
    await connect();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  private async load(clientId: string): Promise<CachedClient | null> {
    const generation = this.generation;
    const em = this.orm.em.fork();
    const client = await em.findOne(ApiClient, { clientId }, { populate: ['tenant', 'scopes', 'scopes.apiResource'] });
    const scopes = new Map(client?.scopes.getItems().map((scope) => [scope.name, scope.apiResource.audience]) ?? []);
    const cached: CachedClient | null = client
      ? {
          id: client.id,
          clientId: client.clientId,
          name: client.name,
          tenantId: client.tenant.id,
          tenantSlug: client.tenant.slug,
          enabled: client.enabled,
          tokensNotBefore: client.tokensNotBefore?.getTime() ?? null,
          accessTokenLifetimeSeconds: client.accessTokenLifetimeSeconds,
          allowedAddresses: addressList(client.allowedIpRanges),
          scopes,
          grantsByAudience: grantsByAudience(scopes),
          credentials: (await em.find(Credential, { apiClient: client.id })).map((c) => ({
            id: c.id,
            type: c.type,
            secretHash: c.type === CredentialType.CLIENT_SECRET && c.secretHash ? Buffer.from(c.secretHash) : null,
            thumbprint: c.certThumbprint ?? null,
            expiresAt: c.expiresAt,
          })),
        }
      : null;
    if (this.hearing && generation === this.generation) this.entries.set(clientId, { client: cached, loadedAt: Date.now() });
    return cached;
  }

  /** A credential that can authenticate now: it exists (in the last-loaded state), has not expired, and its client is enabled. */
  isUsable(client: CachedClient, credential: CachedCredential): boolean {
    return client.enabled && credential.expiresAt.getTime() > this.clock.now().getTime();
  }
}
