import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

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
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
    // Colour only on a terminal that wants it (colorette honours NO_COLOR and FORCE_COLOR); never into a captured stream.
    colorize: destination === undefined && pretty.isColorSupported,
    destination: destination ?? 1,
    sync: true,
  });
}

export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: requestForLog }, base: { service: 'keyward' } },
    format === 'pretty' ? prettyStream(destination) : destination,
  );
}
