import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditSubject, audited } from '../audit/audited.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { decodeCursor, encodeCursor, pageSize } from '../db/pagination.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, checkAll, NotFoundError } from '../kernel/errors.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import type { OutboundPolicy } from '../outbound/outbound.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { VaultCredential } from '../vault/vault-credential.entity.js';
import { newMessageId } from './outbox.js';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookMessage } from './webhook.entities.js';
import { normalizeEventTypes, normalizeWebhookDescription, normalizeWebhookUrl, WEBHOOK_RULES } from './webhook.rules.js';
import { TEST_EVENT_TYPE } from './webhook-events.js';
import type { WebhookSecrets } from './webhook-secrets.js';
import type { AttemptOutcome, WebhookSender } from './webhook-sender.js';

/** What create and update take (the GraphQL input has this shape). */
export interface WebhookEndpointInputShape {
  url?: string | null;
  description?: string | null;
  eventTypes?: string[] | null;
  enabled?: boolean | null;
  /** A vault credential of the tenant applied to every delivery; "" or null on update removes it. */
  vaultCredentialId?: string | null;
}

/** One delivery as the log shows it. */
export interface WebhookDeliveryView {
  delivery: WebhookDelivery;
  message: WebhookMessage;
  attempts: WebhookAttempt[];
}

export interface WebhookDeliveryPage {
  nodes: WebhookDeliveryView[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** The answer of a test or a redelivery: what the endpoint said. */
export interface WebhookCallResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  message: string;
  deliveryId: string;
}

const SUBJECT: AuditSubject<WebhookEndpoint> = {
  target: (endpoint) => ({ type: 'WEBHOOK_ENDPOINT', id: endpoint.id, name: endpoint.url }),
  // Never the signing secret.
  snapshot: (endpoint) => ({
    url: endpoint.url,
    description: endpoint.description ?? null,
    eventTypes: [...endpoint.eventTypes],
    enabled: endpoint.enabled,
    vaultCredentialId: endpoint.vaultCredential?.id ?? null,
  }),
};

/** Webhook endpoints of a tenant and their delivery logs (docs/webhooks.md), for its security administrators. */
export class WebhookService {
  constructor(
    private readonly orm: Orm,
    private readonly secrets: WebhookSecrets,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly policy: OutboundPolicy,
  ) {}

  async list(viewer: Viewer): Promise<WebhookEndpoint[]> {
    return this.orm.em
      .fork()
      .find(WebhookEndpoint, { tenant: viewer.tenantId }, { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['vaultCredential'] });
  }

  async create(
    viewer: Viewer,
    meta: RequestMeta,
    input: WebhookEndpointInputShape,
  ): Promise<{ endpoint: WebhookEndpoint; signingSecret: string }> {
    const checked = this.check(input, null);
    const signingSecret = this.secrets.generate();
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const tenant = await em.findOneOrFail(Tenant, viewer.tenantId);
      if ((await em.count(WebhookEndpoint, { tenant })) >= WEBHOOK_RULES.endpointsPerTenant)
        throw new ConflictError(
          `This tenant has ${WEBHOOK_RULES.endpointsPerTenant} webhook endpoints, the most it may have; delete one first, or subscribe an existing one to more event types.`,
        );
      const now = this.clock.now();
      const endpoint = em.create(WebhookEndpoint, {
        tenant,
        url: checked.url,
        description: checked.description,
        eventTypes: checked.eventTypes,
        enabled: input.enabled ?? true,
        sealedSecret: '',
        vaultCredential: await this.vaultCredential(em, viewer, checked.vaultCredentialId),
        createdAt: now,
        updatedAt: now,
      });
      endpoint.sealedSecret = this.secrets.seal(viewer.tenantId, endpoint.id, signingSecret);
      audit.created('webhook.endpoint_created', endpoint, SUBJECT);
      return { endpoint, signingSecret };
    });
  }

  async update(viewer: Viewer, meta: RequestMeta, id: string, input: WebhookEndpointInputShape): Promise<WebhookEndpoint> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const endpoint = await this.lock(em, viewer, id);
      const checked = this.check(input, endpoint);
      audit.changed('webhook.endpoint_updated', endpoint, SUBJECT);
      endpoint.url = checked.url;
      endpoint.description = checked.description;
      endpoint.eventTypes = checked.eventTypes;
      if (input.vaultCredentialId !== undefined)
        endpoint.vaultCredential = await this.vaultCredential(em, viewer, checked.vaultCredentialId);
      if (input.enabled !== undefined && input.enabled !== null && input.enabled !== endpoint.enabled) {
        endpoint.enabled = input.enabled;
        // Enabled again: the 24 hours start afresh, and what waits is tried at once.
        if (input.enabled) {
          endpoint.disabledAt = null;
          endpoint.disabledReason = null;
          endpoint.failingSince = null;
          await em
            .getConnection()
            .execute(
              `update webhook_delivery set next_attempt_at = ? where endpoint_id = ? and status = 'PENDING'`,
              [this.clock.now(), endpoint.id],
              'run',
              em.getTransactionContext(),
            );
        }
      }
      endpoint.updatedAt = this.clock.now();
      return endpoint;
    });
  }

  async delete(viewer: Viewer, meta: RequestMeta, id: string): Promise<boolean> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      const endpoint = await this.find(em, viewer, id);
      audit.deleted('webhook.endpoint_deleted', endpoint, SUBJECT);
      // The chain's lock before the endpoint's row (an outbox write holds the first and reads the second).
      await audit.recordNow();
      await em.getConnection().execute('delete from webhook_endpoint where id = ?', [endpoint.id], 'run', em.getTransactionContext());
      em.getUnitOfWork().unsetIdentity(endpoint);
      return true;
    });
  }

  /** The endpoint's deliveries, newest first, each with its attempts. */
  async deliveries(
    viewer: Viewer,
    endpointId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<WebhookDeliveryPage> {
    const size = pageSize(first);
    const [afterSeq] = decodeCursor(after, ['sequence']) ?? [];
    const em = this.orm.em.fork();
    const endpoint = await this.find(em, viewer, endpointId);
    const where = { endpoint, ...(afterSeq ? { seq: { $lt: afterSeq } } : {}) };
    const [deliveries, totalCount] = await Promise.all([
      em.find(WebhookDelivery, where, { orderBy: { seq: 'desc' }, limit: size + 1, populate: ['message'] }),
      em.count(WebhookDelivery, { endpoint }),
    ]);
    const page = deliveries.slice(0, size);
    const attempts = page.length ? await em.find(WebhookAttempt, { delivery: { $in: page } }, { orderBy: { id: 'asc' } }) : [];
    return {
      nodes: page.map((delivery) => ({
        delivery,
        message: delivery.message,
        attempts: attempts.filter((attempt) => String(attempt.delivery.seq) === String(delivery.seq)),
      })),
      cursors: page.map((delivery) => encodeCursor([String(delivery.seq)])),
      hasNextPage: deliveries.length > size,
      totalCount,
    };
  }

  /**
   * Sends the delivery's message again now (the same `webhook-id`: a receiver that has it already drops it), logged as
   * a redelivery; a pending or failed delivery that is accepted is delivered.
   */
  async redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookCallResult> {
    if (!/^\d{1,18}$/.test(deliveryId)) throw notFoundDelivery(deliveryId);
    const em = this.orm.em.fork();
    const delivery = await em.findOne(
      WebhookDelivery,
      { seq: deliveryId, endpoint: { tenant: viewer.tenantId } },
      { populate: ['message', 'endpoint', 'endpoint.vaultCredential'] },
    );
    if (!delivery) throw notFoundDelivery(deliveryId);
    const endpoint = delivery.endpoint;
    const outcome = await this.sender.send(this.targetOf(endpoint), delivery.message.id, JSON.stringify(delivery.message.payload));
    await this.orm.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const trx = tx.getTransactionContext();
      const [{ attempts }]: { attempts: number }[] = await connection.execute(
        'update webhook_delivery set attempts = attempts + 1 where seq = ? returning attempts',
        [delivery.seq],
        'all',
        trx,
      );
      await connection.execute(
        `insert into webhook_attempt (delivery_seq, attempt_no, trigger, at, status_code, latency_ms, error) values (?, ?, 'redelivery', ?, ?, ?, ?)`,
        [delivery.seq, attempts, this.clock.now(), outcome.statusCode, outcome.latencyMs, outcome.error],
        'run',
        trx,
      );
      if (outcome.ok) {
        await connection.execute(
          `update webhook_delivery set status = 'DELIVERED', delivered_at = ?, next_attempt_at = null, last_status_code = ?, last_latency_ms = ?, last_error = null
            where seq = ? and status <> 'DELIVERED'`,
          [this.clock.now(), outcome.statusCode, outcome.latencyMs, delivery.seq],
          'run',
          trx,
        );
        // The head delivered: whatever waited behind it goes on now, and the endpoint is no longer failing.
        await connection.execute(
          `update webhook_endpoint set failing_since = null where id = ? and not exists (
             select 1 from webhook_delivery where endpoint_id = ? and status = 'PENDING' and attempts > 0)`,
          [endpoint.id, endpoint.id],
          'run',
          trx,
        );
      }
    });
    return this.answer(outcome, delivery.seq);
  }

  /** A `webhook.test` message, sent at once (not queued behind the endpoint's events) and logged; the answer is returned. */
  async sendTest(viewer: Viewer, endpointId: string): Promise<WebhookCallResult> {
    const em = this.orm.em.fork();
    const endpoint = await this.find(em, viewer, endpointId, true);
    const now = this.clock.now();
    const id = newMessageId();
    const payload = {
      type: TEST_EVENT_TYPE,
      timestamp: now.toISOString(),
      data: {
        tenant: { id: viewer.tenant.id, slug: viewer.tenant.slug },
        endpointId: endpoint.id,
        message: 'A test event from Keyward: your endpoint receives and verifies its webhooks.',
      },
    };
    const outcome = await this.sender.send(this.targetOf(endpoint), id, JSON.stringify(payload));
    const seq = await this.orm.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const trx = tx.getTransactionContext();
      await connection.execute(
        'insert into webhook_message (id, tenant_id, type, payload, created_at) values (?, ?, ?, ?::jsonb, ?)',
        [id, viewer.tenantId, TEST_EVENT_TYPE, JSON.stringify(payload), now],
        'run',
        trx,
      );
      const [row]: { seq: string }[] = await connection.execute(
        `insert into webhook_delivery (endpoint_id, message_id, status, attempts, next_attempt_at, last_status_code, last_latency_ms, last_error, delivered_at)
         values (?, ?, ?, 1, null, ?, ?, ?, ?) returning seq::text as seq`,
        [
          endpoint.id,
          id,
          outcome.ok ? WebhookDeliveryStatus.DELIVERED : WebhookDeliveryStatus.FAILED,
          outcome.statusCode,
          outcome.latencyMs,
          outcome.error,
          outcome.ok ? now : null,
        ],
        'all',
        trx,
      );
      await connection.execute(
        `insert into webhook_attempt (delivery_seq, attempt_no, trigger, at, status_code, latency_ms, error) values (?, 1, 'test', ?, ?, ?, ?)`,
        [row.seq, now, outcome.statusCode, outcome.latencyMs, outcome.error],
        'run',
        trx,
      );
      return row.seq;
    });
    return this.answer(outcome, seq);
  }

  private answer(outcome: AttemptOutcome, deliveryId: string): WebhookCallResult {
    return {
      ok: outcome.ok,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      message: outcome.ok
        ? `The endpoint answered HTTP ${outcome.statusCode} in ${outcome.latencyMs} ms: delivered.`
        : (outcome.error ?? 'Not delivered.'),
      deliveryId,
    };
  }

  private targetOf(endpoint: WebhookEndpoint) {
    return {
      id: endpoint.id,
      tenantId: endpoint.tenant.id,
      url: endpoint.url,
      sealedSecret: endpoint.sealedSecret,
      vaultCredentialId: endpoint.vaultCredential?.id ?? null,
    };
  }

  /** Every field's refusal at once, so a form shows each problem after one try. */
  private check(input: WebhookEndpointInputShape, was: WebhookEndpoint | null) {
    return checkAll({
      url: () => (input.url === undefined && was ? was.url : normalizeWebhookUrl(input.url, this.policy)),
      description: () =>
        input.description === undefined && was ? (was.description ?? null) : normalizeWebhookDescription(input.description),
      eventTypes: () =>
        (input.eventTypes === undefined || input.eventTypes === null) && was ? was.eventTypes : normalizeEventTypes(input.eventTypes),
      vaultCredentialId: () => {
        const id = input.vaultCredentialId?.trim() || null;
        if (id && !isUuid(id))
          throw new BadUserInputError(
            'vaultCredentialId',
            'vaultCredentialId is not the id of a vault credential; pick one from vaultCredentials, or leave it out.',
          );
        return id;
      },
    });
  }

  private async vaultCredential(em: EntityManager, viewer: Viewer, id: string | null): Promise<VaultCredential | null> {
    if (!id) return null;
    const credential = await em.findOne(VaultCredential, { id, tenant: viewer.tenantId });
    if (!credential)
      throw new BadUserInputError(
        'vaultCredentialId',
        `No vault credential with id ${id} in this tenant; pick one from vaultCredentials, or leave it out.`,
      );
    return credential;
  }

  private async find(em: EntityManager, viewer: Viewer, id: string, populate = false): Promise<WebhookEndpoint> {
    const found = isUuid(id)
      ? await em.findOne(WebhookEndpoint, { id, tenant: viewer.tenantId }, populate ? { populate: ['vaultCredential'] } : {})
      : null;
    if (!found) throw new NotFoundError(`No webhook endpoint with id ${id.slice(0, 64)} in this tenant.`);
    return found;
  }

  /**
   * `for no key update`: an outbox write (which holds the audit chain's lock) references the row with a key-share lock;
   * `for update` would wait for it while holding what it waits for.
   */
  private async lock(em: EntityManager, viewer: Viewer, id: string): Promise<WebhookEndpoint> {
    const locked = isUuid(id)
      ? await em
          .getConnection()
          .execute(
            'select id from webhook_endpoint where id = ? and tenant_id = ? for no key update',
            [id, viewer.tenantId],
            'all',
            em.getTransactionContext(),
          )
      : [];
    const found = locked.length
      ? await em.findOne(WebhookEndpoint, { id, tenant: viewer.tenantId }, { populate: ['vaultCredential'], refresh: true })
      : null;
    if (!found) throw new NotFoundError(`No webhook endpoint with id ${id.slice(0, 64)} in this tenant.`);
    return found;
  }
}

function notFoundDelivery(id: string): NotFoundError {
  return new NotFoundError(`No webhook delivery with id ${id.slice(0, 32)} in this tenant.`);
}
