import type { Logger } from 'pino';
import { audited } from '../audit/audited.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { MailDeliveryError, type Mailer } from '../mail/mailer.js';
import { daysLeft, REMINDER_STAGES } from '../reminders/cadence.js';
import type { VaultSettings } from './vault.rules.js';
import type { VaultService } from './vault.service.js';
import { VaultCredential } from './vault-credential.entity.js';
import { VaultNotice, VaultNoticeKind, VaultNoticeStatus } from './vault-notice.entity.js';
import { renewalFailedMessage, TYPE_WORDS, vaultExpiryMessage } from './vault-notices.js';
import { RENEWAL_DUE_SQL, type RenewalPolicy } from './vault-renewal.rules.js';

export interface VaultRenewalOptions extends RenewalPolicy {
  /** Base of the Vault page link in each email (KEYWARD_PUBLIC_URL). */
  publicUrl: string;
  /** Attempts before an email is given up (temporary mail-server failures are retried), as for reminders. */
  mailMaxAttempts: number;
  mailRetryBaseSeconds: number;
  leaseSeconds: number;
}

export interface VaultRenewalRound {
  renewed: number;
  retrying: number;
  needsReauthorization: number;
  remindersClaimed: number;
  noticesSent: number;
}

const MAX_MAIL_RETRY_MS = 60 * 60 * 1000;
/** The due stage of the reminder cadence (reminders/cadence.ts) in SQL: the smallest stage ≥ days_left. */
const STAGE_SQL = `case ${[...REMINDER_STAGES]
  .sort((a, b) => a - b)
  .map((stage) => `when days_left <= ${stage} then ${stage}`)
  .join(' ')} end`;

/**
 * The vault's background work, run as one job (docs/vault.md#renewal): OAuth2 access tokens are renewed before they
 * run out, without waiting for someone to ask; failed renewals are retried with backoff; expiry reminders of vault
 * credentials are claimed on the reminder cadence; and the claimed emails are sent, each leased before it is sent,
 * so with several processes each goes out once.
 */
export class VaultRenewals {
  constructor(
    private readonly orm: Orm,
    private readonly vault: VaultService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: VaultRenewalOptions,
  ) {}

  /** One run of the job. */
  async run(): Promise<VaultRenewalRound> {
    const renewals = await this.renewDue();
    const remindersClaimed = await this.claimExpiryReminders();
    const noticesSent = await this.sendDue();
    return { ...renewals, remindersClaimed, noticesSent };
  }

  /** Renews every OAuth2 credential whose token is near its end (or whose retry time has come), one at a time. */
  async renewDue(limit = 200): Promise<Pick<VaultRenewalRound, 'renewed' | 'retrying' | 'needsReauthorization'>> {
    const now = this.clock.now();
    const due: { id: string }[] = await this.orm.em
      .getConnection()
      .execute(`select id from vault_credential where ${RENEWAL_DUE_SQL} order by access_token_expires_at, id limit ${Math.trunc(limit)}`, [
        now,
        now,
      ]);
    const round = { renewed: 0, retrying: 0, needsReauthorization: 0 };
    for (const { id } of due) {
      try {
        const outcome = await this.vault.renewScheduled(id, this.options);
        if (outcome === 'renewed') round.renewed += 1;
        if (outcome === 'retrying') round.retrying += 1;
        if (outcome === 'needs-reauthorization') round.needsReauthorization += 1;
        if (outcome === 'retrying' || outcome === 'needs-reauthorization')
          this.logger.warn({ vaultCredential: id, outcome }, 'vault: an OAuth2 renewal failed');
      } catch (error) {
        // One credential that cannot be read (e.g. sealed under another master key) must not stop the others.
        this.logger.warn({ vaultCredential: id, err: error }, 'vault: could not renew a credential');
      }
    }
    return round;
  }

  /**
   * Claims the expiry reminders due now, one per contact, on the reminder cadence (30 and 15 days, then daily from 7):
   * enabled credentials with an expiry within 30 days. After downtime only the current stage is claimed.
   */
  async claimExpiryReminders(): Promise<number> {
    const now = this.clock.now();
    const [{ claimed }]: { claimed: string }[] = await this.orm.em.getConnection().execute(
      `with claimed as (
         insert into vault_notice (id, tenant_id, credential_id, kind, occasion, recipient, status, claimed_at, attempts, next_attempt_at)
         select gen_random_uuid(), c.tenant_id, c.id, 'EXPIRY', 'expiry:' || c.stage || '@' || c.expiry, e.email, 'PENDING', ?, 0, ?
         from (
           select id, tenant_id, contact_emails, expiry, ${STAGE_SQL} as stage
           from (
             select id, tenant_id, contact_emails, floor(extract(epoch from expires_at) * 1000)::bigint as expiry, ceil(extract(epoch from (expires_at - ?::timestamptz)) / 86400) as days_left
             from vault_credential
             where enabled and expires_at > ? and expires_at <= ?::timestamptz + interval '30 days'
           ) c
         ) c
         cross join lateral (select distinct unnest(c.contact_emails) as email) e
         on conflict (credential_id, occasion, recipient) do nothing
         returning 1)
       select count(*) as claimed from claimed`,
      [now, now, now, now, now],
    );
    return Number(claimed);
  }

  /** Sends the claimed emails that are due, one lease at a time; returns how many went out. */
  async sendDue(limit = 100): Promise<number> {
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const notice = await this.leaseNext();
      if (!notice) break;
      if (await this.sendOne(notice)) sent += 1;
    }
    return sent;
  }

  private async leaseNext(): Promise<{
    id: string;
    credentialId: string;
    kind: VaultNoticeKind;
    occasion: string;
    recipient: string;
    attempts: number;
  } | null> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseSeconds * 1000);
    const [row]: {
      id: string;
      credential_id: string;
      kind: VaultNoticeKind;
      occasion: string;
      recipient: string;
      attempts: number | string;
    }[] = await this.orm.em.getConnection().execute(
      `update vault_notice set lease_until = ?, attempts = attempts + 1
         where id = (
           select id from vault_notice
           where status = 'PENDING' and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
           order by next_attempt_at limit 1 for update skip locked)
         returning id, credential_id, kind, occasion, recipient, attempts`,
      [leaseUntil, now, now],
    );
    if (!row) return null;
    return {
      id: row.id,
      credentialId: row.credential_id,
      kind: row.kind,
      occasion: row.occasion,
      recipient: row.recipient,
      attempts: Number(row.attempts),
    };
  }

  private async sendOne(notice: NonNullable<Awaited<ReturnType<VaultRenewals['leaseNext']>>>): Promise<boolean> {
    const now = this.clock.now();
    const credential = await this.orm.em.fork().findOne(VaultCredential, { id: notice.credentialId }, { populate: ['tenant'] });
    const message = credential ? this.messageFor(notice, credential) : null;
    // No longer true (renewed or fixed since, expiry moved or passed, disabled) or no longer a contact: not sent.
    if (!credential || !message || !credential.contactEmails.includes(notice.recipient)) {
      await this.orm.em.fork().nativeUpdate(VaultNotice, { id: notice.id }, { status: VaultNoticeStatus.DROPPED, leaseUntil: null });
      return false;
    }
    let sent: Awaited<ReturnType<Mailer['send']>>;
    try {
      sent = await this.mailer.send({
        to: [notice.recipient],
        ...message,
        // RFC 3834: auto-responders should not answer.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Keyward-Vault-Notice': `${credential.id}/${notice.occasion}` },
      });
    } catch (error) {
      const temporary = !(error instanceof MailDeliveryError) || error.temporary;
      const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      const retry = temporary && notice.attempts < this.options.mailMaxAttempts;
      const delay = Math.min(MAX_MAIL_RETRY_MS, this.options.mailRetryBaseSeconds * 1000 * 2 ** (notice.attempts - 1));
      await this.orm.em
        .fork()
        .nativeUpdate(
          VaultNotice,
          { id: notice.id },
          retry
            ? { leaseUntil: null, lastError: reason, nextAttemptAt: new Date(now.getTime() + delay) }
            : { leaseUntil: null, lastError: reason, status: VaultNoticeStatus.FAILED },
        );
      this.logger.warn({ vaultNotice: notice.id, attempt: notice.attempts, retrying: retry, reason }, 'vault notice not sent');
      return false;
    }
    // Recorded outside the try: once the mail server has accepted it, nothing here may send it again.
    await audited(this.orm, { by: { tenantId: credential.tenant.id, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
      if (notice.kind === VaultNoticeKind.EXPIRY) {
        audit.record(
          'vault.reminder_sent',
          { type: 'VAULT_CREDENTIAL', id: credential.id, name: credential.name },
          {
            changes: {
              stage: { from: null, to: Number(notice.occasion.slice('expiry:'.length).split('@')[0]) },
              recipients: { from: null, to: notice.recipient },
            },
          },
        );
        // The audit chain's lock before the notice row: the order of a credential's deletion (audit, then the notices
        // its cascade removes). The other order deadlocks with it.
        await audit.recordNow();
      }
      await em.nativeUpdate(
        VaultNotice,
        { id: notice.id },
        { status: VaultNoticeStatus.SENT, sentAt: this.clock.now(), messageId: sent.messageId, leaseUntil: null },
      );
    });
    return true;
  }

  private messageFor(notice: { kind: VaultNoticeKind; occasion: string }, credential: VaultCredential) {
    const now = this.clock.now();
    const vaultUrl = `${this.options.publicUrl.replace(/\/+$/, '')}/vault`;
    if (notice.kind === VaultNoticeKind.RENEWAL_FAILED) {
      const failedAt = credential.needsReauthorizationAt;
      if (!failedAt || `renewal-failed:${failedAt.toISOString()}` !== notice.occasion) return null;
      const settings = credential.settings as unknown as Extract<VaultSettings, { type: 'OAUTH2' }>;
      return renewalFailedMessage({
        credentialName: credential.name,
        clientId: settings.clientId,
        tokenUrl: settings.tokenUrl,
        connected: settings.grant === 'AUTHORIZATION_CODE',
        failedAt,
        reason: credential.lastRenewalError ?? 'the provider refused',
        vaultUrl,
      });
    }
    const expiresAt = credential.expiresAt;
    const [stage, expiry] = notice.occasion.slice('expiry:'.length).split('@').map(Number);
    // Given a new expiry since it was claimed: the reminders of the new date are claimed afresh.
    if (!credential.enabled || !expiresAt || expiresAt.getTime() !== expiry) return null;
    const left = daysLeft(expiresAt, now);
    if (left <= 0 || left > stage) return null;
    return vaultExpiryMessage({
      credentialName: credential.name,
      typeWords: TYPE_WORDS[credential.type] ?? credential.type,
      hint: credential.hint,
      expiresAt,
      daysLeft: left,
      vaultUrl,
    });
  }
}
