import type { X509Certificate } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/availability.js';
import { InvalidRequest, OAuthError, ServerUnavailable } from './errors.js';
import type { SigningKeyService } from './signing-keys.js';
import type { TokenService } from './token-service.js';

export interface OAuthEndpoints {
  tokens: TokenService;
  keys: SigningKeyService;
  logger: Logger;
  /** The client certificate of this request, if it has a verified one (mTLS socket or trusted proxy header). */
  peerCertificate: (request: FastifyRequest) => X509Certificate | null;
}

/** The largest form body read: a token request is a few hundred bytes. */
export const FORM_BODY_LIMIT = 64 * 1024;

/** application/x-www-form-urlencoded bodies as a flat object; a repeated parameter is refused (RFC 6749 §3.2). */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const params = new URLSearchParams(body as string);
      // No prototype: a parameter named like one of Object's own properties (constructor, __proto__) is just a parameter.
      const result: Record<string, string> = Object.create(null);
      for (const [key, value] of params) {
        if (Object.hasOwn(result, key)) {
          done(
            Object.assign(new InvalidRequest(`Parameter "${key.slice(0, 50)}" appears more than once; send each parameter once.`), {
              statusCode: 400,
            }),
            undefined,
          );
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
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    !request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
  ) {
    throw new InvalidRequest('Send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.4.2).');
  }
  return body as Record<string, string>;
}

/** The single place where OAuth errors become RFC 6749 §5.2 responses. Every answer is no-store. */
async function respond(reply: FastifyReply, logger: Logger, run: () => Promise<unknown>): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  try {
    const body = await run();
    return body === undefined ? reply.status(200).send() : reply.status(200).send(body);
  } catch (caught) {
    let error = caught;
    if (!(error instanceof OAuthError) && isDatabaseUnavailable(error))
      error = new ServerUnavailable('Keyward cannot reach its database right now. Try again in a few seconds.');
    if (error instanceof OAuthError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.status(error.status).send({ error: error.error, error_description: error.message });
    }
    logger.error({ err: error }, 'token endpoint failed');
    return reply.status(500).send({ error: 'server_error', error_description: 'Something went wrong on Keyward’s side. Try again.' });
  }
}

export function registerOAuthRoutes(app: FastifyInstance, endpoints: OAuthEndpoints): void {
  const { tokens, logger, peerCertificate } = endpoints;
  app.post('/oauth2/token', (request, reply) =>
    respond(reply, logger, () => tokens.token(request, formBody(request), peerCertificate(request))),
  );
  app.post('/oauth2/introspect', (request, reply) =>
    respond(reply, logger, () => tokens.introspect(request, formBody(request), peerCertificate(request))),
  );
  app.post('/oauth2/revoke', (request, reply) =>
    respond(reply, logger, () => tokens.revoke(request, formBody(request), peerCertificate(request))),
  );
}

/** RFC 8414 metadata (also at the OpenID location, for libraries that look there) and the JWKS. */
export function registerDiscoveryRoutes(
  app: FastifyInstance,
  keys: SigningKeyService,
  issuer: string,
  mtlsBase: () => string | null,
): void {
  const metadata = () => {
    const mtls = mtlsBase();
    return {
      issuer,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/oauth2/jwks`,
      introspection_endpoint: `${issuer}/oauth2/introspect`,
      revocation_endpoint: `${issuer}/oauth2/revoke`,
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'tls_client_auth'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'tls_client_auth'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'tls_client_auth'],
      access_token_signing_alg_values_supported: ['ES256'],
      tls_client_certificate_bound_access_tokens: true,
      ...(mtls
        ? {
            mtls_endpoint_aliases: {
              token_endpoint: `${mtls}/oauth2/token`,
              introspection_endpoint: `${mtls}/oauth2/introspect`,
              revocation_endpoint: `${mtls}/oauth2/revoke`,
            },
          }
        : {}),
    };
  };
  app.get('/.well-known/oauth-authorization-server', async () => metadata());
  app.get('/.well-known/openid-configuration', async () => metadata());
  app.get('/oauth2/jwks', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json');
    return keys.jwks();
  });
}
