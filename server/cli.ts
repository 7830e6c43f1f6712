import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openKeywardDatabase } from './app/runtime.js';
import { buildContractSchema, printContract } from './app/schema.js';
import { createServices, type Services } from './app/services.js';
import { AuditQueryService } from './audit/audit.query.js';
import { AuditChainHead, AuditEvent } from './audit/audit-event.entity.js';
import { HELP, wantsHelp } from './cli-help.js';
import { ConfigError, type KeywardConfig, loadConfig } from './config.js';
import { MasterKey } from './crypto/master-key.js';
import { isUuid } from './db/ids.js';
import type { Orm } from './db/orm.js';
import { Actor, ActorType } from './kernel/actor.js';
import { systemClock } from './kernel/clock.js';
import { KeywardError } from './kernel/errors.js';
import { createLogger } from './logger.js';
import { MAX_TOKEN_LIFETIME_SECONDS } from './oauth/signing-keys.js';
import { TenantService } from './tenants/provisioning.js';
import { Tenant } from './tenants/tenant.entity.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const CLI_ACTOR = Actor.of(ActorType.SYSTEM, null, 'Keyward CLI');

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [group, action, ...rest] = argv;
  if (wantsHelp(argv)) {
    io.stdout(HELP);
    return 0;
  }
  const command = `${group} ${action ?? ''}`.trim();
  try {
    switch (command) {
      case 'schema print': {
        const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
        const sdl = printContract(await buildContractSchema());
        if (values.out) writeFileSync(values.out, sdl);
        else io.stdout(sdl);
        return 0;
      }
      case 'keys rotate': {
        const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, now: { type: 'boolean' } } });
        return await withServices(io, async (services, orm) => {
          const tenant = await tenantToRotate(orm, values.tenant);
          const keys = services.signingKeys;
          await keys.ensure();
          const { kid, alg, activatesAt, retired } = await keys.rotate(tenant.id, { now: values.now });
          const { jwksMaxAgeSeconds, marginSeconds } = keys.timings;
          io.stdout(`Tenant ${tenant.slug}: new ${alg} signing key ${kid}, published in the tenant's JWKS now.\n`);
          if (values.now) {
            io.stdout(`It signs new tokens from now (${activatesAt.toISOString()}).\n`);
            io.stderr(
              `Warning: resource servers holding a JWKS cached before now (up to ${jwksMaxAgeSeconds} seconds old) do not know ${kid} ` +
                'and refuse the new tokens until they fetch the JWKS again.\n',
            );
          } else {
            const seconds = Math.max(0, Math.ceil((activatesAt.getTime() - Date.now()) / 1000));
            io.stdout(
              `It signs new tokens from ${activatesAt.toISOString()} (in ${seconds} seconds), once every JWKS cached before now ` +
                `has expired (max-age ${jwksMaxAgeSeconds} s plus ${marginSeconds} s).\n`,
            );
          }
          if (retired.length > 0) {
            const hours = Math.round(MAX_TOKEN_LIFETIME_SECONDS / 3600);
            io.stdout(
              `Retired: ${retired.join(', ')}; they stop signing then and stay in the JWKS for ${hours} hours plus ${marginSeconds} s after that, until every token they signed has expired.\n`,
            );
          }
          return 0;
        });
      }
      case 'reminders run': {
        return await withServices(io, async (services) => {
          try {
            const due = await services.reminders.scan();
            const total = { sent: 0, retrying: 0, failed: 0 };
            for (;;) {
              const round = await services.reminders.sendDue(100);
              total.sent += round.sent;
              total.retrying += round.retrying;
              total.failed += round.failed;
              if (round.sent + round.retrying + round.failed === 0) break;
            }
            io.stdout(
              `Reminder scan: ${due} newly due. Sent ${total.sent}; ${total.retrying} to retry later (mail server unavailable); ` +
                `${total.failed} failed for good.\n`,
            );
            return total.failed > 0 ? 1 : 0;
          } finally {
            services.mailer.close();
          }
        });
      }
      case 'housekeeping run': {
        return await withServices(io, async (services) => {
          const swept = await services.housekeeping.run();
          io.stdout(
            `Housekeeping: deleted ${swept.revokedTokens} revocations of expired tokens, ${swept.loginFailures} old sign-in failure counters, ${swept.sessions} ended sessions, ${swept.dpopProofs} used DPoP proofs past their age, ${swept.clientAssertions} used client assertion IDs, ${swept.activeTokens} records of expired access tokens and ${swept.tokenQuotaCounters} old token quota counters.\n`,
          );
          return 0;
        });
      }
      case 'ca print': {
        return await withServices(io, async (services) => {
          const ca = services.certificateAuthority;
          await ca.ensure();
          const pem = ca.certificatesPem();
          io.stdout(`# Keyward Root CA\n${pem.root}# Keyward Intermediate CA\n${pem.intermediate}`);
          return 0;
        });
      }
      case 'tenant create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            slug: { type: 'string' },
            name: { type: 'string' },
            'admin-email': { type: 'string' },
            'admin-name': { type: 'string' },
            'admin-password': { type: 'string' },
          },
        });
        const input = {
          slug: required(values, 'slug'),
          name: required(values, 'name'),
          adminEmail: required(values, 'admin-email'),
          adminName: values['admin-name'],
          adminPassword: values['admin-password'],
        };
        return await withDatabase(io, async (db) => {
          const created = await new TenantService(db.orm).createTenant(input, CLI_ACTOR);
          io.stdout(`Created tenant ${created.tenant.slug} (${created.tenant.name}) with admin ${created.admin.email}.\n`);
          if (created.generatedPassword) io.stdout(`Admin password (shown only now): ${created.generatedPassword}\n`);
          return 0;
        });
      }
      case 'user reset-password': {
        const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' } } });
        const email = required(values, 'email');
        return await withDatabase(io, async (db) => {
          const result = await new TenantService(db.orm).resetPassword(email, values.password, CLI_ACTOR);
          io.stdout(`Password reset for ${result.user.email}; their sessions were ended.\n`);
          if (result.generatedPassword) io.stdout(`New password (shown only now): ${result.generatedPassword}\n`);
          return 0;
        });
      }
      case 'audit verify': {
        const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' } } });
        if (auditKeyMissing(io)) return 1;
        return await withDatabase(io, async (db) => {
          const { slugOf, chainKey } = await auditChains(db.orm, values.tenant);
          const audit = new AuditQueryService(db.orm);
          const key = await audit.keyStatus();
          if (key !== 'ok') {
            io.stderr(
              key === 'other'
                ? 'This master key is not the one the audit trail is keyed with, so no event can be checked: run audit verify with the KEYWARD_MASTER_KEY the server uses.\n'
                : 'The audit trail has not been re-keyed yet: start Keyward once, then run audit verify again.\n',
            );
            return 1;
          }
          const reports = await audit.verify(chainKey);
          let broken = 0;
          for (const report of reports) {
            const name = chainName(slugOf, report.chainKey);
            if (report.brokenAt) {
              broken++;
              const { eventId, seq, reason, beforeRekeyAt } = report.brokenAt;
              const event = isUuid(eventId) ? await db.orm.em.fork().findOne(AuditEvent, { id: eventId }) : null;
              const what = event ? ` That event: ${event.action} at ${event.occurredAt.toISOString()}.` : '';
              io.stdout(`BROKEN  ${name}: first broken link is event ${eventId} (#${seq}): ${reason}.${what}\n`);
              if (beforeRekeyAt) {
                io.stdout(
                  `        It was already broken when the chain was re-keyed (${beforeRekeyAt}): it and the events after it keep their old unkeyed hashes.\n`,
                );
              }
            } else {
              io.stdout(`OK      ${name}: ${report.events} events, chain intact.\n`);
            }
          }
          if (reports.length === 0) io.stdout('No audit events yet.\n');
          return broken > 0 ? 1 : 0;
        });
      }
      case 'audit head': {
        const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' } } });
        return await withDatabase(io, async (db) => {
          const { slugOf, chainKey } = await auditChains(db.orm, values.tenant);
          const heads = await db.orm.em.fork().find(AuditChainHead, chainKey ? { chainKey } : {}, { orderBy: { chainKey: 'asc' } });
          for (const head of heads) io.stdout(`${chainName(slugOf, head.chainKey)}: ${head.seq} events, latest hash ${head.hash}\n`);
          if (heads.length === 0)
            io.stdout(values.tenant ? `Tenant ${values.tenant} has no audit events yet.\n` : 'No audit events yet.\n');
          return 0;
        });
      }
      default:
        io.stderr(`Unknown command "${command}". Run npm run keyward -- --help for the list.\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\nRun npm run keyward -- --help for usage.\n`);
      return 2;
    }
    if (error instanceof KeywardError || error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(`Failed: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Tenant slugs by id (chains are keyed by tenant id), and the chain --tenant names, if given. */
async function auditChains(orm: Orm, slug: string | undefined): Promise<{ slugOf: Map<string, string>; chainKey?: string }> {
  const tenants = await orm.em.fork().find(Tenant, {});
  const slugOf = new Map(tenants.map((t) => [t.id, t.slug]));
  if (slug === undefined) return { slugOf };
  const chainKey = tenants.find((t) => t.slug === slug)?.id;
  if (!chainKey) throw new UsageError(`No tenant with the slug "${slug}".`);
  return { slugOf, chainKey };
}

function chainName(slugOf: Map<string, string>, chainKey: string): string {
  return slugOf.has(chainKey) ? `tenant ${slugOf.get(chainKey)}` : `chain ${chainKey}`;
}

/**
 * True (after saying so) when there is no master key to verify with. Without KEYWARD_MASTER_KEY, development would
 * generate a new key file, with which no event verifies: that is not what someone checking the trail wants.
 */
function auditKeyMissing(io: CliIo): boolean {
  const config = loadConfig(io.env);
  if (config.masterKey || (config.env !== 'production' && existsSync(join(config.dataDir, 'master.key')))) return false;
  io.stderr(
    'audit verify checks each event with a key derived from the master key, and none is set: run it with the KEYWARD_MASTER_KEY the server uses' +
      (config.env === 'production'
        ? '.\n'
        : ` (without it, the development key file ${join(config.dataDir, 'master.key')}, which does not exist).\n`),
  );
  return true;
}

/** The tenant named by --tenant, or the root issuer's (the tenant made at first start). */
async function tenantToRotate(orm: Orm, slug: string | undefined): Promise<Tenant> {
  const em = orm.em.fork();
  if (slug !== undefined) {
    const tenant = await em.findOne(Tenant, { slug });
    if (!tenant) throw new UsageError(`No tenant with the slug "${slug}"; nothing was rotated.`);
    return tenant;
  }
  const root = (await em.findOne(Tenant, { rootIssuer: true })) ?? (await em.findOne(Tenant, {}, { orderBy: { createdAt: 'asc' } }));
  if (!root) throw new UsageError('There is no tenant yet: start Keyward once to create the first one.');
  return root;
}

/** The domain services on the configured database, with keys from the master key, for one command. */
async function withServices(io: CliIo, run: (services: Services, orm: Orm) => Promise<number>): Promise<number> {
  return withDatabase(io, async (db) => {
    const config = loadConfig(io.env);
    const masterKey = MasterKey.load({ value: config.masterKey, env: config.env, dataDir: config.dataDir });
    return run(createServices(db.orm, config, masterKey, systemClock, createLogger('silent')), db.orm);
  });
}

/** Which installation a command acts on, so an operator with several (or a stale .env) sees it before anything changes. */
export function actingOn(config: KeywardConfig): string {
  let database = `the embedded database in ${config.dataDir}`;
  if (config.databaseUrl) {
    // Never its password.
    const url = new URL(config.databaseUrl);
    url.password = '';
    database = `PostgreSQL ${url}`;
  }
  return `Keyward CLI: ${database}, public URL ${config.publicUrl}\n`;
}

async function withDatabase(io: CliIo, run: (db: Awaited<ReturnType<typeof openKeywardDatabase>>) => Promise<number>): Promise<number> {
  const config = loadConfig(io.env);
  io.stderr(actingOn(config));
  const db = await openKeywardDatabase(config);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  }).then((code) => process.exit(code));
}
