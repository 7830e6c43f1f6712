import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import type { ApiClient } from '../clients/api-client.entity.js';
import { lockApiClients } from '../clients/api-client.lookup.js';
import type { ClientTransaction } from '../clients/client-transaction.js';
import type { Orm } from '../db/orm.js';
import { decodeCursor, encodeCursor, pageSize } from '../db/pagination.js';
import { Actor } from '../kernel/actor.js';
import { type Clock, DAY_MS } from '../kernel/clock.js';
import type { Viewer } from '../kernel/viewer.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Credential } from './credential.entity.js';
import { credentialAuditTarget, disableCredential } from './credential.service.js';
import { unusedDays } from './unused-credentials.rules.js';

/** One unused-credential finding: the credential, its client, and how long it has gone without use. */
export interface UnusedCredentialFinding {
  credential: Credential;
  client: ApiClient;
  /** Its last use, or its creation if it was never used. */
  since: Date;
  unusedDays: number;
  /** Disabled by the finding itself (the tenant's autoDisableUnusedCredentials). */
  autoDisabled: boolean;
}

export interface UnusedCredentialPage {
  nodes: UnusedCredentialFinding[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface UnusedRound {
  reported: number;
  disabled: number;
  cleared: number;
}

/** Credentials the job reports in one transaction (one tenant's, its clients locked): bounds a first run over many. */
const BATCH = 500;
/** Batches in one run at most; whatever is left is reported on the next run. */
const MAX_BATCHES = 200;

/** The finding's condition in SQL, for `c` joined to its tenant `t`, as of the first parameter (`now`). */
const UNUSED_SQL = `c.replaced_by_id is null and c.expires_at > ?
  and coalesce(c.last_used_at, c.created_at) <= ?::timestamptz - make_interval(secs => t.unused_credential_days * 86400)`;

/**
 * Usage findings (docs/usage-findings.md): credentials of every kind not used for the tenant's `unusedCredentialDays`
 * (counted from creation when never used), enabled and not expired. Secrets replaced by a rotation are left out: they
 * stop by design. The list reads lastUsedAt as the usage recorder wrote it; the job records `credential.unused` once per
 * stretch without use (`unused_reported_at`), disables the credential when the tenant chose so, and forgets the report
 * once the credential is used again — comparing times here, so the token endpoint's path does no extra work.
 */
export class UnusedCredentials {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    /** Disabling changes what the token endpoint caches: a transaction that announces the clients on commit. */
    private readonly transaction: ClientTransaction,
    private readonly logger: Logger,
  ) {}

  /**
   * The viewer's tenant's findings, longest unused first: enabled ones, and those the finding disabled (so the list
   * says what happened to them). The caller has been allowed to see credentials (SECRET_ADMINISTRATION).
   */
  async list(viewer: Viewer, first?: number | null, after?: string | null): Promise<UnusedCredentialPage> {
    const size = pageSize(first);
    const cursor = decodeCursor(after, ['instant', 'uuid']);
    const now = this.clock.now();
    const em = this.orm.em.fork();
    const where = `c.tenant_id = ? and (c.enabled or c.unused_disabled_at is not null) and ${UNUSED_SQL}`;
    const params = [viewer.tenantId, now, now];
    const connection = em.getConnection();
    const rows = await connection.execute<{ id: string }[]>(
      `select c.id from credential c join tenant t on t.id = c.tenant_id
        where ${where} ${cursor ? 'and (coalesce(c.last_used_at, c.created_at), c.id) > (?::timestamptz, ?::uuid)' : ''}
        order by coalesce(c.last_used_at, c.created_at), c.id
        limit ?`,
      [...params, ...(cursor ?? []), size + 1],
    );
    const [{ count }] = await connection.execute<{ count: string }[]>(
      `select count(*) as count from credential c join tenant t on t.id = c.tenant_id where ${where}`,
      params,
    );
    const ids = rows.slice(0, size).map((row) => row.id);
    const loaded = new Map(
      (await em.find(Credential, { id: { $in: ids } }, { populate: ['apiClient'] })).map((credential) => [credential.id, credential]),
    );
    const nodes = ids.flatMap((id) => {
      const credential = loaded.get(id);
      return credential ? [findingOf(credential, now)] : [];
    });
    return {
      nodes,
      cursors: nodes.map((node) => encodeCursor([node.since.toISOString(), node.credential.id])),
      hasNextPage: rows.length > size,
      totalCount: Number(count),
    };
  }

  /** One run of the job: forget reports of credentials used since, then report (and maybe disable) the newly unused. */
  async run(): Promise<UnusedRound> {
    const now = this.clock.now();
    const connection = this.orm.em.getConnection();
    // Used again (or the tenant raised its threshold): the next stretch without use is reported afresh.
    const cleared = await connection.execute<{ affectedRows?: number }>(
      `update credential c set unused_reported_at = null, unused_disabled_at = null
         from tenant t
        where t.id = c.tenant_id and c.unused_reported_at is not null
          and coalesce(c.last_used_at, c.created_at) > ?::timestamptz - make_interval(secs => t.unused_credential_days * 86400)`,
      [now],
      'run',
    );
    const round: UnusedRound = { reported: 0, disabled: 0, cleared: Number(cleared.affectedRows ?? 0) };
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const candidates = await connection.execute<{ id: string; tenant_id: string; api_client_id: string; auto_disable: boolean }[]>(
        `select c.id, c.tenant_id, c.api_client_id, t.auto_disable_unused_credentials as auto_disable
           from credential c join tenant t on t.id = c.tenant_id
          where c.unused_reported_at is null and c.enabled and ${UNUSED_SQL}
          order by c.tenant_id, c.id
          limit ?`,
        [now, now, BATCH],
      );
      if (candidates.length === 0) break;
      const tenantId = candidates[0].tenant_id;
      const ofTenant = candidates.filter((row) => row.tenant_id === tenantId);
      const outcome = await this.report(tenantId, ofTenant[0].auto_disable, ofTenant, now);
      round.reported += outcome.reported;
      round.disabled += outcome.disabled;
      // Nothing reported of a whole batch (each one changed meanwhile) ends the run rather than asking again at once.
      if (outcome.reported === 0) break;
    }
    if (round.reported + round.cleared > 0) this.logger.info({ ...round }, 'unused credentials: findings recorded');
    return round;
  }

  /** One tenant's batch: its clients locked (as setCredentialEnabled does), each credential checked again, reported, maybe disabled. */
  private async report(
    tenantId: string,
    autoDisable: boolean,
    rows: { id: string; api_client_id: string }[],
    now: Date,
  ): Promise<{ reported: number; disabled: number }> {
    const clientIds = [...new Set(rows.map((row) => row.api_client_id))].sort();
    const work = async (em: EntityManager, announce: (client: ApiClient) => Promise<void>) =>
      audited(em, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
        await lockApiClients(em, clientIds);
        const tenant = await em.findOneOrFail(Tenant, tenantId, { refresh: true });
        const threshold = now.getTime() - tenant.unusedCredentialDays * DAY_MS;
        const credentials = await em.find(
          Credential,
          { id: { $in: rows.map((row) => row.id) }, enabled: true, unusedReportedAt: null, replacedById: null, expiresAt: { $gt: now } },
          { populate: ['apiClient'], refresh: true, orderBy: { id: 'asc' } },
        );
        let reported = 0;
        let disabled = 0;
        for (const credential of credentials) {
          if ((credential.lastUsedAt ?? credential.createdAt).getTime() > threshold) continue;
          const client = credential.apiClient;
          const disable = autoDisable && tenant.autoDisableUnusedCredentials;
          credential.unusedReportedAt = now;
          const days = unusedDays(credential.lastUsedAt ?? credential.createdAt, now);
          audit.record('credential.unused', credentialAuditTarget(credential, client), {
            apiClientId: client.id,
            changes: {
              lastUsedAt: { from: null, to: credential.lastUsedAt?.toISOString() ?? null },
              unusedDays: { from: null, to: days },
              unusedCredentialDays: { from: null, to: tenant.unusedCredentialDays },
              autoDisabled: { from: null, to: disable },
            },
          });
          if (disable) {
            credential.unusedDisabledAt = now;
            disableCredential(audit, credential, client, now, `Not used for ${days} days (the tenant disables unused credentials).`);
            await announce(client);
            disabled++;
          }
          reported++;
        }
        return { reported, disabled };
      });
    if (!autoDisable) return work(this.orm.em.fork(), async () => undefined);
    // Disabling: every process's token endpoint drops what it holds of these clients on commit.
    return this.transaction(async (em, changed) => {
      const announced = new Set<string>();
      const outcome = await work(em, async (client) => {
        if (announced.has(client.clientId)) return;
        announced.add(client.clientId);
        await changed(client.clientId);
      });
      // A client transaction must name a client; when nothing was left to disable, name the first locked one.
      if (announced.size === 0) {
        const [first] = await em
          .getConnection()
          .execute<{ client_id: string }[]>(
            'select client_id from api_client where id = ?',
            [clientIds[0]],
            'all',
            em.getTransactionContext(),
          );
        if (first) await changed(first.client_id);
      }
      return outcome;
    });
  }
}

function findingOf(credential: Credential, now: Date): UnusedCredentialFinding {
  const since = credential.lastUsedAt ?? credential.createdAt;
  return {
    credential,
    client: credential.apiClient,
    since,
    unusedDays: unusedDays(since, now),
    autoDisabled: !credential.enabled && credential.unusedDisabledAt != null,
  };
}
