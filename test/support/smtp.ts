import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server) that keeps every message it accepts, decoded enough for
 * assertions: recipients, subject, the X-Keyward-Reminder header ("<credential id>/<stage>"), text and HTML parts.
 */
export interface ReceivedMail {
  to: string[];
  subject: string;
  /** credential id / stage, from the X-Keyward-Reminder header. */
  reminder: string;
  text: string;
  html: string;
  /** The message as the server received it, headers and MIME parts undecoded. */
  raw: string;
}

/** Decodes one MIME part's body (quoted-printable or base64, as nodemailer writes them). */
function decodePart(part: string): { type: string; body: string } {
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return { type, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
    return { type, body: Buffer.from(bytes, 'latin1').toString('utf8') };
  }
  return { type, body };
}

function header(raw: string, name: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const value = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  // RFC 2047 encoded words (nodemailer encodes subjects with quotes); whitespace between two of them is not text.
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind, text) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_m: string, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1).map(decodePart) : [decodePart(raw)];
  return {
    to,
    subject: header(raw, 'Subject'),
    reminder: header(raw, 'X-Keyward-Reminder'),
    text: parts.find((p) => p.type === 'text/plain')?.body ?? '',
    html: parts.find((p) => p.type === 'text/html')?.body ?? '',
    raw,
  };
}

export interface TestSmtpOptions {
  /** Delay before accepting each message (the sender waits for the answer, as with a slow server). */
  delayMs?: number;
  /** Recipients refused for good (550). */
  refuses?: (address: string) => boolean;
  /** Recipients refused for now (450, mailbox busy): a sender should try them again later. */
  defers?: (address: string) => boolean;
}

export interface TestSmtp {
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(
  port: number,
  { delayMs = 0, refuses = () => false, defers = () => false }: TestSmtpOptions = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Keyward's pooled connection stays open; do not wait 30 s for it when the test stops the server.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (defers(address.address)) return callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 450 }));
      if (!refuses(address.address)) return callback();
      callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((r) => r.address),
        );
        // The message counts as accepted when the server answers, as with a real mail server.
        setTimeout(() => {
          received.push(mail);
          callback();
        }, delayMs);
      });
    },
  });
  // A sender killed mid-conversation resets its connection: that is expected in these tests, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
