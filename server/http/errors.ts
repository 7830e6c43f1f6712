import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../db/availability.js';
import { KeywardError, RateLimitedError, ServiceUnavailableError } from '../errors.js';
import { OAuthError } from '../oauth/errors.js';

const ERROR_NAMES: Record<string, string> = {
  UNAUTHENTICATED: 'invalid_credentials',
  BAD_USER_INPUT: 'invalid_request',
  RATE_LIMITED: 'rate_limited',
  SERVICE_UNAVAILABLE: 'service_unavailable',
};

/** The single place where errors become HTTP responses for the non-GraphQL routes. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof OAuthError) {
      // Raised before an OAuth handler runs (e.g. by the form parser): same RFC 6749 §5.2 shape.
      return reply
        .status(error.status)
        .headers({ ...error.headers, 'cache-control': 'no-store', pragma: 'no-cache' })
        .send({ error: error.error, error_description: error.message });
    }
    let known = error instanceof KeywardError ? error : null;
    if (!known && isDatabaseUnavailable(error)) known = new ServiceUnavailableError();
    if (known) {
      if (known instanceof RateLimitedError) reply.header('retry-after', String(known.retryAfterSeconds));
      return reply.status(known.httpStatus).send({
        error: ERROR_NAMES[known.code] ?? known.code.toLowerCase(),
        message: known.message,
        ...known.extensions,
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = `${(request.routeOptions.bodyLimit ?? 0) / (1024 * 1024)} MiB`;
      return reply.status(413).send({
        error: 'invalid_request',
        message: `The request body is larger than ${limit}, the most Keyward accepts, so nothing was read or changed. Send less in one request, or split it into several.`,
      });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx status.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: 'invalid_request', message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: 'server_error',
      message:
        'Something went wrong on Keyward’s side and nothing was changed. Try again; if it keeps happening, report the X-Request-Id of this response.',
    });
  });
}
