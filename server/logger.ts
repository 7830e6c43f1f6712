import pino, { type Logger } from 'pino';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: requestForLog }, base: { service: 'keyward' } },
    destination,
  );
}
