import { INTROSPECTION_SCOPE, MANAGEMENT_API } from '../catalog/seed.js';
import { ForbiddenError } from '../errors.js';
import { isPermission, PERMISSION_LABELS, type Permission } from './permissions.js';

/**
 * Every `keyward:*` scope and the permission it stands for (SPEC §2.3, §14): the seven management scopes one-to-one,
 * and `keyward:tokens.introspect`, which reads token contents and so needs CLIENT_ADMINISTRATION.
 */
export const SCOPE_PERMISSIONS: ReadonlyMap<string, Permission> = new Map<string, Permission>([
  ...MANAGEMENT_API.scopes.flatMap((scope) => (isPermission(scope.permission) ? [[scope.name, scope.permission] as const] : [])),
  [INTROSPECTION_SCOPE.name, 'CLIENT_ADMINISTRATION' as Permission],
]);

/** The permissions a management token's scopes map to; scopes of other APIs map to none. */
export function permissionsOfScopes(scopes: Iterable<string>): Set<Permission> {
  const permissions = new Set<Permission>();
  for (const scope of scopes) {
    const permission = SCOPE_PERMISSIONS.get(scope);
    // The introspection scope lets a gateway call /oauth2/introspect; on /graphql it grants nothing.
    if (permission && scope !== INTROSPECTION_SCOPE.name) permissions.add(permission);
  }
  return permissions;
}

/**
 * No escalation (SPEC §14): whoever grants a client a `keyward:*` scope must hold the permission it maps to, or a
 * client — and whoever holds its secret — could do more than its creator may. Scopes the client already holds are
 * not granted again, so an editor may keep or remove them.
 */
export function refuseEscalation(granted: Iterable<string>, holds: (permission: Permission) => boolean): void {
  for (const scope of granted) {
    const permission = SCOPE_PERMISSIONS.get(scope);
    if (permission && !holds(permission)) {
      throw new ForbiddenError(
        `You cannot grant the scope ${scope}: it needs the permission ${permission} (${PERMISSION_LABELS[permission]}), which you do not hold, and an API client may not do more than the one who grants its scopes. Leave the scope out, or ask someone who holds ${permission}.`,
        { field: 'scopes', scope, permission },
      );
    }
  }
}
