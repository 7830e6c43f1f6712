import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, MailDeliveryError, type Mailer, type OutgoingMail } from './mailer.js';

const FROM = '"Keyward" <keyward@example.com>';
/** How nodemailer writes FROM in the From header. */
const FROM_HEADER = 'Keyward <keyward@example.com>';

const reminder: OutgoingMail = {
  to: ['ops@example.com', 'dev@example.com'],
  subject: 'Keyward: client secret of "Bestellungen Köln" (default-orders-sync) expires in 5 days',
  text: 'Plain part: create a new client secret.',
  html: '<p>HTML part: create a new client secret.</p>',
  headers: { 'X-Keyward-Reminder': 'stage-5' },
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Mailers first (their pooled connections hold the test servers open), then servers and directories.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

interface ReceivedMail {
  rcptTo: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1; `overrides` replace its handlers to refuse recipients or messages. */
async function smtpServer(overrides: Partial<SMTPServerOptions> = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
    ...overrides,
  });
  const port = await new Promise<number>((resolve) => {
    const listener = server.listen(0, '127.0.0.1', () => resolve((listener.address() as AddressInfo).port));
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, received };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

function mailerFor(smtpUrl: string | undefined, outboxDir = join(tmpdir(), 'keyward-unused-outbox')) {
  const { lines, logger } = capturedLogger();
  const mailer = createMailer({ smtpUrl, outboxDir, from: FROM, logger });
  cleanups.push(() => mailer.close());
  return { mailer, lines };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Header fields of a raw RFC 5322 message, unfolded and with RFC 2047 encoded words decoded, keyed by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  const fields = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  return new Map(
    fields.map((field) => [field.slice(0, field.indexOf(':')).toLowerCase(), decodeWords(field.slice(field.indexOf(':') + 1).trim())]),
  );
}

function decodeWords(value: string): string {
  return value.replace(/(\?=)\s+(=\?)/g, '$1$2').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(Number.parseInt(code, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

async function sendFailure(mailer: Mailer, mail: OutgoingMail = reminder): Promise<MailDeliveryError> {
  const error = await mailer.send(mail).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

describe('the SMTP mailer', () => {
  it('delivers the subject, the text and HTML parts and every recipient, and returns the Message-ID it sent', async () => {
    const { port, received } = await smtpServer();
    const { mailer } = mailerFor(`smtp://127.0.0.1:${port}`);
    expect(mailer.kind).toBe('smtp');

    const sent = await mailer.send(reminder);

    expect(received).toHaveLength(1);
    const [{ rcptTo, raw }] = received;
    expect(rcptTo).toEqual(reminder.to);
    const headers = headersOf(raw);
    expect(headers.get('subject')).toBe(reminder.subject);
    expect(headers.get('from')).toBe(FROM_HEADER);
    expect(headers.get('to')).toBe('ops@example.com, dev@example.com');
    expect(headers.get('x-keyward-reminder')).toBe('stage-5');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain(reminder.text);
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain(reminder.html);
    expect(sent).toEqual({ messageId: headers.get('message-id'), accepted: reminder.to, rejected: [] });
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
  });

  it('reports a recipient the server refuses with 550 as rejected and still delivers to the others', async () => {
    const { port, received } = await smtpServer({
      onRcptTo(address, _session, callback) {
        callback(address.address === 'gone@example.com' ? smtpError(550, 'No such user here') : null);
      },
    });
    const { mailer, lines } = mailerFor(`smtp://127.0.0.1:${port}`);

    const sent = await mailer.send({ ...reminder, to: ['ops@example.com', 'gone@example.com'] });

    expect(sent.accepted).toEqual(['ops@example.com']);
    expect(sent.rejected).toEqual(['gone@example.com']);
    expect(received[0].rcptTo).toEqual(['ops@example.com']);
    expect(lines.some((line) => line.includes('refused some recipients') && line.includes('gone@example.com'))).toBe(true);
  });

  it('fails permanently when the server refuses every recipient with 550', async () => {
    const { port, received } = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(smtpError(550, 'No such user here'));
      },
    });
    const { mailer } = mailerFor(`smtp://127.0.0.1:${port}`);

    const error = await sendFailure(mailer);

    expect(error.temporary).toBe(false);
    expect(error.message).toContain('550');
    expect(received).toEqual([]);
  });

  it('fails temporarily, so the send job retries, when the server answers the message with 451', async () => {
    const { port } = await smtpServer({
      onData(stream, _session, callback) {
        stream.on('end', () => callback(smtpError(451, 'Try again later')));
        stream.resume();
      },
    });
    const { mailer } = mailerFor(`smtp://127.0.0.1:${port}`);

    const error = await sendFailure(mailer);

    expect(error.temporary).toBe(true);
    expect(error.message).toContain('451');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('fails permanently when the server refuses the message with 554', async () => {
    const { port } = await smtpServer({
      onData(stream, _session, callback) {
        stream.on('end', () => callback(smtpError(554, 'Message rejected as spam')));
        stream.resume();
      },
    });
    const { mailer } = mailerFor(`smtp://127.0.0.1:${port}`);

    expect((await sendFailure(mailer)).temporary).toBe(false);
  });

  it('fails temporarily when nothing listens, without revealing the password in the error or in any log line', async () => {
    const port = await freePort();
    const password = 'S3cret%2Fpa55-word';
    const smtpUrl = `smtp://keyward:${password}@127.0.0.1:${port}`;
    const { mailer, lines } = mailerFor(smtpUrl);

    const error = await sendFailure(mailer);
    // The send job will log the failure (pino appends the cause's message and stack): that line must be as clean as the error.
    const job = capturedLogger();
    job.logger.error({ err: error }, 'reminder send failed');

    expect(error.temporary).toBe(true);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    for (const leak of [password, 'S3cret/pa55-word', smtpUrl]) {
      expect(error.message).not.toContain(leak);
      expect(String(error.stack)).not.toContain(leak);
      expect(String((error.cause as Error).message)).not.toContain(leak);
      for (const line of [...lines, ...job.lines]) expect(line).not.toContain(leak);
    }
    expect(job.lines.join('\n')).toContain('ECONNREFUSED');
  });

  it('keeps failing fast, two at a time, through a long outage: a refused connection does not use up the pool', async () => {
    const { mailer } = mailerFor(`smtp://127.0.0.1:${await freePort()}`);
    // The pool has 5 connections: before, each refused connection kept one, and the sixth message waited forever.
    for (let round = 0; round < 6; round++) {
      const errors = await Promise.all([sendFailure(mailer), sendFailure(mailer)]);
      expect(errors.map((error) => error.temporary)).toEqual([true, true]);
    }
  });

  it('fails permanently on a refused login and blanks out the password even when the server echoes it', async () => {
    const { port } = await smtpServer({
      allowInsecureAuth: true,
      authOptional: false,
      onAuth(auth, _session, callback) {
        callback(smtpError(535, `Authentication failed for ${auth.username}/${auth.password}`));
      },
    });
    const password = 'S3cret%2Fpa55-word';
    const { mailer, lines } = mailerFor(`smtp://keyward:${password}@127.0.0.1:${port}`);

    const error = await sendFailure(mailer);
    const job = capturedLogger();
    job.logger.error({ err: error }, 'reminder send failed');

    expect(error.temporary).toBe(false);
    expect(error.message).toContain('535 Authentication failed for keyward/[redacted]');
    for (const leak of [password, 'S3cret/pa55-word']) {
      expect(error.message).not.toContain(leak);
      for (const line of [...lines, ...job.lines]) expect(line).not.toContain(leak);
    }
  });

  it('refuses an SMTP_URL it cannot use without echoing it', () => {
    const { logger } = capturedLogger();
    const make = (smtpUrl: string) => () => createMailer({ smtpUrl, outboxDir: tmpdir(), from: FROM, logger });
    for (const smtpUrl of ['http://user:hunter22@mail.example.com', 'smtp://user:hunter22@', 'not a url hunter22']) {
      expect(make(smtpUrl)).toThrow(/SMTP_URL must look like smtp:\/\//);
      expect(make(smtpUrl)).not.toThrow(/hunter22/);
    }
  });
});

describe('the outbox mailer (no SMTP_URL)', () => {
  async function outboxDir() {
    const root = await mkdtemp(join(tmpdir(), 'keyward-mailer-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    return join(root, 'data', 'outbox');
  }

  it('writes each message as a private .eml file with the right headers and logs where, to whom and what, not the body', async () => {
    const dir = await outboxDir();
    const { mailer, lines } = mailerFor(undefined, dir);
    expect(mailer.kind).toBe('outbox');

    const sent = await mailer.send(reminder);

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{8}\.eml$/);
    const file = join(dir, files[0]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const raw = await readFile(file, 'utf8');
    expect(raw).not.toMatch(/[^\r]\n/);
    const headers = headersOf(raw);
    expect(headers.get('from')).toBe(FROM_HEADER);
    expect(headers.get('to')).toBe('ops@example.com, dev@example.com');
    expect(headers.get('subject')).toBe(reminder.subject);
    expect(headers.get('message-id')).toBe(sent.messageId);
    expect(headers.get('x-keyward-reminder')).toBe('stage-5');
    expect(headers.get('mime-version')).toBe('1.0');
    expect(headers.get('date')).toBeTruthy();
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(raw).toContain(reminder.text);
    expect(raw).toContain(reminder.html);
    expect(sent).toEqual({ messageId: sent.messageId, accepted: reminder.to, rejected: [] });

    const written = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'mail written to the outbox');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 30, file, to: reminder.to, subject: reminder.subject });
    expect(lines.join('\n')).not.toContain('create a new client secret');
  });

  it('gives every message its own file', async () => {
    const dir = await outboxDir();
    const { mailer } = mailerFor(undefined, dir);

    const sent = await Promise.all([mailer.send(reminder), mailer.send(reminder), mailer.send(reminder)]);

    expect(await readdir(dir)).toHaveLength(3);
    expect(new Set(sent.map((mail) => mail.messageId)).size).toBe(3);
  });

  it('refuses a message without recipients, permanently', async () => {
    const { mailer } = mailerFor(undefined, await outboxDir());
    expect((await sendFailure(mailer, { ...reminder, to: [] })).temporary).toBe(false);
  });
});
