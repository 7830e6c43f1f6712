import pino, { type Logger } from 'pino';
import pretty, { prettyFactory } from 'pino-pretty';
import { BoundedLogStream } from './log-stream.js';

/** Paths never written to logs: credentials in headers and in any body or object we log. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // pino's `*.x` matches one level down only, so each sensitive name is listed at the top level too.
  ...['password', 'secret', 'token', 'clientSecret', 'client_secret', 'privateKey'].flatMap((name) => [name, `*.${name}`]),
  'variables',
];

/** The parts of a Fastify request that its request log lines show. */
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

/**
 * Fastify's request serializer, but without the query string: a client may put credentials there (`client_secret` in the
 * token endpoint's URL, against RFC 6749 §2.3.1), and the URL is logged for every request at level info.
 */
export function requestForLog(request: LoggedRequest) {
  const query = request.url.indexOf('?');
  return {
    method: request.method,
    url: query < 0 ? request.url : `${request.url.slice(0, query)}?[redacted]`,
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** `pretty`: one readable line per event, for a person at a terminal; `json`: one JSON object per line, for machines. */
export type LogFormat = 'pretty' | 'json';

/**
 * KEYWARD_LOG_FORMAT when set; otherwise pretty when standard output is a terminal outside production, and JSON for
 * pipes, files and production, where a log collector reads the lines.
 */
export function chooseLogFormat(setting: LogFormat | undefined, env: string, stdout: { isTTY?: boolean } = process.stdout): LogFormat {
  if (setting) return setting;
  return stdout.isTTY === true && env !== 'production' ? 'pretty' : 'json';
}

/**
 * pino-pretty as a stream in this thread rather than a worker transport: nothing to start or flush at exit, and pino
 * redacts each event before the stream sees it, so the readable lines hide what the JSON hides.
 */
function prettyStream(destination: pino.DestinationStream | undefined) {
  return pretty({
    ...PRETTY_OPTIONS,
    // Colour only on a terminal that wants it (colorette honours NO_COLOR and FORCE_COLOR); never into a captured stream.
    colorize: destination === undefined && pretty.isColorSupported,
    destination: destination ?? 1,
    sync: true,
  });
}

const PRETTY_OPTIONS = { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true } as const;

const LOGGER_OPTIONS: pino.LoggerOptions = {
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  serializers: { req: requestForLog },
  base: { service: 'keyward' },
};

export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  return pino({ ...LOGGER_OPTIONS, level }, format === 'pretty' ? prettyStream(destination) : destination);
}

/**
 * The logger of a Keyward process: its lines go to standard output through a bounded, non-blocking buffer of
 * `bufferBytes` (log-stream.ts), so a reader that stops never blocks the process or grows its memory. The lines dropped
 * meanwhile are counted (`loggerOutput`), and one warning says how many once writing resumes.
 */
export function createProcessLogger(level: string, format: LogFormat, bufferBytes: number): Logger {
  // pino-pretty's formatter, not its stream: the bound must apply to what reaches standard output.
  const readable = format === 'pretty' ? prettyFactory({ ...PRETTY_OPTIONS, colorize: pretty.isColorSupported }) : undefined;
  const output = new BoundedLogStream(process.stdout, bufferBytes, readable);
  const logger = pino({ ...LOGGER_OPTIONS, level }, output);
  output.onResume((dropped) =>
    logger.warn(
      { droppedLogLines: dropped },
      `logging resumed: ${dropped} log ${dropped === 1 ? 'line was' : 'lines were'} dropped while standard output was not being read`,
    ),
  );
  return logger;
}

/** The bounded standard-output stream behind a logger made by createProcessLogger (and its children); else undefined. */
export function loggerOutput(logger: Logger): BoundedLogStream | undefined {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  return stream instanceof BoundedLogStream ? stream : undefined;
}
