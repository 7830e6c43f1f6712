import type { Logger } from 'pino';
import type { PersonalApiKeyService } from '../apikeys/personal-api-key.service.js';
import type { CredentialService, ExposureReport } from '../credentials/credential.service.js';
import type { Clock } from '../kernel/clock.js';
import { RateLimitedError } from '../kernel/errors.js';
import type { Viewer } from '../kernel/viewer.js';
import type { Mailer, OutgoingMail } from '../mail/mailer.js';
import { FailureLimiter } from '../oauth/failure-limiter.js';
import { exposedKeyMessage, exposedSecretMessage } from './leak-notices.js';

/** One value a scanner found, in GitHub secret scanning's words (`token`, `type`, `url`, `source`). */
export interface LeakedValue {
  token: string;
  url?: string | null;
  source?: string | null;
}

/** Values one report may hold; GitHub sends a few at a time. */
export const MAX_VALUES_PER_REPORT = 1000;
/** Longer than any Keyward secret or key: a longer value is none of them, and is not looked up. */
const MAX_VALUE_LENGTH = 200;
/** Reports one person may make per minute (and one address, of every person behind it). */
const REPORTS_PER_MINUTE = { perUser: 20, perAddress: 60 } as const;

/**
 * Leaked-credential reports (docs/leaked-credentials.md), from a secret scanner (`POST /security/leaked-credentials`) or
 * a person (`reportLeakedCredential`). A value that is a live client secret or personal API key is stopped at once and
 * its contacts or owner are emailed; any other value changes nothing. The caller's answer is the same either way, and
 * the emails go out after it, so neither the answer nor its timing says much about whether a value matched.
 */
export class LeakReports {
  private readonly personLimiter: FailureLimiter;

  constructor(
    private readonly credentials: CredentialService,
    private readonly apiKeys: PersonalApiKeyService,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly publicUrl: string,
    clock: Clock,
  ) {
    this.personLimiter = new FailureLimiter(REPORTS_PER_MINUTE.perUser, REPORTS_PER_MINUTE.perAddress, clock);
  }

  /** A scanner's report: every value is looked up; the reporter is the scanner. */
  async fromScanner(reporter: string, values: LeakedValue[]): Promise<void> {
    for (const value of values) {
      await this.stop(value.token, { reporter, source: value.source ?? null, url: value.url ?? null });
    }
  }

  /** A person's report of one value, limited per person and address like sign-in failures. */
  async fromPerson(viewer: Viewer, ipAddress: string, value: string): Promise<void> {
    const retryAfter = this.personLimiter.fail(viewer.actor.id ?? viewer.actor.displayName, ipAddress);
    if (retryAfter !== null) {
      throw new RateLimitedError(
        retryAfter,
        `Too many leaked-credential reports in a minute. Wait ${retryAfter} seconds, then report the rest, one value at a time.`,
      );
    }
    await this.stop(value, { reporter: `reported in Keyward by ${viewer.actor.displayName}`, source: 'keyward', url: null });
  }

  private async stop(value: string, report: ExposureReport): Promise<void> {
    const token = value.trim();
    if (token.length === 0 || token.length > MAX_VALUE_LENGTH) return;
    const secret = await this.credentials.revokeExposedSecret(token, report);
    if (secret) {
      const message = exposedSecretMessage({
        clientName: secret.client.name,
        clientId: secret.client.clientId,
        secretHint: secret.secretHint,
        description: secret.description,
        reporter: report.reporter,
        url: report.url,
        clientUrl: `${this.publicUrl}/clients/${encodeURIComponent(secret.client.id)}`,
      });
      for (const contact of secret.client.contactEmails) this.send({ to: [contact], ...message }, secret.credentialId);
      return;
    }
    const key = await this.apiKeys.revokeExposed(token, report);
    if (key) {
      const message = exposedKeyMessage({
        keyName: key.keyName,
        hint: key.hint,
        reporter: report.reporter,
        url: report.url,
        keysUrl: `${this.publicUrl}/api-keys`,
      });
      this.send({ to: [key.ownerEmail], ...message }, key.hint);
    }
  }

  /** After the answer, not awaited: the revocation is what must not wait, and a slow mail server must not show. */
  private send(mail: OutgoingMail, about: string): void {
    this.mailer
      .send({ ...mail, headers: { 'Auto-Submitted': 'auto-generated', 'X-Keyward-Leak-Notice': about } })
      .catch((error: unknown) => this.logger.warn({ err: error, about }, 'leaked-credential notice not sent'));
  }
}
