import { Actor, ActorType } from '../audit/actor.js';
import { MANAGEMENT_API } from '../catalog/seed.js';
import { UnauthenticatedError } from '../errors.js';
import type { Services } from '../services.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { isPermission, type Permission } from './permissions.js';
import { Viewer } from './viewer.js';

/** Management scopes of SPEC §2.3, one-to-one with the seven permissions. */
const SCOPE_PERMISSIONS = new Map<string, Permission>(
  MANAGEMENT_API.scopes.flatMap((scope) => (isPermission(scope.permission) ? [[scope.name, scope.permission] as const] : [])),
);

/**
 * A Keyward access token for the Keyward Management API as a GraphQL viewer: the API client acts, with the
 * permissions its token's scopes map to, in the client's tenant.
 */
export async function viewerForAccessToken(token: string, services: Services): Promise<Viewer> {
  const claims = await services.tokens.activeClaims(token);
  if (!claims) {
    throw new UnauthenticatedError(
      'The access token is not valid: it expired, was revoked, or its client or credential was disabled or deleted. Request a new token from /oauth2/token.',
    );
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(MANAGEMENT_API.audience)) {
    throw new UnauthenticatedError(
      `This access token is not for the Keyward Management API: request it with scopes of ${MANAGEMENT_API.audience} (e.g. keyward:clients.read).`,
    );
  }
  const client = await services.clientCache.get(claims.client_id);
  if (!client) throw new UnauthenticatedError('The client of this access token no longer exists.');
  const tenant = await services.tenants.byId(client.tenantId);
  const permissions = new Set(
    claims.scope
      .split(' ')
      .map((scope) => SCOPE_PERMISSIONS.get(scope))
      .filter((p): p is Permission => p !== undefined),
  );
  return new Viewer(tenant as Tenant, Actor.of(ActorType.CLIENT, client.id, `API client ${client.clientId}`), permissions, null);
}
