import { createHash, type X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PERSONAL_API_KEY, type PersonalApiKeyService } from '../apikeys/personal-api-key.service.js';
import { SECRET_PREFIX } from '../credentials/client-secret.js';
import { Actor, ActorType } from '../kernel/actor.js';
import { UnauthenticatedError } from '../kernel/errors.js';
import { MANAGEMENT_API, permissionsOfScopes } from '../kernel/management-scopes.js';
import { type RequestMeta, Viewer } from '../kernel/viewer.js';
import type { ClientCache } from '../oauth/client-cache.js';
import type { TokenService } from '../oauth/token-service.js';
import type { TenantService } from '../tenants/provisioning.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { type AuthService, SESSION_COOKIE } from '../users/auth.service.js';

/** What request authentication uses, and nothing more: sessions, personal API keys and access tokens. */
export interface Authenticators {
  auth: AuthService;
  personalApiKeys: PersonalApiKeyService;
  tokens: TokenService;
  clientCache: ClientCache;
  tenants: TenantService;
}

/** The verified client certificate of a request: the mTLS listener's socket, or a trusted proxy's header. */
export type RequestCertificate = (request: FastifyRequest) => X509Certificate | null | Promise<X509Certificate | null>;

const noCertificate: RequestCertificate = () => null;

/**
 * Who sends a request to /graphql or another API route: `Authorization: Bearer …` when present, else the session
 * cookie. A refused credential is `authError` (shown instead of the generic UNAUTHENTICATED message), not a throw.
 */
export async function authenticateRequest(
  request: FastifyRequest,
  meta: RequestMeta,
  services: Authenticators,
  certificate: RequestCertificate = noCertificate,
): Promise<{ viewer: Viewer | null; authError?: UnauthenticatedError }> {
  const authorization = request.headers.authorization;
  // The mTLS listener reads no cookies (no sessions there, so no cross-site requests riding on them): Bearer only.
  if (!authorization) return { viewer: await services.auth.viewerForSession(request.cookies?.[SESSION_COOKIE]) };
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!bearer) {
    return {
      viewer: null,
      authError: new UnauthenticatedError('Send credentials as "Authorization: Bearer <personal API key or access token>".'),
    };
  }
  try {
    return { viewer: await viewerForBearer(bearer, meta, services, () => certificate(request)) };
  } catch (error) {
    if (error instanceof UnauthenticatedError) return { viewer: null, authError: error };
    throw error;
  }
}

/**
 * The viewer behind `Authorization: Bearer <token>` on /graphql (docs/permissions.md#who-acts-on-a-request): a personal API key (`kwpat_…`)
 * acts as its owner; anything else must be a Keyward access token for the Keyward Management API.
 */
export async function viewerForBearer(
  token: string,
  meta: RequestMeta,
  services: Authenticators,
  certificate: () => X509Certificate | null | Promise<X509Certificate | null> = () => null,
): Promise<Viewer> {
  if (token.startsWith(PERSONAL_API_KEY.prefix)) return services.personalApiKeys.authenticate(token, meta.ipAddress);
  if (token.startsWith(SECRET_PREFIX)) {
    throw new UnauthenticatedError(
      'This is a client secret (kwcs_…), not an access token: exchange it for one at /oauth2/token, then send that token as the Bearer.',
    );
  }
  return viewerForAccessToken(token, services, certificate);
}

/**
 * A Keyward access token for the Keyward Management API as a GraphQL viewer: the API client acts in its tenant with
 * the permissions of (its token's scopes ∩ the client's current scopes), so a scope taken away ends at once (docs/permissions.md#management-scopes).
 * A certificate-bound token (RFC 8705 `cnf.x5t#S256`) counts only with that same certificate.
 */
export async function viewerForAccessToken(
  token: string,
  services: Authenticators,
  certificate: () => X509Certificate | null | Promise<X509Certificate | null> = () => null,
): Promise<Viewer> {
  const claims = await services.tokens.activeClaims(token);
  if (!claims) {
    throw new UnauthenticatedError(
      'The access token is not valid: it expired, was revoked, or its client or credential was disabled or deleted. Request a new token from /oauth2/token.',
    );
  }
  // One audience per token: a token for another API (or for several) is never accepted here.
  if (claims.aud !== MANAGEMENT_API.audience) {
    throw new UnauthenticatedError(
      `This access token is not for the Keyward Management API: request it with scopes of ${MANAGEMENT_API.audience} (e.g. keyward:clients.read).`,
    );
  }
  const bound = claims.cnf?.['x5t#S256'];
  if (bound !== undefined) {
    const presented = await certificate();
    if (!presented || createHash('sha256').update(presented.raw).digest('base64url') !== bound) {
      throw new UnauthenticatedError(
        'This access token is bound to a client certificate (RFC 8705): send it to /graphql on the mTLS endpoint (where the token came from), with the same certificate.',
      );
    }
  }
  const client = await services.clientCache.get(claims.client_id);
  if (!client) throw new UnauthenticatedError('The client of this access token no longer exists.');
  const tenant = await services.tenants.byId(client.tenantId);
  const permissions = permissionsOfScopes(claims.scope.split(' ').filter((scope) => client.scopes.has(scope)));
  return new Viewer(tenant as Tenant, Actor.of(ActorType.CLIENT, client.id, `API client ${client.clientId}`), permissions, null);
}
