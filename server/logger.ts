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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'keyward' } }, destination);
}
