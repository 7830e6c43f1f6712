import { registerEnumType } from 'type-graphql';

/** The seven client/secret permissions, SECURITY_ADMINISTRATION, and the vault's two (docs/permissions.md#the-permissions). */
export enum Permission {
  CLIENT_ADMINISTRATION = 'CLIENT_ADMINISTRATION',
  CLIENT_CREATE = 'CLIENT_CREATE',
  CLIENT_EDIT = 'CLIENT_EDIT',
  CLIENT_REMOVE = 'CLIENT_REMOVE',
  SECRET_ADMINISTRATION = 'SECRET_ADMINISTRATION',
  SECRET_CREATE = 'SECRET_CREATE',
  SECRET_REMOVE = 'SECRET_REMOVE',
  SECURITY_ADMINISTRATION = 'SECURITY_ADMINISTRATION',
  VAULT_ADMINISTRATION = 'VAULT_ADMINISTRATION',
  VAULT_MANAGE = 'VAULT_MANAGE',
}

export const PERMISSION_LABELS: Record<Permission, string> = {
  CLIENT_ADMINISTRATION: 'Security Client Administration',
  CLIENT_CREATE: 'Security Create New Client',
  CLIENT_EDIT: 'Security Edit Clients',
  CLIENT_REMOVE: 'Security Remove Clients',
  SECRET_ADMINISTRATION: 'Security Client Secret Administration',
  SECRET_CREATE: 'Security Create New Client Secret',
  SECRET_REMOVE: 'Security Remove Client Secrets',
  SECURITY_ADMINISTRATION: 'Security Administration',
  VAULT_ADMINISTRATION: 'Vault Administration',
  VAULT_MANAGE: 'Vault Manage Credentials',
};

export const ALL_PERMISSIONS = Object.values(Permission);

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as string[]).includes(value);
}

registerEnumType(Permission, {
  name: 'Permission',
  description: 'What a user, API key or management token may do in its tenant.',
  valuesConfig: Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, { description: PERMISSION_LABELS[p] }])),
});
