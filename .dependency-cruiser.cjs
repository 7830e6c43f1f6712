// The layering of server/ (docs/architecture.md), checked in CI by `npm run boundaries`. From the bottom up:
//   kernel/      Viewer, Actor, Permission, errors, clock: imports nothing of Keyward's above it
//   db/          the ORM, migrations, embedded PostgreSQL, the change feed: kernel only
//   infra        config, logging, crypto, mail, outbound (calls to other hosts): kernel and db only
//   domain       users, tenants, catalog, clients, credentials, pki, oauth, audit, apikeys, reminders, housekeeping
//   edges        http/, graphql/, and each module's *.resolver.ts, *.types.ts, *.routes.ts
//   app/         the composition root (entities list, schema, services, Fastify app, runtime); main.ts and cli.ts
const KERNEL = '^server/kernel/';
const DB = '^server/db/';
const INFRA = '^server/(config|logger|log-stream|shutdown-deadline)\\.ts$|^server/(crypto|mail|outbound)/';
const ROOT = '^server/(app/|main\\.ts$|cli\\.ts$|cli-help\\.ts$|start\\.cts$)';
const EDGE = '^server/(http|graphql)/|\\.(resolver|types|routes)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'kernel-imports-only-kernel',
      comment: 'The kernel is what every module may import; it must not import any of them back.',
      severity: 'error',
      from: { path: KERNEL },
      to: { path: '^server/', pathNot: KERNEL },
    },
    {
      name: 'db-imports-only-kernel',
      comment: 'db/ serves every module and knows none: entities reach the ORM from the composition root.',
      severity: 'error',
      from: { path: DB },
      to: { path: '^server/', pathNot: `${KERNEL}|${DB}` },
    },
    {
      name: 'infrastructure-imports-only-kernel-and-db',
      comment: 'Configuration, logging, crypto and mail know nothing of the product.',
      severity: 'error',
      from: { path: INFRA },
      to: { path: '^server/', pathNot: `${KERNEL}|${DB}|${INFRA}` },
    },
    {
      name: 'domain-never-imports-an-edge',
      comment: 'Services and rules do not know how they are called: no HTTP, GraphQL resolver or route in them.',
      severity: 'error',
      from: { path: '^server/', pathNot: `${EDGE}|${ROOT}` },
      to: { path: EDGE },
    },
    {
      name: 'nothing-imports-the-composition-root',
      comment:
        'Only the root assembles; a module that needs another receives it. The one exception is type-only: the GraphQL ' +
        "context carries the root's services bundle.",
      severity: 'error',
      from: { path: '^server/', pathNot: ROOT },
      to: { path: ROOT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tenant-provisioning-sits-above-users-and-catalog',
      comment:
        'Creating a tenant with its admin, its catalog and its keys uses users/, catalog/ and the rest; none of them ' +
        'may depend on it back (only the edges and the root call it).',
      severity: 'error',
      from: { path: '^server/', pathNot: `${EDGE}|${ROOT}|^server/tenants/(provisioning|tenant-settings\\.service)\\.ts$` },
      to: { path: '^server/tenants/(provisioning|tenant-settings\\.service)\\.ts$' },
    },
    {
      name: 'edges-use-a-module-through-its-public-files',
      comment:
        "An edge calls a module's service and shows its entities and types; its lookups, queries and rules are the " +
        "module's own business (rules that are also the API's contract live in *.rules.ts and may be read).",
      severity: 'error',
      from: { path: EDGE },
      to: { path: '^server/[^/]+/[^/]+\\.(lookup|queries)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^server/',
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
