import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Logger } from 'pino';

/**
 * Outgoing mail (docs/reminders.md#scheduler-and-mail). With SMTP_URL, a pooled SMTP connection; without it, an outbox directory of `.eml` files,
 * so a fresh start needs no mail server and a developer can open each message in a mail client.
 */

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
  readonly kind: 'smtp' | 'outbox';
}

/** A message that was not sent. `temporary` says whether sending it again later may succeed (retry with backoff). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; absent or empty → outbox. */
  smtpUrl?: string;
  outboxDir: string;
  /** The sender, e.g. `"Keyward" <keyward@example.com>`. */
  from: string;
  logger: Logger;
  /** SMTP connections open at once (nodemailer's default: 5); the reminder sender wants one per message it has in flight. */
  maxConnections?: number;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl
    ? new SmtpMailer(options.smtpUrl, options.from, options.logger, options.maxConnections ?? 5)
    : new OutboxMailer(options.outboxDir, options.from, options.logger);
}

// A dead server must fail well within a send job's run, so the job can retry with backoff instead of hanging.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

/**
 * Hands nodemailer's pool a socket with TCP_NODELAY set that nodemailer connects itself (its `socket` option), so a
 * refused or timed-out connection is reported like any other and the pool drops that connection. (Connecting here
 * and reporting the failure through the callback left the pool's slot taken for good: after five refusals, during an
 * SMTP outage, every later message waited forever.)
 */
function noDelaySocket(_options: unknown, callback: (error: Error | null, socketOptions?: { socket: Socket }) => void): void {
  callback(null, { socket: new Socket().setNoDelay(true) });
}

type SocketFactory = (options: unknown, callback: (error: Error | null, socketOptions?: { socket: Socket }) => void) => void;

/** Without an SMTP response code, these mean the configuration or the message is wrong: retrying cannot help. */
const PERMANENT_FAILURE_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EREQUIRETLS']);

/** The fields nodemailer puts on its errors (`code` like ECONNECTION or EENVELOPE, the server's reply and its code). */
interface SmtpFailure {
  name?: string;
  message?: string;
  stack?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  rejectedErrors?: SmtpFailure[];
}

class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  private readonly transport: Mail<SMTPPool.SentMessageInfo>;
  /** host:port, the only part of SMTP_URL that messages and logs may show. */
  private readonly server: string;
  /** Strings that must never leave this class: the URL as configured and its password, raw and decoded. */
  private readonly secrets: string[];

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly logger: Logger,
    maxConnections: number,
  ) {
    const url = parseSmtpUrl(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.server = `${url.hostname}:${url.port || (secure ? 465 : 587)}`;
    this.secrets = [smtpUrl, url.password, safeDecode(url.password)]
      .filter((secret) => secret.length > 0)
      .sort((a, b) => b.length - a.length);
    // nodemailer parses the URL itself (including query options such as `?tls.rejectUnauthorized=false`); ours only fill the gaps.
    // Nagle's algorithm on the client socket holds the message's last small write until the server's delayed ACK
    // (~40 ms a message, about 20 messages a second per connection): sockets are opened with TCP_NODELAY.
    const noDelay: Partial<SMTPPool.Options> = secure
      ? // smtps:// connects with tls.connect, which passes noDelay on to the TCP socket.
        { tls: { noDelay: true } as SMTPPool.Options['tls'] }
      : // smtp:// connects (and upgrades with STARTTLS) a socket handed to it.
        { getSocket: noDelaySocket as SocketFactory };
    const pool = new SMTPPool({ url: smtpUrl, ...SMTP_TIMEOUTS, ...noDelay, pool: true, maxConnections });
    this.transport = nodemailer.createTransport(pool);
    // The pool reports broken idle connections as events; an unhandled 'error' event would end the process.
    this.transport.on('error', (error) => this.logger.warn({ err: this.deliveryError(error) }, 'SMTP connection pool error'));
    logger.info({ smtpServer: this.server, secure }, 'mail is sent through SMTP');
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    requireRecipients(mail);
    let info: SMTPPool.SentMessageInfo;
    try {
      info = await this.transport.sendMail({ from: this.from, ...messageOptions(mail) });
    } catch (error) {
      throw this.deliveryError(error);
    }
    const accepted = info.accepted.map(addressOf);
    const rejected = info.rejected.map(addressOf);
    if (accepted.length === 0) {
      throw new MailDeliveryError(
        `Mail not sent: the SMTP server ${this.server} accepted none of its ${mail.to.length} recipient(s).`,
        false,
      );
    }
    if (rejected.length > 0) {
      this.logger.warn({ messageId: info.messageId, rejected, subject: mail.subject }, 'the SMTP server refused some recipients');
    }
    this.logger.debug({ messageId: info.messageId, accepted, subject: mail.subject }, 'mail sent through SMTP');
    return { messageId: info.messageId, accepted, rejected };
  }

  close(): void {
    this.transport.close();
  }

  private deliveryError(error: unknown): MailDeliveryError {
    const failure = asSmtpFailure(error);
    const temporary = isTemporaryFailure(failure);
    const reason = this.scrub(failure.message ?? String(error));
    const outlook = temporary ? 'a temporary failure, sending again later may succeed' : 'a permanent refusal';
    const message = `Mail not sent through the SMTP server ${this.server}: ${reason} (${outlook})`;
    return new MailDeliveryError(message, temporary, { cause: this.scrubbedCopy(failure) });
  }

  // The cause ends up in logs (pino appends causes' messages and stacks), so it gets the same scrubbing as the message.
  private scrubbedCopy(failure: SmtpFailure): Error {
    const copy = Object.assign(new Error(this.scrub(failure.message ?? 'unknown SMTP failure')), {
      code: failure.code,
      command: failure.command,
      responseCode: failure.responseCode,
      response: failure.response === undefined ? undefined : this.scrub(failure.response),
    });
    copy.name = failure.name ?? 'Error';
    copy.stack = failure.stack === undefined ? copy.stack : this.scrub(failure.stack);
    return copy;
  }

  private scrub(text: string): string {
    return this.secrets.reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text);
  }
}

class OutboxMailer implements Mailer {
  readonly kind = 'outbox';
  // `buffer: true` hands back the raw RFC 5322 message; CRLF line ends as the RFC requires.
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    private readonly outboxDir: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    logger.info({ outboxDir }, 'SMTP_URL is not set: mail is written as .eml files to the outbox directory');
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    requireRecipients(mail);
    const info = await this.transport.sendMail({ from: this.from, ...messageOptions(mail) });
    if (!Buffer.isBuffer(info.message)) throw new Error('nodemailer returned a stream although buffer: true was set');
    const file = join(this.outboxDir, `${new Date().toISOString().replaceAll(':', '-')}-${randomBytes(4).toString('hex')}.eml`);
    try {
      await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
      // Reminders name clients and contacts: readable by Keyward's user only. `wx` never overwrites another message.
      await writeFile(file, info.message, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw new MailDeliveryError(`Mail not written to the outbox ${this.outboxDir}: ${(error as Error).message}`, true, { cause: error });
    }
    this.logger.info({ file, to: mail.to, subject: mail.subject, messageId: info.messageId }, 'mail written to the outbox');
    return { messageId: info.messageId, accepted: info.envelope.to, rejected: [] };
  }

  close(): void {}
}

/** 4xx replies and connection trouble are temporary; 5xx replies and configuration errors are not. */
function isTemporaryFailure(failure: SmtpFailure): boolean {
  // When every recipient was refused, one refused "for now" (e.g. greylisting, mailbox busy) is worth another try.
  if (failure.rejectedErrors?.some((rejection) => isTransientReply(rejection.responseCode))) return true;
  if (typeof failure.responseCode === 'number' && failure.responseCode >= 400 && failure.responseCode < 600) {
    return isTransientReply(failure.responseCode);
  }
  return !PERMANENT_FAILURE_CODES.has(failure.code ?? '');
}

function isTransientReply(responseCode: number | undefined): boolean {
  return typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500;
}

function asSmtpFailure(error: unknown): SmtpFailure {
  return typeof error === 'object' && error !== null ? (error as SmtpFailure) : { message: String(error) };
}

function parseSmtpUrl(smtpUrl: string): URL {
  // Never echo the URL: it may hold the password. Node's own URL error would carry it as `input`.
  const url = URL.canParse(smtpUrl) ? new URL(smtpUrl) : null;
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    throw new Error(
      'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465 (percent-encode special characters).',
    );
  }
  return url;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function requireRecipients(mail: OutgoingMail): void {
  if (mail.to.length === 0) throw new MailDeliveryError('Mail not sent: it has no recipients.', false);
}

function messageOptions(mail: OutgoingMail): Mail.Options {
  return { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers };
}

function addressOf(address: string | Mail.Address): string {
  return typeof address === 'string' ? address : address.address;
}
