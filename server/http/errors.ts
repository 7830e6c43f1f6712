import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { unavailableError } from '../db/availability.js';
import { KeywardError, RateLimitedError, UnauthenticatedError } from '../kernel/errors.js';

const ERROR_NAMES: Record<string, string> = {
  UNAUTHENTICATED: 'invalid_credentials',
  BAD_USER_INPUT: 'invalid_request',
  RATE_LIMITED: 'rate_limited',
  SERVICE_UNAVAILABLE: 'service_unavailable',
};

/**
 * The single place where errors become HTTP responses for the non-GraphQL routes. The OAuth endpoints have their own
 * (server/oauth/oauth.routes.ts), in RFC 6749's shape.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let known = error instanceof KeywardError ? error : null;
    known ??= unavailableError(error);
    if (known) {
      if (known instanceof RateLimitedError) reply.header('retry-after', String(known.retryAfterSeconds));
      if (known instanceof UnauthenticatedError && known.challenge) reply.header('www-authenticate', known.challenge);
      return reply.status(known.httpStatus).send({
        error: ERROR_NAMES[known.code] ?? known.code.toLowerCase(),
        message: known.message,
        ...known.extensions,
      });
    }
    const refusal = unreadableRequest(error, request);
    if (refusal) {
      return reply.status(refusal.status).send({ error: 'invalid_request', message: refusal.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: 'server_error',
      message:
        'Something went wrong on Keyward’s side and nothing was changed. Try again; if it keeps happening, report the X-Request-Id of this response.',
    });
  });
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

/** Fastify's refusals of a request it could not read (too large, not JSON, a content type it has no parser for), in words for a person. */
function unreadableRequest(error: FastifyError, request: FastifyRequest): { status: number; message: string } | null {
  const contentType = request.headers['content-type'];
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
      return {
        status: 413,
        message: `The request body is larger than ${size(limit)}, the most Keyward accepts, so nothing was read or changed. Send less in one request, or split it into several.`,
      };
    }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Fastify's own wording says only "not valid JSON", also for valid JSON refused for its prototype-poisoning keys.
      return {
        status: 400,
        message:
          'The request body is not valid JSON, or it holds a "__proto__" or "constructor.prototype" key, which Keyward refuses. Send valid JSON without those keys.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const expected = 'application/json';
      const sent = contentType
        ? `Content-Type "${contentType.slice(0, 100)}" is not accepted here`
        : 'The request body has no Content-Type';
      return { status: 415, message: `${sent}. Send the body as ${expected}.` };
    }
  }
  // Fastify's other client errors (an empty JSON body, a malformed header) carry a 4xx status and a message of their own.
  return error.statusCode && error.statusCode >= 400 && error.statusCode < 500
    ? { status: error.statusCode, message: error.message }
    : null;
}
