/** The Keyward Management API: its scopes map one-to-one to the seven client/secret permissions (SPEC §2.3). */
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

/** A small example catalog so a fresh tenant can grant scopes at once; admins edit it freely. */
export const EXAMPLE_APIS = [
  {
    name: 'Orders API',
    audience: 'https://api.example.com/orders',
    description: 'Example API: read and place orders.',
    scopes: [
      { name: 'orders:read', description: 'Read orders' },
      { name: 'orders:write', description: 'Create and change orders' },
    ],
  },
  {
    name: 'Customers API',
    audience: 'https://api.example.com/customers',
    description: 'Example API: customer records.',
    scopes: [
      { name: 'customers:read', description: 'Read customer records' },
      { name: 'customers:write', description: 'Create and change customer records' },
    ],
  },
] as const;
