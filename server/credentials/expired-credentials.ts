import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import { lockApiClients } from '../clients/api-client.lookup.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { Credential } from './credential.entity.js';
import { credentialAuditTarget } from './credential.service.js';

/** Credentials recorded in one transaction (one tenant's, its clients locked): bounds a run after a long downtime. */
const BATCH = 500;
/** Batches in one run at most; whatever is left is recorded on the next run. */
const MAX_BATCHES = 200;

/**
 * `credential.expired` (docs/webhooks.md#events): recorded once for each credential whose expiry has passed, by the
 * system, so the audit trail and every webhook endpoint subscribed to it hear of it. Expiry itself needs no job (the
 * token endpoint compares expiresAt); this only tells people. Set-based: one query finds the unreported, oldest
 * expiry first; each batch locks its clients first (the order every credential change takes), then records.
 */
export class ExpiredCredentials {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<{ reported: number }> {
    const now = this.clock.now();
    let reported = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const rows = await this.orm.em.getConnection().execute<{ id: string; tenant_id: string; api_client_id: string }[]>(
        `select id, tenant_id, api_client_id from credential
            where expired_reported_at is null and expires_at <= ?
            order by tenant_id, expires_at, id limit ?`,
        [now, BATCH],
      );
      if (rows.length === 0) break;
      const tenantId = rows[0].tenant_id;
      const count = await this.report(
        tenantId,
        rows.filter((row) => row.tenant_id === tenantId),
        now,
      );
      reported += count;
      if (count === 0) break;
    }
    if (reported > 0) this.logger.info({ reported }, 'expired credentials: credential.expired recorded');
    return { reported };
  }

  private async report(tenantId: string, rows: { id: string; api_client_id: string }[], now: Date): Promise<number> {
    return audited(this.orm, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      await lockApiClients(
        em,
        rows.map((row) => row.api_client_id),
      );
      // Checked again under the lock: another process may have recorded them meanwhile, or the credential was deleted.
      const credentials = await em.find(
        Credential,
        { id: { $in: rows.map((row) => row.id) }, expiredReportedAt: null, expiresAt: { $lte: now } },
        { populate: ['apiClient'], refresh: true, orderBy: { expiresAt: 'asc', id: 'asc' } },
      );
      for (const credential of credentials) {
        credential.expiredReportedAt = now;
        audit.record('credential.expired', credentialAuditTarget(credential, credential.apiClient), {
          apiClientId: credential.apiClient.id,
          changes: { expiresAt: { from: null, to: credential.expiresAt.toISOString() } },
        });
      }
      return credentials.length;
    });
  }
}
