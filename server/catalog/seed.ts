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
