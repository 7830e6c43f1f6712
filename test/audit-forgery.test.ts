/**
 * An audit trail that someone with write access to the database alone cannot forge: each event's hash is keyed from
 * the master key, `audit verify` names the first event that does not verify, `audit head` gives an anchor to keep
 * elsewhere, and chains written before keyed hashes are re-keyed once, after they are verified.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeywardDatabase } from '../server/app/runtime.js';
import { canonicalJson, GENESIS_HASH } from '../server/audit/chain.js';
import { rekeyLegacyAuditChains } from '../server/audit/chain-upgrade.js';
import { runCli } from '../server/cli.js';
import { loadConfig } from '../server/config.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

const CREATE = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }';

let kw: TestKeyward;
const tenantIds: Record<string, string> = {};

beforeAll(async () => {
  kw = await startKeyward({ persistent: true });
  for (const slug of ['default', 'forged', 'altered']) {
    const cookie = slug === 'default' ? await kw.login() : (await kw.createTenant(slug)).cookie;
    for (const n of [1, 2, 3]) {
      const created = await kw.gql(CREATE, { input: { name: `Payroll ${n}`, contactEmails: ['pay@example.com'] } }, cookie);
      await kw.gql(UPDATE, { id: created.data?.createApiClient.id, input: { name: `Payroll ${n} v2` } }, cookie);
    }
    const [tenant] = await kw.sql<{ id: string }>('select id from tenant where slug = ?', [slug]);
    tenantIds[slug] = tenant.id;
  }
  // The CLI and the database writer below work on the stopped server's database, as an operator (or intruder) would.
  await kw.stopServer();
}, 60_000);
afterAll(async () => kw?.destroy());

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { ...kw.cliEnv, ...env } });
  // Commands that open the database first say which one (and the public URL); the rest of stderr is the command's own.
  return { code, out, err: err.replace(/^Keyward CLI: .*, public URL \S+\n/, '') };
}

type Row = Record<string, any>;

/** Straight to the database, as someone with write access to it: the master key is not needed for SQL. */
async function database<T>(work: (sql: (text: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
  const db = await openKeywardDatabase(loadConfig(kw.cliEnv));
  try {
    return await work((text, params = []) => db.orm.em.getConnection().execute(text, params as never[]));
  } finally {
    await db.close();
  }
}

/** The published algorithm of releases before keyed hashes, as anyone can recompute it: SHA-256 over the canonical event. */
function sha256Hash(row: Row): string {
  const canonical = canonicalJson({
    v: 1,
    id: row.id,
    chainKey: row.chain_key,
    seq: String(row.seq),
    tenantId: row.tenant_id ?? null,
    occurredAt: new Date(row.occurred_iso),
    actor: { type: row.actor_type, id: row.actor_id ?? null, name: row.actor_name },
    action: row.action,
    target: { type: row.target_type ?? null, id: row.target_id ?? null, name: row.target_name ?? null },
    apiClientId: row.api_client_id ?? null,
    changes: row.changes ?? {},
    ipAddress: row.ip_address ?? null,
    userAgent: row.user_agent ?? null,
    requestId: row.request_id ?? null,
    prevHash: row.prev_hash,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

async function chainRows(sql: (text: string, params?: unknown[]) => Promise<Row[]>, chainKey: string): Promise<Row[]> {
  return sql(
    `select *, seq::text as seq, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_iso
       from audit_event where chain_key = ? order by audit_event.seq`,
    [chainKey],
  );
}

/** Re-hashes a chain from event #`fromSeq` on with SHA-256 and moves its head along: a "repair" without the key. */
async function rehashWithSha256(sql: (text: string, params?: unknown[]) => Promise<Row[]>, chainKey: string, fromSeq = 1) {
  const rows = await chainRows(sql, chainKey);
  let prevHash = fromSeq === 1 ? GENESIS_HASH : rows[fromSeq - 2].hash;
  for (const row of rows.slice(fromSeq - 1)) {
    row.prev_hash = prevHash;
    prevHash = sha256Hash(row);
    await sql('update audit_event set prev_hash = ?, hash = ? where id = ?', [row.prev_hash, prevHash, row.id]);
  }
  await sql('update audit_chain_head set hash = ? where chain_key = ?', [prevHash, chainKey]);
}

/** The database as the release before keyed hashes left it: every chain SHA-256, and no re-key done yet. */
async function asBeforeKeyedHashes(sql: (text: string, params?: unknown[]) => Promise<Row[]>) {
  for (const { chain_key } of await sql('select chain_key from audit_chain_head')) await rehashWithSha256(sql, chain_key);
  await sql('delete from audit_chain_key');
}

describe('audit verify and audit head', () => {
  it('an untouched chain verifies; audit head prints each tenant’s latest hash and event count', async () => {
    const verified = await cli(['audit', 'verify']);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);
    expect(verified.out).toMatch(/^OK {6}tenant forged: \d+ events, chain intact\.$/m);

    const [newest] = await database((sql) =>
      sql(
        'select hash, seq::text as seq, (select count(*)::int from audit_event where chain_key = ?) as n from audit_event where chain_key = ? order by seq desc limit 1',
        [tenantIds.default, tenantIds.default],
      ),
    );
    const head = await cli(['audit', 'head', '--tenant', 'default']);
    expect(head).toMatchObject({ code: 0, err: '' });
    expect(head.out).toBe(`tenant default: ${newest.n} events, latest hash ${newest.hash}\n`);
    expect(Number(newest.seq)).toBe(newest.n);
    expect(newest.hash).toMatch(/^[0-9a-f]{64}$/);

    const all = await cli(['audit', 'head']);
    expect(all.out).toContain(`tenant default: ${newest.n} events, latest hash ${newest.hash}\n`);
    expect(all.out).toMatch(/^tenant altered: \d+ events, latest hash [0-9a-f]{64}$/m);
    expect(await cli(['audit', 'head', '--tenant', 'nobody'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('No tenant with the slug "nobody"'),
    });
    expect((await cli(['--help'])).out).toContain('audit head [--tenant <slug>]');
  });

  it('names the event a database writer rewrote, though they recomputed the chain after it with SHA-256', async () => {
    const victim = await database(async (sql) => {
      const [row] = await sql(
        "select id, seq::text as seq from audit_event where chain_key = ? and action = 'client.updated' order by seq limit 1",
        [tenantIds.forged],
      );
      await sql(
        `update audit_event set action = 'client.viewed', changes = '{"name":{"from":"Payroll 1","to":"Someone else"}}' where id = ?`,
        [row.id],
      );
      await rehashWithSha256(sql, tenantIds.forged, Number(row.seq));
      const stored = (await chainRows(sql, tenantIds.forged)).find((event) => event.id === row.id);
      return { id: row.id as string, seq: row.seq as string, occurredAt: stored?.occurred_iso as string };
    });
    const verified = await cli(['audit', 'verify']);
    expect(verified.code).toBe(1);
    expect(verified.out).toContain(
      `BROKEN  tenant forged: first broken link is event ${victim.id} (#${victim.seq}): its content was changed after it was recorded. ` +
        `That event: client.viewed at ${victim.occurredAt}.\n`,
    );
    // The other tenants' chains are not affected.
    expect(verified.out).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);
    expect((await cli(['audit', 'verify', '--tenant', 'default'])).code).toBe(0);
  });

  it('says so when the master key is not the one the trail is keyed with, or there is none', async () => {
    const other = await cli(['audit', 'verify'], { KEYWARD_MASTER_KEY: randomBytes(32).toString('base64') });
    expect(other).toMatchObject({ code: 1, out: '' });
    expect(other.err).toBe(
      'This master key is not the one the audit trail is keyed with, so no event can be checked: run audit verify with the KEYWARD_MASTER_KEY the server uses.\n',
    );

    const production = await cli(['audit', 'verify'], { NODE_ENV: 'production' });
    expect(production.code).toBe(1);
    expect(production.err).toContain('audit verify checks each event with a key derived from the master key, and none is set');

    const emptyDir = mkdtempSync(join(tmpdir(), 'keyward-nokey-'));
    try {
      const missing = await cli(['audit', 'verify'], { KEYWARD_DATA_DIR: emptyDir });
      expect(missing.code).toBe(1);
      expect(missing.err).toContain(`the development key file ${join(emptyDir, 'master.key')}, which does not exist`);
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('the one-time re-key of chains from before keyed hashes', () => {
  it('verifies SHA-256 chains, then re-keys them: they verify with the key, and new events link on', async () => {
    const before = await database(async (sql) => {
      await asBeforeKeyedHashes(sql);
      return chainRows(sql, tenantIds.default);
    });
    // The next start (here: the CLI opening the database) upgrades.
    const verified = await cli(['audit', 'verify']);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);
    expect(verified.out).toMatch(/^OK {6}tenant forged: \d+ events, chain intact\.$/m);
    expect(verified.out).not.toContain('BROKEN');

    const after = await database((sql) => chainRows(sql, tenantIds.default));
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    for (const [i, row] of after.entries()) expect(row.hash).not.toBe(before[i].hash);
    // Re-hashing without the key is now a forgery like any other.
    await database((sql) => rehashWithSha256(sql, tenantIds.default));
    expect((await cli(['audit', 'verify', '--tenant', 'default'])).out).toContain(
      `BROKEN  tenant default: first broken link is event ${after[0].id} (#1): its content was changed after it was recorded.`,
    );

    await database(asBeforeKeyedHashes);
    const created = await cli(['tenant', 'create', '--slug', 'later', '--name', 'Later', '--admin-email', 'root@later.example']);
    expect(created.code, created.err).toBe(0);
    const again = await cli(['audit', 'verify']);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/^OK {6}tenant later: \d+ events, chain intact\.$/m);
  });

  it('re-keys a chain broken before the upgrade only up to the break, which verify keeps naming', async () => {
    const { victim, before } = await database(async (sql) => {
      await asBeforeKeyedHashes(sql);
      const [row] = await sql('select id, seq::text as seq from audit_event where chain_key = ? and seq = 4', [tenantIds.altered]);
      await sql(`update audit_event set changes = '{"name":{"from":"Payroll 1","to":"Quietly changed"}}' where id = ?`, [row.id]);
      return { victim: row, before: await chainRows(sql, tenantIds.altered) };
    });
    const verified = await cli(['audit', 'verify']);
    expect(verified.code).toBe(1);
    expect(verified.out).toContain(
      `BROKEN  tenant altered: first broken link is event ${victim.id} (#4): its content was changed after it was recorded. That event: `,
    );
    expect(verified.out).toMatch(
      / {8}It was already broken when the chain was re-keyed \(\S+\): it and the events after it keep their old unkeyed hashes\.\n/,
    );
    expect(verified.out).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);

    const after = await database((sql) => chainRows(sql, tenantIds.altered));
    // Before the break: re-keyed. The break and after it: as they were, so nothing was laundered.
    for (const [i, row] of after.entries()) {
      if (i < 3) expect(row.hash).not.toBe(before[i].hash);
      else expect([row.prev_hash, row.hash]).toEqual([before[i].prev_hash, before[i].hash]);
    }
    const [marker] = await database((sql) => sql('select legacy_breaks from audit_chain_key'));
    expect(marker.legacy_breaks).toEqual([
      { chainKey: tenantIds.altered, eventId: victim.id, seq: '4', reason: 'its content was changed after it was recorded' },
    ]);
    // Exactly once: a later start changes nothing.
    expect((await cli(['audit', 'verify'])).out).toBe(verified.out);
    expect(await database((sql) => chainRows(sql, tenantIds.altered))).toEqual(after);
  });

  it('runs once when several processes start together', async () => {
    const db = await openKeywardDatabase(loadConfig(kw.cliEnv));
    try {
      await asBeforeKeyedHashes((text, params = []) => db.orm.em.getConnection().execute(text, params as never[]));
      const results = await Promise.all([1, 2, 3].map(() => rekeyLegacyAuditChains(db.orm)));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      const [markers] = await db.orm.em.getConnection().execute('select count(*)::int as n from audit_chain_key');
      expect(markers.n).toBe(1);
    } finally {
      await db.close();
    }
    const verified = await cli(['audit', 'verify']);
    expect(verified.code, verified.out).toBe(0);
  });
});
