import type { X509Certificate } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/availability.js';
import { tenantPathPrefix } from '../tenants/issuer.js';
import type { TenantDirectory, TenantRoute } from '../tenants/tenant-directory.js';
import { InvalidRequest, OAuthError, oauthErrorResponse, ServerUnavailable } from './errors.js';
import { authorizationServerMetadata } from './metadata.js';
import type { SigningKeyService } from './signing-keys.js';
import type { TokenService } from './token-service.js';

export interface OAuthEndpoints {
  tokens: TokenService;
  keys: SigningKeyService;
  tenants: TenantDirectory;
  logger: Logger;
  /** The public URL: the root tenant's issuer, and the base of every other tenant's. */
  publicUrl: string;
  /** The mTLS listener's advertised base URL, once it listens (discovery's mtls_endpoint_aliases). */
  mtlsBase: () => string | null;
  /** The client certificate of this request, if it has a verified one (mTLS socket or trusted proxy header). */
  peerCertificate: (request: FastifyRequest) => X509Certificate | null | Promise<X509Certificate | null>;
}

/** The largest form body read: a token request is a few hundred bytes. */
export const FORM_BODY_LIMIT = 64 * 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Whether a Content-Type header is the form media type, whatever its case and parameters (RFC 9110 §8.3.1). */
function isForm(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0].trim().toLowerCase() === FORM_TYPE;
}

/** application/x-www-form-urlencoded bodies as a flat object; a repeated parameter is refused (RFC 6749 §3.2). */
function registerFormParser(app: FastifyInstance): void {
  // A RegExp, not the string: Fastify matches a string parser case-sensitively, and media types are case-insensitive.
  app.addContentTypeParser(
    /^application\/x-www-form-urlencoded\s*(;|$)/i,
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const params = new URLSearchParams(body as string);
      // No prototype: a parameter named like one of Object's own properties (constructor, __proto__) is just a parameter.
      const result: Record<string, string> = Object.create(null);
      for (const [key, value] of params) {
        if (Object.hasOwn(result, key)) {
          done(new InvalidRequest(`Parameter '${key.slice(0, 50)}' appears more than once; send each parameter once.`), undefined);
          return;
        }
        result[key] = value;
      }
      done(null, result);
    },
  );
}

function formBody(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !isForm(request.headers['content-type'])) {
    throw new InvalidRequest('Send the parameters as application/x-www-form-urlencoded (RFC 6749 section 4.4.2).');
  }
  return body as Record<string, string>;
}

const size = (bytes: number) => `${bytes / 1024} KiB`;

/**
 * The one place where anything that goes wrong on an OAuth endpoint becomes an RFC 6749 §5.2 answer, never cached:
 * refusals of the handlers, of the form parser, and of Fastify itself (body too large, wrong media type) alike, on
 * both listeners.
 */
function oauthError(error: unknown, logger: Logger): OAuthError | null {
  if (error instanceof OAuthError) return error;
  if (isDatabaseUnavailable(error))
    return new ServerUnavailable('Keyward cannot reach its database right now. Try again in a few seconds.');
  const fastifyError = error as FastifyError;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return withStatus(
        new InvalidRequest(
          `The request body is larger than ${size(FORM_BODY_LIMIT)}, the most Keyward accepts, so nothing was read or changed. Send less in one request, or split it into several.`,
        ),
        413,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return withStatus(new InvalidRequest('Send the parameters as application/x-www-form-urlencoded (RFC 6749 section 4.4.2).'), 415);
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return withStatus(
      new InvalidRequest('The request could not be read. Send the parameters as application/x-www-form-urlencoded.'),
      fastifyError.statusCode,
    );
  }
  logger.error({ err: error }, 'OAuth endpoint failed');
  return null;
}

function sendError(reply: FastifyReply, error: OAuthError | null): FastifyReply {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  if (!error)
    return reply.status(500).send({ error: 'server_error', error_description: 'Something went wrong on the server side. Try again.' });
  const response = oauthErrorResponse(error);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  return reply.status(response.status).send(response.body);
}

const notFound = (reply: FastifyReply) =>
  reply.status(404).send({ error: 'not_found', message: 'No tenant is served at this address. Check the slug in the URL.' });

/** A refusal with an HTTP status of its own (405, 413, 415), in the same RFC 6749 shape. */
function withStatus(error: OAuthError, status: number): OAuthError {
  Object.defineProperty(error, 'status', { value: status });
  return error;
}

type Handler = (
  request: FastifyRequest,
  body: Record<string, string>,
  certificate: X509Certificate | null,
  tenantId: string | null,
  reply: FastifyReply,
) => Promise<unknown>;

/**
 * The OAuth surface of one issuer: token, introspection and revocation (POST only), its JWKS and discovery. Registered
 * at the root (the root tenant, and any tenant's client on the token endpoint) and under `/tenants/:slug` for every
 * other tenant, by the main listener and by the mTLS listener alike.
 */
async function issuerRoutes(app: FastifyInstance, endpoints: OAuthEndpoints, scoped: boolean): Promise<void> {
  const { tokens, keys, tenants, logger, peerCertificate } = endpoints;
  registerFormParser(app);
  app.setErrorHandler((error, _request, reply) => sendError(reply, oauthError(error, logger)));

  /** The tenant a route serves: the one its URL names, or the root tenant; null → 404 (unknown or root-served slug). */
  const tenantOf = async (request: FastifyRequest): Promise<TenantRoute | null> =>
    scoped ? tenants.bySlugPrefix((request.params as { slug: string }).slug) : tenants.rootTenant();

  const oauth = (path: string, handler: Handler) => {
    app.post(path, async (request, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const tenant = scoped ? await tenantOf(request) : null;
        if (scoped && !tenant) return notFound(reply);
        const certificate = peerCertificate(request);
        // Awaited only when it is a promise (a proxied certificate of a CA this process has not loaded yet): the hot path stays without an extra await.
        const body = await handler(
          request,
          formBody(request),
          certificate instanceof Promise ? await certificate : certificate,
          tenant?.id ?? null,
          reply,
        );
        return body === undefined ? reply.status(200).send() : reply.status(200).send(body);
      } catch (error) {
        return sendError(reply, oauthError(error, logger));
      }
    });
    // Only POST is defined for these endpoints (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
    app.route({
      method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'],
      url: path,
      handler: async (_request, reply) =>
        sendError(reply.header('allow', 'POST'), withStatus(new InvalidRequest(`Send a POST request to ${path}.`), 405)),
    });
  };
  oauth('/oauth2/token', (request, body, certificate, tenantId, reply) => tokens.token(request, body, certificate, tenantId, reply));
  oauth('/oauth2/introspect', (request, body, certificate, tenantId) => tokens.introspect(request, body, certificate, tenantId));
  oauth('/oauth2/revoke', (request, body, certificate, tenantId) => tokens.revoke(request, body, certificate, tenantId));

  const jwks = async (request: FastifyRequest, reply: FastifyReply) => {
    const tenant = await tenantOf(request);
    if (!tenant) return notFound(reply);
    const tenantKeys = await keys.forTenant(tenant.id);
    reply.header('cache-control', `public, max-age=${keys.timings.jwksMaxAgeSeconds}`).type('application/jwk-set+json');
    return tenantKeys.jwks;
  };
  app.get('/oauth2/jwks', jwks);
  app.get('/.well-known/jwks.json', jwks);

  const metadata = async (request: FastifyRequest, reply: FastifyReply) => {
    const tenant = await tenantOf(request);
    if (!tenant) return notFound(reply);
    return discoveryDocument(endpoints, tenant);
  };
  if (scoped) {
    app.get('/.well-known/openid-configuration', metadata);
    app.get('/.well-known/oauth-authorization-server', metadata);
  } else {
    app.get('/.well-known/oauth-authorization-server', metadata);
    app.get('/.well-known/openid-configuration', metadata);
    // RFC 8414 §3.1: a path-bearing issuer's metadata is found by inserting the well-known segment before its path.
    app.get('/.well-known/oauth-authorization-server/tenants/:slug', async (request, reply) => {
      const tenant = await tenants.bySlugPrefix((request.params as { slug: string }).slug);
      if (!tenant) return notFound(reply);
      return discoveryDocument(endpoints, tenant);
    });
  }
}

async function discoveryDocument(endpoints: OAuthEndpoints, tenant: TenantRoute): Promise<Record<string, unknown>> {
  const tenantKeys = await endpoints.keys.forTenant(tenant.id);
  const current = endpoints.keys.current(tenantKeys).alg;
  const mtls = endpoints.mtlsBase();
  return authorizationServerMetadata({
    issuer: tenantKeys.issuer,
    mtlsIssuerBase: mtls ? `${mtls}${tenantPathPrefix(tenant)}` : null,
    signingAlgorithms: [current, ...tenantKeys.algorithms.filter((alg) => alg !== current)],
  });
}

/** The whole OAuth surface, for one listener: the root issuer's routes and every other tenant's under `/tenants/:slug`. */
export async function registerOAuth(app: FastifyInstance, endpoints: OAuthEndpoints): Promise<void> {
  await app.register(async (root) => issuerRoutes(root, endpoints, false));
  await app.register(async (tenant) => issuerRoutes(tenant, endpoints, true), { prefix: '/tenants/:slug' });
}
