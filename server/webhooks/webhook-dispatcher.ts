import type { TransactionEventArgs } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { humanDate } from '../kernel/human-date.js';
import { Permission } from '../kernel/permissions.js';
import type { Mailer } from '../mail/mailer.js';
import { noticeEmail } from '../mail/notice-email.js';
import { WEBHOOKS_TOPIC, wroteWebhookMessages } from './outbox.js';
import { nextAttemptAt } from './webhook.rules.js';
import type { AttemptOutcome, EndpointTarget, WebhookSender } from './webhook-sender.js';

export interface WebhookDeliveryOptions {
  /** The waits after each failed attempt (KEYWARD_WEBHOOK_RETRY_SECONDS); after the last, the delivery is given up. */
  retrySeconds: readonly number[];
  /** An endpoint whose oldest pending delivery has failed this long is disabled (KEYWARD_WEBHOOK_DISABLE_AFTER_SECONDS). */
  disableAfterSeconds: number;
  /** How long a process holds an endpoint it delivers to; another takes it over after a crash once this has passed. */
  leaseSeconds: number;
  /** Base of the link in the email to security administrators (KEYWARD_PUBLIC_URL). */
  publicUrl: string;
  /** KEYWARD_WEBHOOK_DELIVERY: off, this process never wakes to deliver (deliverDue still does, when called). */
  deliver: boolean;
}

export interface WebhookRound {
  delivered: number;
  failed: number;
  disabled: number;
}

interface Head {
  seq: string;
  attempts: number;
  messageId: string;
  body: string;
}

/** Retries further away than this are left to the delivery job's poll rather than a timer of this process. */
const MAX_TIMER_MS = 60_000;
/** Heads delivered per endpoint lease before the others get their turn. */
const PER_LEASE = 50;

/**
 * Delivers the outbox (docs/webhooks.md#ordering-and-delivery). Per endpoint, in order: only the oldest pending delivery
 * (the head) is tried, and the next waits until it is delivered or given up. An endpoint is leased while it is
 * delivered to (a row update under `for update skip locked`), so two Keyward processes never deliver to one endpoint
 * at once; a crashed process's lease runs out and another takes over. Woken when an outbox write commits (in this
 * process, and in the others through the change feed), by a timer for the next retry it knows of, and by the
 * delivery job for the rest.
 */
export class WebhookDispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly orm: Orm,
    private readonly sender: WebhookSender,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: WebhookDeliveryOptions,
    changeFeed: ChangeFeed,
  ) {
    orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: (args: TransactionEventArgs) => {
        if (wroteWebhookMessages(args.transaction)) this.wake();
      },
    });
    changeFeed.subscribe(WEBHOOKS_TOPIC, () => this.wake());
  }

  /** Delivers what is due now, in the background; a wake during a round runs another after it. */
  wake(): void {
    if (this.stopped || !this.options.deliver) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.deliverDue();
        } catch (error) {
          this.logger.warn({ err: error }, 'webhooks: a delivery round failed; the delivery job tries again');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Stops waking; waits for a round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: every endpoint with a due head, until none is left (or `limit` leases). */
  async deliverDue(limit = 200): Promise<WebhookRound> {
    const round: WebhookRound = { delivered: 0, failed: 0, disabled: 0 };
    for (let i = 0; i < limit && !this.stopped; i++) {
      const lease = await this.leaseNext();
      if (!lease) break;
      try {
        await this.deliverTo(lease.id, lease.until, round);
      } finally {
        await this.orm.em
          .getConnection()
          .execute('update webhook_endpoint set lease_until = null where id = ? and lease_until = ?', [lease.id, lease.until]);
      }
    }
    if (this.options.deliver && !this.stopped) await this.timerForNext();
    return round;
  }

  /**
   * A timer for the next thing due that this round could not do yet: a retry, or an endpoint another (perhaps crashed)
   * process holds, once its lease runs out. So a process delivers on its own, without waiting for the delivery job.
   */
  private async timerForNext(): Promise<void> {
    const [next]: { at: Date | string | null; leased: Date | string | null }[] = await this.orm.em.getConnection().execute(
      `select min(head.next_attempt_at) as at, min(e.lease_until) as leased from webhook_endpoint e
         cross join lateral (
           select d.next_attempt_at from webhook_delivery d
           where d.endpoint_id = e.id and d.status = 'PENDING' order by d.seq limit 1) head
        where e.enabled`,
    );
    if (next?.at) this.retryAt(new Date(next.at));
    // A lease is wall-clock time (leaseNext); the timer's wait is counted on the product's clock.
    if (next?.leased) this.retryAt(new Date(this.clock.now().getTime() + Math.max(0, new Date(next.leased).getTime() - Date.now())));
  }

  private async leaseNext(): Promise<{ id: string; until: Date } | null> {
    // Leases are about processes running at the same time: wall-clock time, not the clock the product's rules read
    // (which a test may move by hours while a delivery is in flight).
    const wall = new Date();
    const until = new Date(wall.getTime() + this.options.leaseSeconds * 1000);
    const now = this.clock.now();
    const [row]: { id: string }[] = await this.orm.em.getConnection().execute(
      `update webhook_endpoint set lease_until = ?
        where id = (
          select e.id from webhook_endpoint e
          cross join lateral (
            select d.next_attempt_at from webhook_delivery d
            where d.endpoint_id = e.id and d.status = 'PENDING' order by d.seq limit 1) head
          where e.enabled and (e.lease_until is null or e.lease_until < ?) and head.next_attempt_at <= ?
          order by head.next_attempt_at limit 1
          for no key update of e skip locked)
        returning id`,
      [until, wall, now],
    );
    return row ? { id: row.id, until } : null;
  }

  /** The endpoint's due heads, one after another, until one fails (it then waits for its retry). */
  private async deliverTo(endpointId: string, leaseUntil: Date, round: WebhookRound): Promise<void> {
    const connection = this.orm.em.getConnection();
    for (let i = 0; i < PER_LEASE && !this.stopped; i++) {
      const [endpoint]: {
        id: string;
        tenant_id: string;
        url: string;
        sealed_secret: string;
        vault_credential_id: string | null;
        enabled: boolean;
        failing_since: Date | string | null;
      }[] = await connection.execute(
        'select id, tenant_id, url, sealed_secret, vault_credential_id, enabled, failing_since from webhook_endpoint where id = ? and lease_until = ?',
        [endpointId, leaseUntil],
      );
      if (!endpoint?.enabled) return;
      const now = this.clock.now();
      const [head]: { seq: string; attempts: number; next_attempt_at: Date | string; message_id: string; body: string }[] =
        await connection.execute(
          `select d.seq::text as seq, d.attempts, d.next_attempt_at, m.id as message_id, m.payload::text as body
             from webhook_delivery d join webhook_message m on m.id = d.message_id
            where d.endpoint_id = ? and d.status = 'PENDING' order by d.seq limit 1`,
          [endpointId],
        );
      if (!head) return;
      const dueAt = new Date(head.next_attempt_at);
      if (dueAt.getTime() > now.getTime()) {
        this.retryAt(dueAt);
        return;
      }
      const target: EndpointTarget = {
        id: endpoint.id,
        tenantId: endpoint.tenant_id,
        url: endpoint.url,
        sealedSecret: endpoint.sealed_secret,
        vaultCredentialId: endpoint.vault_credential_id,
      };
      const outcome = await this.sender.send(target, head.message_id, head.body);
      const result = await this.recordScheduled(
        target,
        { seq: head.seq, attempts: Number(head.attempts), messageId: head.message_id, body: head.body },
        outcome,
        endpoint.failing_since ? new Date(endpoint.failing_since) : null,
      );
      if (outcome.ok) {
        round.delivered += 1;
        continue;
      }
      round.failed += 1;
      if (result === 'disabled') {
        round.disabled += 1;
        return;
      }
      // Given up: the next one's turn, at once. Otherwise this endpoint waits for its retry.
      if (result !== 'given-up') return;
    }
  }

  /** The attempt in the log, and what it means for the delivery and the endpoint, in one transaction. */
  private async recordScheduled(
    endpoint: EndpointTarget,
    head: Head,
    outcome: AttemptOutcome,
    failingSince: Date | null,
  ): Promise<'delivered' | 'retrying' | 'given-up' | 'disabled'> {
    const now = this.clock.now();
    const attempts = head.attempts + 1;
    const disableAt = failingSince ? failingSince.getTime() + this.options.disableAfterSeconds * 1000 : Number.POSITIVE_INFINITY;
    const next = outcome.ok ? null : nextAttemptAt(attempts, now, this.options.retrySeconds);
    const disabling = !outcome.ok && now.getTime() >= disableAt;
    const result = outcome.ok ? 'delivered' : disabling ? 'disabled' : next ? 'retrying' : 'given-up';
    const reason = disabling
      ? `Every delivery attempt since ${humanDate(failingSince as Date)} failed (last: ${outcome.error ?? 'no answer'}).`.slice(0, 500)
      : null;
    await audited(this.orm, { by: { tenantId: endpoint.tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      const connection = em.getConnection();
      const trx = em.getTransactionContext();
      if (disabling) {
        // The chain's lock before the endpoint's row, as an endpoint's update or deletion takes them.
        audit.record(
          'webhook.endpoint_disabled',
          { type: 'WEBHOOK_ENDPOINT', id: endpoint.id, name: endpoint.url },
          { changes: { enabled: { from: true, to: false }, reason: { from: null, to: reason } } },
        );
        await audit.recordNow();
      }
      await connection.execute(
        `insert into webhook_attempt (delivery_seq, attempt_no, trigger, at, status_code, latency_ms, error) values (?, ?, 'scheduled', ?, ?, ?, ?)`,
        [head.seq, attempts, now, outcome.statusCode, outcome.latencyMs, outcome.error],
        'run',
        trx,
      );
      await connection.execute(
        `update webhook_delivery set attempts = ?, status = ?, next_attempt_at = ?, last_status_code = ?, last_latency_ms = ?, last_error = ?, delivered_at = ?
          where seq = ? and status = 'PENDING'`,
        [
          attempts,
          outcome.ok ? 'DELIVERED' : next || disabling ? 'PENDING' : 'FAILED',
          outcome.ok ? null : (next ?? now),
          outcome.statusCode,
          outcome.latencyMs,
          outcome.error,
          outcome.ok ? now : null,
          head.seq,
        ],
        'run',
        trx,
      );
      if (disabling)
        await connection.execute(
          'update webhook_endpoint set enabled = false, disabled_at = ?, disabled_reason = ?, updated_at = ? where id = ?',
          [now, reason, now, endpoint.id],
          'run',
          trx,
        );
      else
        await connection.execute(
          outcome.ok
            ? 'update webhook_endpoint set failing_since = null where id = ?'
            : 'update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ?',
          outcome.ok ? [endpoint.id] : [now, endpoint.id],
          'run',
          trx,
        );
    });
    if (next && !outcome.ok && !disabling) this.retryAt(next);
    if (disabling) await this.tellSecurityAdministrators(endpoint, reason as string);
    this.logger[outcome.ok ? 'debug' : 'warn'](
      { webhookEndpoint: endpoint.id, delivery: head.seq, attempt: attempts, status: outcome.statusCode, result },
      outcome.ok ? 'webhook delivered' : 'webhook delivery failed',
    );
    return result;
  }

  /** A timer for a retry within the next minute; later ones are the delivery job's. */
  private retryAt(at: Date): void {
    const wait = Math.max(0, at.getTime() - this.clock.now().getTime());
    if (this.stopped || wait > MAX_TIMER_MS) return;
    const when = Date.now() + wait;
    if (this.timer && this.timerAt <= when) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = when;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.wake();
    }, wait + 50);
    this.timer.unref();
  }

  /** The email to every active user of the tenant holding SECURITY_ADMINISTRATION; a failure is logged (the audit event stays). */
  private async tellSecurityAdministrators(endpoint: EndpointTarget, reason: string): Promise<void> {
    try {
      const rows: { email: string }[] = await this.orm.em.getConnection().execute(
        `select distinct u.email from app_user u
           join team_member m on m.user_id = u.id join team t on t.id = m.team_id
          where u.tenant_id = ? and u.status = 'ACTIVE' and t.permissions @> ?::jsonb order by u.email`,
        [endpoint.tenantId, JSON.stringify([Permission.SECURITY_ADMINISTRATION])],
      );
      if (rows.length === 0) return;
      const url = `${this.options.publicUrl.replace(/\/+$/, '')}/security#webhooks`;
      const message = noticeEmail({
        subject: 'Keyward: a webhook endpoint failed for 24 hours and was disabled',
        lead: `Keyward disabled the webhook endpoint ${endpoint.url}: it has not accepted a delivery for ${Math.round(this.options.disableAfterSeconds / 3600)} hours. It receives no events until it is enabled again; events of the meantime are not kept for it.`,
        rows: [
          ['Endpoint', endpoint.url],
          ['Reason', reason],
        ],
        steps: [
          'Check that the receiving service is up and answers 2xx to a POST (its logs show what it answered).',
          'Open Security → Webhooks, use Send test to check it, then enable the endpoint again.',
          'Undelivered events are listed in its delivery log; Redeliver sends one again.',
        ],
        link: { url, text: 'Webhooks', button: 'Open Webhooks' },
        footer: 'You receive this email because you are a security administrator of this Keyward tenant.',
      });
      await this.mailer.send({
        to: rows.map((row) => row.email),
        ...message,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Keyward-Webhook-Endpoint': endpoint.id },
      });
    } catch (error) {
      this.logger.warn({ webhookEndpoint: endpoint.id, err: error }, 'webhooks: could not email the security administrators');
    }
  }
}
