import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import type { CredentialType } from '../credentials/credential.entity.js';
import { credentialAuditTarget } from '../credentials/credential.service.js';
import { isRemindable } from '../credentials/credential-status.js';
import { kindOf } from '../credentials/kinds/index.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import { type Clock, DAY_MS } from '../kernel/clock.js';
import { MailDeliveryError, type Mailer } from '../mail/mailer.js';
import { daysLeft, REMINDER_STAGES } from './cadence.js';
import { ReminderDelivery, ReminderStatus } from './reminder-delivery.entity.js';
import { reminderMessage } from './templates.js';

export interface ReminderOptions {
  /** Base of the client-page link in each email (KEYWARD_PUBLIC_URL). */
  publicUrl: string;
  /** Attempts before a reminder is given up as FAILED (temporary mail-server failures are retried). */
  maxAttempts: number;
  /** First retry delay; each further retry waits twice as long, up to an hour. */
  retryBaseSeconds: number;
  /** How long a sender holds a claimed reminder before another process may take it over (a crash). */
  leaseSeconds: number;
  /** Reminders a process sends at once; also the most a crash can send twice. */
  sendConcurrency: number;
}

/** A leased reminder with what its email and audit event need (read in the same statement as the lease). */
interface LeasedReminder {
  id: string;
  tenantId: string;
  stage: number;
  /** The one contact this message goes to. */
  recipient: string;
  attempts: number;
  credential: {
    id: string;
    type: CredentialType;
    description: string | null;
    secretHint: string | null;
    certSerial: string | null;
    details: Record<string, unknown> | null;
    expiresAt: Date;
    lastUsedAt: Date | null;
    replacedById: string | null;
    enabled: boolean;
    /** A certificate with an enabled renewal: the renewal is what its contacts use now. */
    renewed: boolean;
  };
  client: { id: string; name: string; clientId: string; contactEmails: string[] };
}

interface LeasedRow {
  id: string;
  tenant_id: string;
  stage: number | string;
  recipient: string;
  attempts: number | string;
  /** Null when the credential is gone. */
  credential_id: string | null;
  type: CredentialType;
  description: string | null;
  secret_hint: string | null;
  cert_serial: string | null;
  details: Record<string, unknown> | string | null;
  expires_at: string | Date;
  last_used_at: string | Date | null;
  replaced_by_id: string | null;
  enabled: boolean;
  renewed: boolean;
  client_uuid: string;
  client_name: string;
  client_id: string;
  contact_emails: string[] | string;
}

/** What became of one leased reminder. */
type Outcome =
  | { kind: 'sent'; delivery: LeasedReminder; recipients: string[]; messageId: string; sentAt: Date }
  | { kind: 'failed'; delivery: LeasedReminder; recipients: string[]; reason: string }
  | { kind: 'retrying'; delivery: LeasedReminder; reason: string; nextAttemptAt: Date }
  /** Rotated away, renewed, disabled or expired since the scan, or its contact removed: nothing to send. */
  | { kind: 'dropped'; delivery: LeasedReminder };
type Final = Extract<Outcome, { kind: 'sent' | 'failed' }>;

export interface SendRound {
  sent: number;
  retrying: number;
  failed: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
const ASCENDING_STAGES = [...REMINDER_STAGES].sort((a, b) => a - b);
/**
 * The due stage (cadence.ts) in SQL: the smallest stage whose instant (now + that many days, given as parameters)
 * the expiry is at or before — ceil(days left) ≤ stage exactly when expiresAt ≤ now + stage days. Comparing
 * timestamps costs far less per row than the days-left arithmetic in numerics (or a subquery).
 */
const STAGE_SQL = `case ${ASCENDING_STAGES.map((stage) => `when c.expires_at <= ? then ${stage}`).join(' ')} end`;
const stageInstants = (now: Date): Date[] => ASCENDING_STAGES.map((stage) => new Date(now.getTime() + stage * DAY_MS));

/**
 * Expiry reminders (docs/reminders.md#delivery-and-retries). `scan` claims every due (credential, stage, contact) triple by inserting its
 * delivery record — one statement, so two scanners never claim a triple twice — and `sendDue` sends the claimed
 * ones in batches: lease → send → record SENT with the audit events. Each contact gets a message of their own (no contact
 * sees another's address) with its own retries. A duplicate can only come from a crash after the mail server
 * accepted a message and before that record committed.
 */
export class ReminderService {
  /** Outcomes in this process since it started, for Prometheus (`/metrics`). */
  readonly totals: SendRound = { sent: 0, retrying: 0, failed: 0 };

  constructor(
    private readonly orm: Orm,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ReminderOptions,
  ) {}

  /**
   * Claims the reminders due now, one per contact of the client. Due = the smallest stage ≥ the days left
   * (cadence.ts), for secrets and certificates that expire within 30 days, whose client may be disabled
   * (SUSPENDED still gets reminders), but not secrets replaced by a rotation, certificates with an enabled renewal, nor
   * disabled credentials. A contact added after a stage went
   * out gets that stage at the next scan; a record from before per-contact delivery (no recipient: one message to
   * everyone) counts as the stage done for all. Returns how many were claimed.
   */
  async scan(): Promise<number> {
    const now = this.clock.now();
    const windowEnd = new Date(now.getTime() + 30 * DAY_MS);
    const [{ claimed }] = await this.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const trx = em.getTransactionContext();
      // The planner expects ~100 contacts a client (a set-returning function's default), so a first scan over a
      // million credentials looks costly enough to JIT-compile: that compilation took longer than the work it sped up.
      // The memory lets the sort of the due credentials stay in RAM.
      await connection.execute('set local jit = off', [], 'run', trx);
      await connection.execute(`set local work_mem = '32MB'`, [], 'run', trx);
      // Only the count comes back: memory here does not grow with how many credentials are due.
      return connection.execute<{ claimed: string }[]>(
        `with claimed as (
           insert into reminder_delivery (id, tenant_id, credential_id, stage, recipient, status, claimed_at, attempts, next_attempt_at, recipients)
           select gen_random_uuid(), c.tenant_id, c.id, c.stage, e.email, 'PENDING', ?, 0, ?, jsonb_build_array(e.email)
           from (
             select c.id, c.tenant_id, c.api_client_id, ${STAGE_SQL} as stage
             from credential c
             where c.replaced_by_id is null and c.enabled and c.expires_at > ? and c.expires_at <= ?
               and not exists (select 1 from credential r where r.renewal_of_id = c.id and r.enabled)
           ) c
           join api_client a on a.id = c.api_client_id
           cross join lateral (select distinct jsonb_array_elements_text(a.contact_emails) as email) e
           -- Already claimed: skipped by the unique index's lookup, not by a failed insert (the hourly scan's common case).
           where not exists (
             select 1 from reminder_delivery d
             where d.credential_id = c.id and d.stage = c.stage and (d.recipient = e.email or d.recipient is null))
           on conflict (credential_id, stage, recipient) do nothing
           returning 1)
         select count(*) as claimed from claimed`,
        [now, now, ...stageInstants(now), now, windowEnd],
        'all',
        trx,
      );
    });
    const count = Number(claimed);
    if (count > 0) this.logger.info({ claimed: count }, 'expiry reminders due');
    return count;
  }

  /**
   * Sends up to `limit` reminders whose time has come, with at most `sendConcurrency` in flight. Two workers take
   * turns: each leases a batch (half the concurrency) in one statement, hands its messages to the mail server
   * together and records the batch in one transaction per tenant, while the other's batch is on the wire. So a
   * process killed mid-round leaves at most `sendConcurrency` reminders waiting for their leases to run out — and at
   * most that many sent twice, if it died between the mail server's acceptance and the commit that records them.
   */
  async sendDue(limit = 100): Promise<SendRound> {
    const round: SendRound = { sent: 0, retrying: 0, failed: 0 };
    const concurrency = Math.max(1, this.options.sendConcurrency);
    let started = 0;
    const worker = async (batchSize: number) => {
      while (started < limit) {
        const count = Math.min(batchSize, limit - started);
        started += count;
        const batch = await this.leaseBatch(count);
        if (!batch) return;
        const outcomes = await Promise.all(batch.map((delivery) => this.sendOne(delivery)));
        await this.recordBatch(outcomes);
        for (const { kind } of outcomes) {
          if (kind === 'dropped') continue;
          round[kind]++;
          this.totals[kind]++;
        }
      }
    };
    const batchSizes = concurrency === 1 ? [1] : [Math.ceil(concurrency / 2), Math.floor(concurrency / 2)];
    await Promise.all(batchSizes.map(worker));
    return round;
  }

  /** Leases up to `count` reminders due now and reads what their emails need, in one statement; null: none is due. */
  private async leaseBatch(count: number): Promise<LeasedReminder[] | null> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseSeconds * 1000);
    const rows: LeasedRow[] = await this.orm.em.getConnection().execute(
      `with leased as (
         update reminder_delivery set lease_until = ?, attempts = attempts + 1
         where id in (
           select id from reminder_delivery
           where status = 'PENDING' and recipient is not null and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
           order by next_attempt_at limit ? for update skip locked)
         returning id, tenant_id, credential_id, stage, recipient, attempts, next_attempt_at)
       select l.id, l.tenant_id, l.stage, l.recipient, l.attempts, c.id as credential_id, c.type, c.description, c.secret_hint, c.cert_serial, c.details,
              c.expires_at, c.last_used_at, c.replaced_by_id, c.enabled,
              exists (select 1 from credential r where r.renewal_of_id = c.id and r.enabled) as renewed,
              a.id as client_uuid, a.name as client_name, a.client_id, a.contact_emails
       -- Left joins: a record whose credential was deleted after the scan (no foreign key stops that) comes back empty and is dropped.
       from leased l left join credential c on c.id = l.credential_id left join api_client a on a.id = c.api_client_id
       order by l.next_attempt_at, l.id`,
      [leaseUntil, now, now, count],
    );
    if (rows.length === 0) return null;
    const gone = rows.filter((row) => row.credential_id === null).map((row) => row.id);
    if (gone.length > 0) await this.orm.em.fork().nativeDelete(ReminderDelivery, { id: { $in: gone } });
    return rows
      .filter((row): row is LeasedRow & { credential_id: string } => row.credential_id !== null)
      .map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        stage: Number(row.stage),
        recipient: row.recipient,
        attempts: Number(row.attempts),
        credential: {
          id: row.credential_id,
          type: row.type,
          description: row.description,
          secretHint: row.secret_hint,
          certSerial: row.cert_serial,
          details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
          expiresAt: new Date(row.expires_at),
          lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
          replacedById: row.replaced_by_id,
          enabled: row.enabled,
          renewed: row.renewed,
        },
        client: {
          id: row.client_uuid,
          name: row.client_name,
          clientId: row.client_id,
          contactEmails: (typeof row.contact_emails === 'string' ? JSON.parse(row.contact_emails) : row.contact_emails) as string[],
        },
      }));
  }

  /** Sends one leased reminder; what became of it is recorded with the rest of its batch. */
  private async sendOne(delivery: LeasedReminder): Promise<Outcome> {
    const { credential, client } = delivery;
    const now = this.clock.now();
    // Rotated away, renewed, disabled or expired since the scan: nothing useful to say any more. No longer a contact of the
    // client: the message is not theirs to read.
    const expired = credential.replacedById || credential.renewed || !isRemindable(credential, now.getTime());
    if (expired || !client.contactEmails.includes(delivery.recipient)) return { kind: 'dropped', delivery };
    // Only this contact's address, in To: no Cc or Bcc, so nobody learns who else is told.
    const recipients = [delivery.recipient];
    try {
      const message = reminderMessage({
        clientName: client.name,
        clientId: client.clientId,
        clientPageUrl: `${this.options.publicUrl.replace(/\/+$/, '')}/clients/${client.id}`,
        credentialType: credential.type,
        credentialDescription: credential.description ?? null,
        credentialHint: kindOf(credential.type).hint(credential),
        expiresAt: credential.expiresAt,
        lastUsedAt: credential.lastUsedAt,
        daysLeft: daysLeft(credential.expiresAt, now),
      });
      const sent = await this.mailer.send({
        to: recipients,
        ...message,
        // RFC 3834: auto-responders should not answer a reminder.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Keyward-Reminder': `${credential.id}/${delivery.stage}` },
      });
      return { kind: 'sent', delivery, recipients, messageId: sent.messageId, sentAt: this.clock.now() };
    } catch (error) {
      const temporary = !(error instanceof MailDeliveryError) || error.temporary;
      const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      if (temporary && delivery.attempts < this.options.maxAttempts) {
        const delay = Math.min(MAX_RETRY_DELAY_MS, this.options.retryBaseSeconds * 1000 * 2 ** (delivery.attempts - 1));
        this.logger.warn(
          { reminder: delivery.id, attempt: delivery.attempts, retryInSeconds: delay / 1000, reason },
          'reminder not sent; will retry',
        );
        return { kind: 'retrying', delivery, reason, nextAttemptAt: new Date(this.clock.now().getTime() + delay) };
      }
      this.logger.error({ reminder: delivery.id, attempts: delivery.attempts, reason }, 'reminder failed for good');
      return { kind: 'failed', delivery, recipients, reason };
    }
  }

  /**
   * What became of a batch: reminders with nothing left to say are deleted, temporary failures wait for their retry,
   * and each tenant's SENT and FAILED ones are recorded with their audit events in one transaction (tenants in a fixed
   * order, one chain lock at a time).
   */
  private async recordBatch(outcomes: Outcome[]): Promise<void> {
    const dropped = outcomes.filter((outcome) => outcome.kind === 'dropped').map(({ delivery }) => delivery.id);
    if (dropped.length > 0) await this.orm.em.fork().nativeDelete(ReminderDelivery, { id: { $in: dropped } });
    for (const outcome of outcomes) {
      if (outcome.kind !== 'retrying') continue;
      await this.orm.em
        .fork()
        .nativeUpdate(
          ReminderDelivery,
          { id: outcome.delivery.id },
          { leaseUntil: null, lastError: outcome.reason, nextAttemptAt: outcome.nextAttemptAt },
        );
    }
    const byTenant = new Map<string, Final[]>();
    for (const outcome of outcomes) {
      if (outcome.kind !== 'sent' && outcome.kind !== 'failed') continue;
      byTenant.set(outcome.delivery.tenantId, [...(byTenant.get(outcome.delivery.tenantId) ?? []), outcome]);
    }
    for (const tenantId of [...byTenant.keys()].sort()) await this.record(tenantId, byTenant.get(tenantId) ?? []);
  }

  /** The final states of one tenant's reminders and their audit events, in one transaction; only their status changes. */
  private async record(tenantId: string, finals: Final[]): Promise<void> {
    await audited(this.orm, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      for (const outcome of finals) {
        const { delivery } = outcome;
        audit.record(
          outcome.kind === 'sent' ? 'reminder.sent' : 'reminder.failed',
          credentialAuditTarget(delivery.credential, delivery.client),
          {
            apiClientId: delivery.client.id,
            changes: {
              stage: { from: null, to: delivery.stage },
              recipients: { from: null, to: outcome.recipients.join(', ') },
              ...(outcome.kind === 'failed' ? { error: { from: null, to: outcome.reason } } : {}),
            },
          },
        );
      }
      // The audit chain's lock first, then the delivery rows: the order of a credential's deletion (audit, then the
      // delivery rows its cascade removes). The other order deadlocks with it.
      await audit.recordNow();
      const rows = finals.map((outcome) =>
        outcome.kind === 'sent'
          ? {
              id: outcome.delivery.id,
              status: ReminderStatus.SENT,
              recipients: outcome.recipients,
              message_id: outcome.messageId,
              sent_at: outcome.sentAt,
            }
          : { id: outcome.delivery.id, status: ReminderStatus.FAILED, recipients: outcome.recipients, last_error: outcome.reason },
      );
      // One statement for the batch; a retried message that went through keeps the error of its last failure.
      await em.getConnection().execute(
        `update reminder_delivery d
         set status = x.status, lease_until = null, recipients = x.recipients,
             message_id = coalesce(x.message_id, d.message_id), sent_at = coalesce(x.sent_at, d.sent_at), last_error = coalesce(x.last_error, d.last_error)
         from jsonb_to_recordset(?::jsonb) as x(id uuid, status text, recipients jsonb, message_id text, sent_at timestamptz, last_error text)
         where d.id = x.id`,
        [JSON.stringify(rows)],
        'run',
        em.getTransactionContext(),
      );
    });
  }
}
