import { ForbiddenError } from './errors.js';
import { isPermission, PERMISSION_LABELS, type Permission } from './permissions.js';

/** The Keyward Management API: its scopes map one-to-one to the seven client/secret permissions (docs/permissions.md#management-scopes). */
export const MANAGEMENT_API = {
  name: 'Keyward Management API',
  audience: 'urn:keyward:management-api',
  description: 'Keyward’s own GraphQL API, for automation that manages API clients and their credentials.',
  scopes: [
    { name: 'keyward:clients.read', description: 'See API clients and their audit trail', permission: 'CLIENT_ADMINISTRATION' },
    { name: 'keyward:clients.create', description: 'Create API clients', permission: 'CLIENT_CREATE' },
    { name: 'keyward:clients.edit', description: 'Edit API clients, including enabling and disabling', permission: 'CLIENT_EDIT' },
    { name: 'keyward:clients.remove', description: 'Delete API clients', permission: 'CLIENT_REMOVE' },
    { name: 'keyward:secrets.read', description: 'See secrets and certificates (metadata only)', permission: 'SECRET_ADMINISTRATION' },
    { name: 'keyward:secrets.create', description: 'Create and rotate secrets and certificates', permission: 'SECRET_CREATE' },
    { name: 'keyward:secrets.remove', description: 'Delete secrets and certificates', permission: 'SECRET_REMOVE' },
  ],
} as const;

/**
 * Lets a client (typically an API gateway) call /oauth2/introspect for tokens of its own tenant. It maps
 * to no GraphQL permission.
 */
export const INTROSPECTION_SCOPE = {
  name: 'keyward:tokens.introspect',
  description: 'Introspect access tokens issued to this tenant’s clients (RFC 7662)',
} as const;

/**
 * Lets a client (an integration) get the ready-to-send authorization of the tenant's vault credentials
 * (vaultCredentialAuthorization), and nothing else of the vault: it maps to no GraphQL permission, and granting it
 * needs VAULT_MANAGE (docs/vault.md#use).
 */
export const VAULT_USE_SCOPE = {
  name: 'keyward:vault.use',
  description: 'Get ready-to-send authorization headers of the vault’s credentials for calling other services',
} as const;

/**
 * Every `keyward:*` scope and the permission it stands for (docs/permissions.md#management-scopes): the seven management scopes one-to-one,
 * `keyward:tokens.introspect`, which reads token contents and so needs CLIENT_ADMINISTRATION, and `keyward:vault.use`, which
 * hands out the vault's credentials and so needs VAULT_MANAGE.
 */
export const SCOPE_PERMISSIONS: ReadonlyMap<string, Permission> = new Map<string, Permission>([
  ...MANAGEMENT_API.scopes.flatMap((scope) => (isPermission(scope.permission) ? [[scope.name, scope.permission] as const] : [])),
  [INTROSPECTION_SCOPE.name, 'CLIENT_ADMINISTRATION' as Permission],
  [VAULT_USE_SCOPE.name, 'VAULT_MANAGE' as Permission],
]);

/** The permissions a management token's scopes map to; scopes of other APIs map to none. */
export function permissionsOfScopes(scopes: Iterable<string>): Set<Permission> {
  const permissions = new Set<Permission>();
  for (const scope of scopes) {
    const permission = SCOPE_PERMISSIONS.get(scope);
    // The introspection scope lets a gateway call /oauth2/introspect, the vault scope gets authorization headers
    // (Viewer.scopes); as permissions on /graphql they grant nothing.
    if (permission && scope !== INTROSPECTION_SCOPE.name && scope !== VAULT_USE_SCOPE.name) permissions.add(permission);
  }
  return permissions;
}

/**
 * No escalation (docs/permissions.md#no-escalation): whoever grants a client a `keyward:*` scope must hold the permission it maps to, or a
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
