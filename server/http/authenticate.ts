import { createHash, type X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PERSONAL_API_KEY, type PersonalApiKeyService } from '../apikeys/personal-api-key.service.js';
import { SECRET_PREFIX } from '../credentials/client-secret.js';
import { Actor, ActorType } from '../kernel/actor.js';
import { UnauthenticatedError } from '../kernel/errors.js';
import { MANAGEMENT_API, permissionsOfScopes } from '../kernel/management-scopes.js';
import { type RequestMeta, Viewer } from '../kernel/viewer.js';
import type { ClientCache } from '../oauth/client-cache.js';
import { DPOP_ALGORITHMS, DpopProofError, type DpopProofs } from '../oauth/dpop.js';
import { errorDescription } from '../oauth/errors.js';
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
  dpop: DpopProofs;
}

/** What came with `Authorization: DPoP <token>`: the DPoP header and the request it must name. */
export interface PresentedProof {
  proof: string | string[] | undefined;
  method: string;
  url: string;
}

/** A refusal of a DPoP proof or of a DPoP-bound token, with the RFC 9449 §7.1 challenge naming the error. */
function dpopRefusal(error: 'invalid_token' | 'invalid_dpop_proof', message: string): UnauthenticatedError {
  return new UnauthenticatedError(
    message,
    `DPoP error="${error}", error_description="${errorDescription(message)}", algs="${DPOP_ALGORITHMS.join(' ')}"`,
  );
}

/** The verified client certificate of a request: the mTLS listener's socket, or a trusted proxy's header. */
export type RequestCertificate = (request: FastifyRequest) => X509Certificate | null | Promise<X509Certificate | null>;

const noCertificate: RequestCertificate = () => null;

/**
 * Who sends a request to /graphql or another API route: `Authorization: Bearer …` (or `DPoP …` with a DPoP proof) when
 * present, else the session cookie. A refused credential is `authError` (shown instead of the generic UNAUTHENTICATED message), not a throw.
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
  const [, scheme, token] = /^(Bearer|DPoP)\s+(\S+)$/i.exec(authorization) ?? [];
  if (!token) {
    return {
      viewer: null,
      authError: new UnauthenticatedError(
        'Send credentials as "Authorization: Bearer <personal API key or access token>", or a DPoP-bound access token as "Authorization: DPoP <access token>" with its DPoP proof.',
      ),
    };
  }
  const proof: PresentedProof | null =
    scheme.toLowerCase() === 'dpop' ? { proof: request.headers.dpop, method: request.method, url: request.url } : null;
  try {
    return { viewer: await viewerForBearer(token, meta, services, () => certificate(request), proof) };
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
  proof: PresentedProof | null = null,
): Promise<Viewer> {
  if (token.startsWith(PERSONAL_API_KEY.prefix)) {
    if (proof) throw new UnauthenticatedError('A personal API key is not DPoP-bound: send it as "Authorization: Bearer <key>".');
    return services.personalApiKeys.authenticate(token, meta.ipAddress);
  }
  if (token.startsWith(SECRET_PREFIX)) {
    throw new UnauthenticatedError(
      'This is a client secret (kwcs_…), not an access token: exchange it for one at /oauth2/token, then send that token as the Bearer.',
    );
  }
  return viewerForAccessToken(token, services, certificate, proof);
}

/**
 * A Keyward access token for the Keyward Management API as a GraphQL viewer: the API client acts in its tenant with
 * the permissions of (its token's scopes ∩ the client's current scopes), so a scope taken away ends at once (docs/permissions.md#management-scopes).
 * A certificate-bound token (RFC 8705 `cnf.x5t#S256`) counts only with that same certificate; a DPoP-bound one (RFC 9449
 * `cnf.jkt`) only as `Authorization: DPoP` with a fresh proof made with that key (docs/token-service.md#dpop).
 */
export async function viewerForAccessToken(
  token: string,
  services: Authenticators,
  certificate: () => X509Certificate | null | Promise<X509Certificate | null> = () => null,
  proof: PresentedProof | null = null,
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
  const keyBound = claims.cnf?.jkt;
  if (keyBound !== undefined || proof) await checkProof(token, keyBound, proof, services.dpop);
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
  const granted = claims.scope.split(' ').filter((scope) => client.scopes.has(scope));
  const permissions = permissionsOfScopes(granted);
  const actor = Actor.of(ActorType.CLIENT, client.id, `API client ${client.clientId}`);
  return new Viewer(tenant as Tenant, actor, permissions, null, null, new Set(granted.filter((scope) => scope.startsWith('keyward:'))));
}

/** A DPoP-bound token needs the DPoP scheme and a proof by its key, naming this request and this token; a bearer token is sent as Bearer. */
async function checkProof(token: string, keyBound: string | undefined, proof: PresentedProof | null, dpop: DpopProofs): Promise<void> {
  if (keyBound === undefined) {
    throw dpopRefusal(
      'invalid_token',
      'This access token is not DPoP-bound: send it as "Authorization: Bearer <token>", without a DPoP proof.',
    );
  }
  if (!proof) {
    throw dpopRefusal(
      'invalid_token',
      'This access token is DPoP-bound: send it as "Authorization: DPoP <token>" with a DPoP proof made with its key, not as a Bearer token.',
    );
  }
  let thumbprint: string;
  try {
    thumbprint = await dpop.verify(proof.proof, { method: proof.method, url: proof.url, accessToken: token });
  } catch (error) {
    if (error instanceof DpopProofError) throw dpopRefusal('invalid_dpop_proof', error.message);
    throw error;
  }
  if (thumbprint !== keyBound) {
    throw dpopRefusal('invalid_dpop_proof', 'The DPoP proof is signed with another key than the one this access token is bound to.');
  }
}
