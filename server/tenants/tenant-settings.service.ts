import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditSubject, audited } from '../audit/audited.js';
import { checkUnusedCredentialDays } from '../credentials/unused-credentials.rules.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, checkAll } from '../kernel/errors.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import type { SigningKeyService } from '../oauth/signing-keys.js';
import { checkTenantLimit, checkTokenSigningAlgorithm } from '../users/users.rules.js';
import type { Tenant } from './tenant.entity.js';
import { TENANT_CHANGES } from './tenant-changes.js';
import { lockTenant } from './tenant-lock.js';
import { checkTokenQuotaLimit, checkTokenQuotaMode, type TokenQuotaFields } from './token-quota.rules.js';

export interface TenantSettingsChanges {
  maxClients?: number | null;
  maxCredentialsPerClient?: number | null;
  maxCredentialLifetimeDays?: number | null;
  tokenSigningAlgorithm?: string | null;
  unusedCredentialDays?: number | null;
  autoDisableUnusedCredentials?: boolean | null;
  /** Token quota defaults: absent = unchanged; null = no quota (the mode: null = unchanged too). */
  tokensPerHour?: number | null;
  tokensPerDay?: number | null;
  tokenQuotaMode?: string | null;
  maxActiveTokensPerCredential?: number | null;
}

/** A tenant as its settings: what the trail records of a change to them. */
const TENANT_SETTINGS: AuditSubject<Tenant> = {
  target: (tenant) => ({ type: 'TENANT', id: tenant.id, name: tenant.name }),
  snapshot: (tenant) => ({
    maxClients: tenant.maxClients,
    maxCredentialsPerClient: tenant.maxCredentialsPerClient,
    maxCredentialLifetimeDays: tenant.maxCredentialLifetimeDays,
    tokenSigningAlgorithm: tenant.tokenSigningAlgorithm,
    unusedCredentialDays: tenant.unusedCredentialDays,
    autoDisableUnusedCredentials: tenant.autoDisableUnusedCredentials,
    tokensPerHour: tenant.tokensPerHour ?? null,
    tokensPerDay: tenant.tokensPerDay ?? null,
    tokenQuotaMode: tenant.tokenQuotaMode,
    maxActiveTokensPerCredential: tenant.maxActiveTokensPerCredential ?? null,
  }),
};

/** The quota defaults given, checked; absent fields are left out. A refusal names every bad field. */
function tokenQuotaDefaults(input: TenantSettingsChanges): Partial<TokenQuotaFields> {
  const checks: { [K in keyof TokenQuotaFields]?: () => TokenQuotaFields[K] } = {};
  const { tokensPerHour, tokensPerDay, tokenQuotaMode, maxActiveTokensPerCredential } = input;
  if (tokensPerHour !== undefined) checks.tokensPerHour = () => checkTokenQuotaLimit('tokensPerHour', tokensPerHour, 'no hourly quota');
  if (tokensPerDay !== undefined) checks.tokensPerDay = () => checkTokenQuotaLimit('tokensPerDay', tokensPerDay, 'no daily quota');
  if (tokenQuotaMode != null) checks.tokenQuotaMode = () => checkTokenQuotaMode(tokenQuotaMode);
  if (maxActiveTokensPerCredential !== undefined) {
    checks.maxActiveTokensPerCredential = () =>
      checkTokenQuotaLimit('maxActiveTokensPerCredential', maxActiveTokensPerCredential, 'no limit');
  }
  return checkAll(checks) as Partial<TokenQuotaFields>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The tenant's own limits, within the system-wide ceilings, and the algorithm of its access tokens. A limit may not
 * drop below what the tenant already holds; the credential lifetime applies to credentials created from now on; a new
 * signing algorithm takes over through a key rotation, so no resource server meets a key it has not fetched yet.
 */
export class TenantSettingsService {
  constructor(
    private readonly orm: Orm,
    private readonly signingKeys: SigningKeyService,
    /** Token quota defaults are part of every client's cached effective quota: a change drops the tenant's clients. */
    private readonly feed: ChangeFeed,
    private readonly clock: Clock,
  ) {}

  async update(viewer: Viewer, meta: RequestMeta, input: TenantSettingsChanges): Promise<Tenant> {
    const maxClients = input.maxClients == null ? undefined : checkTenantLimit('maxClients', input.maxClients);
    const maxCredentialsPerClient =
      input.maxCredentialsPerClient == null ? undefined : checkTenantLimit('maxCredentialsPerClient', input.maxCredentialsPerClient);
    const maxCredentialLifetimeDays =
      input.maxCredentialLifetimeDays == null ? undefined : checkTenantLimit('maxCredentialLifetimeDays', input.maxCredentialLifetimeDays);
    const tokenSigningAlgorithm = input.tokenSigningAlgorithm == null ? undefined : checkTokenSigningAlgorithm(input.tokenSigningAlgorithm);
    const unusedCredentialDays = input.unusedCredentialDays == null ? undefined : checkUnusedCredentialDays(input.unusedCredentialDays);
    const quota = tokenQuotaDefaults(input);
    let algorithmChanged = false;
    const tenant = await audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      // The tenant lock also holds off API client creation, so the count below stays true until commit.
      const tenant = await lockTenant(em, viewer.tenantId);
      audit.changed('tenant.updated', tenant, TENANT_SETTINGS);
      if (maxClients !== undefined) {
        if (maxClients < tenant.maxClients) await this.refuseBelowClientCount(em, tenant, maxClients);
        tenant.maxClients = maxClients;
      }
      if (maxCredentialsPerClient !== undefined) {
        if (maxCredentialsPerClient < tenant.maxCredentialsPerClient)
          await this.refuseBelowCredentialCount(em, tenant, maxCredentialsPerClient);
        tenant.maxCredentialsPerClient = maxCredentialsPerClient;
      }
      if (maxCredentialLifetimeDays !== undefined) tenant.maxCredentialLifetimeDays = maxCredentialLifetimeDays;
      // Usage findings (docs/usage-findings.md): the next run of the unused-credential job applies them.
      if (unusedCredentialDays !== undefined) tenant.unusedCredentialDays = unusedCredentialDays;
      if (input.autoDisableUnusedCredentials != null) tenant.autoDisableUnusedCredentials = input.autoDisableUnusedCredentials;
      if (tokenSigningAlgorithm !== undefined) {
        algorithmChanged = tokenSigningAlgorithm !== tenant.tokenSigningAlgorithm;
        tenant.tokenSigningAlgorithm = tokenSigningAlgorithm;
      }
      if (Object.keys(quota).length > 0) {
        Object.assign(tenant, quota);
        await this.feed.publish(em, TENANT_CHANGES, tenant.id);
      }
      return tenant;
    });
    if (tokenSigningAlgorithm !== undefined) await this.rotateToSetting(tenant, algorithmChanged);
    return tenant;
  }

  /**
   * When tokens start being signed with the tenant's `tokenSigningAlgorithm`: the activation of its newest key (in
   * the future while that key waits for cached JWKS copies to expire); null while no key of that algorithm exists.
   */
  async tokenSigningAlgorithmEffectiveAt(tenant: Tenant): Promise<Date | null> {
    const newest = await this.newestKey(tenant.id);
    return newest.alg === tenant.tokenSigningAlgorithm ? new Date(newest.activatesAt) : null;
  }

  /**
   * After the commit, so the new key never exists for a setting that was rolled back. The rotation reads the setting
   * itself under the key lock, so of two admins changing it at once the last commit's algorithm wins. Setting the same
   * algorithm again also rotates when no key of it exists yet (a rotation that failed after its commit).
   */
  private async rotateToSetting(tenant: Tenant, changed: boolean): Promise<void> {
    if (changed || (await this.newestKey(tenant.id)).alg !== tenant.tokenSigningAlgorithm) await this.signingKeys.rotate(tenant.id);
  }

  /** The key that signs once every pending rotation is done: the one no later key has replaced. */
  private async newestKey(tenantId: string) {
    const { keys } = await this.signingKeys.forTenant(tenantId);
    return keys.find((key) => key.retiredAt === null) ?? keys[0];
  }

  private async refuseBelowClientCount(em: EntityManager, tenant: Tenant, limit: number): Promise<void> {
    const [row] = await em
      .getConnection()
      .execute<{ clients: number }[]>(
        'select count(*)::int as clients from api_client where tenant_id = ?',
        [tenant.id],
        'all',
        em.getTransactionContext(),
      );
    if (row.clients > limit) {
      throw new BadUserInputError(
        'maxClients',
        `This tenant has ${plural(row.clients, 'API client', 'API clients')}, more than the new limit of ${limit}. Delete ${plural(row.clients - limit, 'API client', 'API clients')} first, or choose a limit of at least ${row.clients}.`,
      );
    }
  }

  private async refuseBelowCredentialCount(em: EntityManager, tenant: Tenant, limit: number): Promise<void> {
    // Credential creation locks its client, not the tenant: lock the clients so no count grows past the check.
    const connection = em.getConnection();
    const trx = em.getTransactionContext();
    await connection.execute('select id from api_client where tenant_id = ? order by id for no key update', [tenant.id], 'all', trx);
    const rows = await connection.execute<{ name: string; client_id: string; credentials: number }[]>(
      `select a.name, a.client_id, count(c.id)::int as credentials
         from api_client a join credential c on c.api_client_id = a.id
        where a.tenant_id = ?
        group by a.id, a.name, a.client_id
       having count(c.id) > ?
        order by count(c.id) desc, a.name
        limit 4`,
      [tenant.id, limit],
      'all',
      trx,
    );
    if (rows.length > 0) {
      const most = rows[0].credentials;
      const named = rows
        .slice(0, 3)
        .map((r) => `${r.name} (${r.client_id}): ${r.credentials}`)
        .join(', ');
      throw new BadUserInputError(
        'maxCredentialsPerClient',
        `Some API clients hold more secrets/certificates than the new limit of ${limit} — ${named}${rows.length > 3 ? ', …' : ''}. Delete credentials from them first, or choose a limit of at least ${most}.`,
      );
    }
  }
}
