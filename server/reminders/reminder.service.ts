import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import type { CredentialType } from '../credentials/credential.entity.js';
import { credentialAuditTarget } from '../credentials/credential.service.js';
import { isRemindable } from '../credentials/credential-status.js';
import { kindOf } from '../credentials/kinds/index.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
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
  credential_id: string;
  type: CredentialType;
  description: string | null;
  secret_hint: string | null;
  cert_serial: string | null;
  details: Record<string, unknown> | string | null;
  expires_at: string | Date;
  replaced_by_id: string | null;
  enabled: boolean;
  renewed: boolean;
  client_uuid: string;
  client_name: string;
  client_id: string;
  contact_emails: string[] | string;
}

export interface SendRound {
  sent: number;
  retrying: number;
  failed: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** The due stage (cadence.ts) in SQL: the smallest stage ≥ days_left, as a CASE (far cheaper per row than a subquery). */
const STAGE_SQL = `case ${[...REMINDER_STAGES]
  .sort((a, b) => a - b)
  .map((stage) => `when days_left <= ${stage} then ${stage}`)
  .join(' ')} end`;

/**
 * Expiry reminders (docs/reminders.md#delivery-and-retries). `scan` claims every due (credential, stage, contact) triple by inserting its
 * delivery record — one statement, so two scanners never claim a triple twice — and `sendDue` sends the claimed
 * ones: lease → send → record SENT with its audit event. Each contact gets a message of their own (no contact
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
    // Only the count comes back: memory here does not grow with how many credentials are due.
    const [{ claimed }]: { claimed: string }[] = await this.orm.em.getConnection().execute(
      `with claimed as (
         insert into reminder_delivery (id, tenant_id, credential_id, stage, recipient, status, claimed_at, attempts, next_attempt_at, recipients)
         select gen_random_uuid(), c.tenant_id, c.id, c.stage, e.email, 'PENDING', ?, 0, ?, jsonb_build_array(e.email)
         from (
           select c.id, c.tenant_id, c.api_client_id, ${STAGE_SQL} as stage
           from (
             select id, tenant_id, api_client_id, ceil(extract(epoch from (expires_at - ?::timestamptz)) / 86400) as days_left
             from credential
             where replaced_by_id is null and enabled and expires_at > ? and expires_at <= ?::timestamptz + interval '30 days'
               and not exists (select 1 from credential r where r.renewal_of_id = credential.id and r.enabled)
           ) c
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
      [now, now, now, now, now],
    );
    const count = Number(claimed);
    if (count > 0) this.logger.info({ claimed: count }, 'expiry reminders due');
    return count;
  }

  /**
   * Sends up to `limit` reminders whose time has come, with `sendConcurrency` in flight at once. Each is leased
   * just before it is sent, so a process killed mid-round leaves at most that many reminders waiting for their
   * leases to run out — and at most that many sent twice, if it died between the mail server's acceptance and
   * the commit that records it.
   */
  async sendDue(limit = 100): Promise<SendRound> {
    const round: SendRound = { sent: 0, retrying: 0, failed: 0 };
    let started = 0;
    const worker = async () => {
      while (started < limit) {
        started++;
        const leased = await this.leaseNext();
        if (!leased) return;
        const outcome = await this.sendOne(leased);
        if (outcome) {
          round[outcome]++;
          this.totals[outcome]++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.sendConcurrency) }, worker));
    return round;
  }

  /** Leases the next reminder due and reads what its email needs, in one statement. */
  private async leaseNext(): Promise<LeasedReminder | null> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseSeconds * 1000);
    const [row]: LeasedRow[] = await this.orm.em.getConnection().execute(
      `with leased as (
         update reminder_delivery set lease_until = ?, attempts = attempts + 1
         where id = (
           select id from reminder_delivery
           where status = 'PENDING' and recipient is not null and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
           order by next_attempt_at limit 1 for update skip locked)
         returning id, tenant_id, credential_id, stage, recipient, attempts)
       select l.id, l.tenant_id, l.stage, l.recipient, l.attempts, c.id as credential_id, c.type, c.description, c.secret_hint, c.cert_serial, c.details,
              c.expires_at, c.replaced_by_id, c.enabled,
              exists (select 1 from credential r where r.renewal_of_id = c.id and r.enabled) as renewed,
              a.id as client_uuid, a.name as client_name, a.client_id, a.contact_emails
       from leased l join credential c on c.id = l.credential_id join api_client a on a.id = c.api_client_id`,
      [leaseUntil, now, now],
    );
    if (!row) return null;
    const contacts = typeof row.contact_emails === 'string' ? JSON.parse(row.contact_emails) : row.contact_emails;
    return {
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
        replacedById: row.replaced_by_id,
        enabled: row.enabled,
        renewed: row.renewed,
      },
      client: { id: row.client_uuid, name: row.client_name, clientId: row.client_id, contactEmails: contacts as string[] },
    };
  }

  private async sendOne(delivery: LeasedReminder): Promise<keyof SendRound | null> {
    const { id, credential, client } = delivery;
    const now = this.clock.now();
    // Rotated away, renewed, disabled or expired since the scan: nothing useful to say any more. No longer a contact of the
    // client: the message is not theirs to read.
    const expired = credential.replacedById || credential.renewed || !isRemindable(credential, now.getTime());
    if (expired || !client.contactEmails.includes(delivery.recipient)) {
      await this.orm.em.fork().nativeDelete(ReminderDelivery, { id });
      return null;
    }
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
        daysLeft: daysLeft(credential.expiresAt, now),
      });
      const sent = await this.mailer.send({
        to: recipients,
        ...message,
        // RFC 3834: auto-responders should not answer a reminder.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Keyward-Reminder': `${credential.id}/${delivery.stage}` },
      });
      await this.record(
        delivery,
        ReminderStatus.SENT,
        { recipients, messageId: sent.messageId, sentAt: this.clock.now() },
        'reminder.sent',
      );
      return 'sent';
    } catch (error) {
      const temporary = !(error instanceof MailDeliveryError) || error.temporary;
      const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      if (temporary && delivery.attempts < this.options.maxAttempts) {
        const delay = Math.min(MAX_RETRY_DELAY_MS, this.options.retryBaseSeconds * 1000 * 2 ** (delivery.attempts - 1));
        await this.orm.em
          .fork()
          .nativeUpdate(
            ReminderDelivery,
            { id },
            { leaseUntil: null, lastError: reason, nextAttemptAt: new Date(this.clock.now().getTime() + delay) },
          );
        this.logger.warn(
          { reminder: id, attempt: delivery.attempts, retryInSeconds: delay / 1000, reason },
          'reminder not sent; will retry',
        );
        return 'retrying';
      }
      await this.record(delivery, ReminderStatus.FAILED, { recipients, lastError: reason }, 'reminder.failed');
      this.logger.error({ reminder: id, attempts: delivery.attempts, reason }, 'reminder failed for good');
      return 'failed';
    }
  }

  /**
   * The final state of a reminder and its audit event, in one transaction. The delivery was loaded (with its
   * credential and client) just before sending; only its status changes here.
   */
  private async record(
    delivery: LeasedReminder,
    status: ReminderStatus.SENT | ReminderStatus.FAILED,
    fields: { recipients: string[]; messageId?: string; sentAt?: Date; lastError?: string },
    action: 'reminder.sent' | 'reminder.failed',
  ): Promise<void> {
    await audited(this.orm, { by: { tenantId: delivery.tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      audit.record(action, credentialAuditTarget(delivery.credential, delivery.client), {
        apiClientId: delivery.client.id,
        changes: {
          stage: { from: null, to: delivery.stage },
          recipients: { from: null, to: fields.recipients.join(', ') },
          ...(fields.lastError ? { error: { from: null, to: fields.lastError } } : {}),
        },
      });
      // The audit chain's lock first, then the delivery row: the order of a credential's deletion (audit, then the
      // delivery rows its cascade removes). The other order deadlocks with it.
      await audit.recordNow();
      await em.nativeUpdate(ReminderDelivery, { id: delivery.id }, { status, leaseUntil: null, ...fields });
    });
  }
}
