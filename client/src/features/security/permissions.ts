import type { Permission } from '../../gql/graphql';

/**
 * The permissions a team can grant, in the order of docs/permissions.md#the-permissions, with their labels (the descriptions of the
 * `Permission` enum in schema.graphql) and what each allows. A Record, so a new permission fails the build here.
 */
const PERMISSION_DETAILS: Record<Permission, { label: string; allows: string }> = {
  CLIENT_ADMINISTRATION: {
    label: 'Security Client Administration',
    allows: 'See API clients and the client tooling, and read their audit trail.',
  },
  CLIENT_CREATE: { label: 'Security Create New Client', allows: 'Create API clients.' },
  CLIENT_EDIT: { label: 'Security Edit Clients', allows: 'Edit API clients, including the enabled switch.' },
  CLIENT_REMOVE: { label: 'Security Remove Clients', allows: 'Delete API clients.' },
  SECRET_ADMINISTRATION: {
    label: 'Security Client Secret Administration',
    allows: 'See secrets and certificates (metadata only, never values).',
  },
  SECRET_CREATE: { label: 'Security Create New Client Secret', allows: 'Create client secrets and certificates, and rotate secrets.' },
  SECRET_REMOVE: { label: 'Security Remove Client Secrets', allows: 'Delete client secrets and certificates.' },
  SECURITY_ADMINISTRATION: {
    label: 'Security Administration',
    allows: 'Manage users, teams, tenant limits and the scope catalog, and read the whole audit trail.',
  },
  VAULT_ADMINISTRATION: {
    label: 'Vault Administration',
    allows: 'See the vault’s credentials for calling other services (metadata only, never values).',
  },
  VAULT_MANAGE: {
    label: 'Vault Manage Credentials',
    allows: 'Add, change, test and delete the vault’s credentials, and get their ready-to-send authorization.',
  },
};

export const PERMISSIONS = (Object.keys(PERMISSION_DETAILS) as Permission[]).map((value) => ({ value, ...PERMISSION_DETAILS[value] }));

export function permissionLabel(permission: Permission): string {
  return PERMISSION_DETAILS[permission].label;
}

/** A team's permissions in the order above, whatever order the API lists them in. */
export function sortPermissions(permissions: readonly Permission[]): Permission[] {
  return PERMISSIONS.map((p) => p.value).filter((value) => permissions.includes(value));
}
