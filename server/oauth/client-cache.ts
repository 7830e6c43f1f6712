import type { BlockList } from 'node:net';
import { ApiClient } from '../clients/api-client.entity.js';
import { CLIENT_CHANGES } from '../clients/client-transaction.js';
import { Credential, CredentialStatus } from '../credentials/credential.entity.js';
import { credentialStatus } from '../credentials/credential-status.js';
import { type CachedCredential, kindOf } from '../credentials/kinds/index.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';
import { addressList } from '../kernel/addresses.js';
import type { Clock } from '../kernel/clock.js';
import { TENANT_CHANGES } from '../tenants/tenant-changes.js';
import { type EffectiveTokenQuota, effectiveTokenQuota } from '../tenants/token-quota.rules.js';

export type { CachedCredential };

/** What the token endpoint needs to know about a client, kept in memory. */
export interface CachedClient {
  id: string;
  clientId: string;
  name: string;
  tenantId: string;
  tenantSlug: string;
  /** The tenant keeps the root issuer (tenants/issuer.ts): a client assertion's audience depends on it. */
  rootIssuer: boolean;
  enabled: boolean;
  /** Epoch milliseconds of the last disable: tokens issued up to then are inactive for good; null = never disabled. */
  tokensNotBefore: number | null;
  accessTokenLifetimeSeconds: number;
  /** Tokens only with a DPoP proof or a client certificate to bind them to (docs/token-service.md#dpop). */
  requireSenderConstrainedTokens: boolean;
  /** null = any address. */
  allowedAddresses: BlockList | null;
  /** Granted scope name → audience of its API. */
  scopes: Map<string, string>;
  /** Audience of each API the client holds scopes of → those scopes, sorted. */
  grantsByAudience: Map<string, string[]>;
  credentials: CachedCredential[];
  /** Its token quotas with the tenant's defaults filled in; null when none applies, so the token endpoint checks one field. */
  quota: EffectiveTokenQuota | null;
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

/** A safety net only: invalidation is by the change feed; entries are also refreshed after this long. */
const TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 5_000;

/**
 * An in-process cache of clients and their credentials so the token endpoint does no database round trip
 * for a known client. Every change to a client or credential is published on the change feed by the clients module
 * (`clientTransaction`); the cache only subscribes, and drops the client when it hears. Entries also expire after a
 * minute.
 */
export class ClientCache {
  private readonly entries = new Map<string, { client: CachedClient | null; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<CachedClient | null>>();
  /** Bumped by every invalidation: a load that overlapped one may hold what was there before, and is not kept. */
  private generation = 0;

  constructor(
    private readonly orm: Orm,
    private readonly feed: ChangeFeed,
    private readonly clock: Clock,
  ) {
    feed.subscribe(CLIENT_CHANGES, (clientId) => {
      if (clientId !== null) this.invalidate(clientId);
    });
    // A client's effective quota falls back on its tenant's defaults: a change to them drops the tenant's clients.
    feed.subscribe(TENANT_CHANGES, (tenantId) => {
      if (tenantId !== null) this.invalidateTenant(tenantId);
    });
    // While the feed does not hear, nothing loaded is kept (see `load`): a change made meanwhile would go unnoticed.
    // Either way the entries held may be stale: dropped when hearing is lost, and again when it is back.
    feed.onHearingChange(() => this.clear());
  }

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

  invalidateTenant(tenantId: string): void {
    for (const [clientId, entry] of this.entries) if (entry.client?.tenantId === tenantId) this.entries.delete(clientId);
    this.generation++;
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
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
          rootIssuer: client.tenant.rootIssuer,
          enabled: client.enabled,
          tokensNotBefore: client.tokensNotBefore?.getTime() ?? null,
          accessTokenLifetimeSeconds: client.accessTokenLifetimeSeconds,
          requireSenderConstrainedTokens: client.requireSenderConstrainedTokens,
          allowedAddresses: addressList(client.allowedIpRanges),
          scopes,
          grantsByAudience: grantsByAudience(scopes),
          credentials: // Oldest first: of several federated credentials a token meets, the first created is the one used.
            (await em.find(Credential, { apiClient: client.id }, { orderBy: { createdAt: 'asc', id: 'asc' } })).map((c) => ({
              id: c.id,
              type: c.type,
              ...kindOf(c.type).cached(c),
              expiresAt: c.expiresAt,
              enabled: c.enabled,
              tokensNotBefore: c.tokensNotBefore?.getTime() ?? null,
            })),
          quota: effectiveTokenQuota(client, client.tenant),
        }
      : null;
    if (this.feed.hearing && generation === this.generation) this.entries.set(clientId, { client: cached, loadedAt: Date.now() });
    return cached;
  }

  /** A credential that can authenticate now: it exists (in the last-loaded state) and is ACTIVE (credential-status.ts). */
  isUsable(client: CachedClient, credential: CachedCredential): boolean {
    return credentialStatus(credential, client.enabled, this.clock.now().getTime()) === CredentialStatus.ACTIVE;
  }
}
