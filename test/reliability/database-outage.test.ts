import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort } from '../support/keyward.js';
import { basicAuth } from '../support/oauth.js';
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from '../support/private-postgres.js';
import { spawnKeyward, waitReady } from '../support/processes.js';

// Issue #8, "Database faults": PostgreSQL crashes for 10 s under mixed load on two Keyward processes.
//
// PostgreSQL is stopped with `pg_ctl stop -m immediate`: every server process quits at once, without a shutdown
// checkpoint, and the next start runs crash recovery: what a crash of the database looks like to its clients
// (connections cut mid-query, mid-commit). `-m fast` is the polite version (a clean shutdown message first).
//
// Tokens during the outage: a process learns of deleted or disabled credentials only through its LISTEN connection
// (docs/token-service.md#caching-and-invalidation: refused everywhere within 1 s). Once that connection is lost it cannot keep the promise (another process
// may still reach the database and delete a secret), so its cache is dropped and the token endpoint answers 503
// temporarily_unavailable until the database is back: fail closed, never a token for a possibly revoked secret.

const OUTAGE_MS = 10_000;
/** No request may take longer than this while PostgreSQL is down. */
const FAIL_FAST_MS = 5_000;
/** Every request type works again in both processes this long after PostgreSQL accepts connections. */
const RECOVERY_MS = 5_000;
/** `/readyz` turns 503 this soon after the stop (it gives the database 2 s). */
const READYZ_NOTICE_MS = 2_500;
/** docs/token-service.md#caching-and-invalidation: a deleted secret is refused by every process within 1 s. */
const REVOCATION_MS = 1_000;
/** Load keeps running this long after PostgreSQL is back, to see that nothing fails after the recovery time. */
const AFTER_RECOVERY_MS = 2_500;

const UNAVAILABLE_MESSAGE = /cannot reach its database/;
/** The answer when the connection was lost during the commit: the change may have been saved (SERVICE_UNAVAILABLE too). */
const IN_DOUBT_MESSAGE = /may or may not have been saved/;
const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const now = () => performance.now();

type Kind = 'token' | 'read' | 'read-bearer' | 'write' | 'limit' | 'login';
const KINDS: Kind[] = ['token', 'read', 'read-bearer', 'write', 'limit', 'login'];
type Outcome = 'ok' | 'refused' | 'failed';

interface Proc {
  name: 'A' | 'B';
  url: string;
  child: ChildProcess;
  output: string;
}

/** One HTTP request of the load: when it ran, what came back, and how the test judged it. */
interface Sample {
  kind: Kind | 'readyz' | 'revocation';
  proc: 'A' | 'B';
  op: string;
  start: number;
  end: number;
  status: number;
  body: string;
  outcome: Outcome;
}

/** A GraphQL mutation of the load, to check against the database afterwards. */
interface Mutation {
  op: 'createApiClient' | 'createClientSecret' | 'createCertificate' | 'deleteCredential' | 'deleteApiClient';
  /** The generated client name or credential description (creates). */
  name?: string;
  /** The created or deleted record's id. */
  id?: string;
  /** For credential mutations: the owning API client's id. */
  apiClientId?: string;
  sample: Sample;
}

describe.skipIf(!privatePostgresAvailable())('PostgreSQL crashes for 10 s under mixed load on two Keyward processes', () => {
  let postgres: PrivatePostgres;
  let dataDir: string;
  const procs: Proc[] = [];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query('create database keyward');
    await admin.end();
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-outage-'));
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url('keyward'),
      KEYWARD_DATA_DIR: dataDir,
      KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
      KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Agenda runs its scan every 2 s and lastUsedAt is written every second: background database work is live
      // when the connections drop.
      KEYWARD_REMINDER_SCHEDULER: 'on',
      KEYWARD_REMINDER_SCAN_SECONDS: '2',
      KEYWARD_LAST_USED_FLUSH_SECONDS: '1',
    };
    const base = { cliEnv: env, baseUrl: `http://127.0.0.1:${portA}` };
    // A first: it migrates and creates the development master key in the shared data directory that B then reads.
    for (const [name, port] of [
      ['A', portA],
      ['B', portB],
    ] as const) {
      const child = spawnKeyward(base, port, {}, ['ignore', 'pipe', 'pipe']);
      const proc: Proc = { name, url: `http://127.0.0.1:${port}`, child, output: '' };
      const keep = (chunk: Buffer) => {
        proc.output = (proc.output + chunk).slice(-2_000_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      procs.push(proc);
      await waitReady(proc.url, 60_000, child);
    }
  });

  afterAll(async () => {
    await Promise.all(
      procs.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await postgres?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('requests fail fast with a clear 503, /readyz says not ready, everything works again within 5 s, and the data stays consistent', async () => {
    const [A, B] = procs;
    const samples: Sample[] = [];
    const mutations: Mutation[] = [];
    const leak = new RegExp(
      `ECONN|ETIMEDOUT|EPIPE|\\n\\s+at |node_modules|\\.[cm]?[jt]s:\\d|knex|mikro|\\bpg\\b|postgres|select |insert into|delete from|Connection terminated|terminating connection|timeout acquiring|57P0|08006|${postgres.port}`,
      'i',
    );

    async function send(url: string, init: RequestInit): Promise<{ status: number; text: string; start: number; end: number }> {
      const start = now();
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
        const text = await response.text();
        return { status: response.status, text, start, end: now() };
      } catch (error) {
        return { status: 0, text: `no answer: ${(error as Error).message}`, start, end: now() };
      }
    }

    function record(sample: Sample): Sample {
      samples.push(sample);
      return sample;
    }

    async function graphql(
      kind: Kind,
      proc: Proc,
      op: string,
      query: string,
      variables: Record<string, unknown>,
      auth: Record<string, string>,
      refusals: string[] = [],
    ): Promise<{ sample: Sample; data: any; code?: string }> {
      const response = await send(`${proc.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query, variables }),
      });
      let json: any = null;
      try {
        json = JSON.parse(response.text);
      } catch {}
      const code: string | undefined = json?.errors?.[0]?.extensions?.code;
      const outcome: Outcome =
        response.status === 200 && json?.data && !json.errors ? 'ok' : code && refusals.includes(code) ? 'refused' : 'failed';
      const sample = record({ kind, proc: proc.name, op, ...response, body: response.text, outcome });
      return { sample, data: json?.data, code };
    }

    const login = async (proc: Proc): Promise<{ sample: Sample; cookie: string | null }> => {
      const start = now();
      const response = await fetch(`${proc.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
        signal: AbortSignal.timeout(20_000),
      }).catch((error: Error) => error);
      if (response instanceof Error) {
        return {
          sample: record({
            kind: 'login',
            proc: proc.name,
            op: 'login',
            start,
            end: now(),
            status: 0,
            body: `no answer: ${response.message}`,
            outcome: 'failed',
          }),
          cookie: null,
        };
      }
      const body = await response.text();
      const cookie = response.headers
        .getSetCookie()
        .find((c) => c.startsWith('kw_session='))
        ?.split(';')[0];
      const ok = response.status === 200 && !!cookie;
      return {
        sample: record({
          kind: 'login',
          proc: proc.name,
          op: 'login',
          start,
          end: now(),
          status: response.status,
          body,
          outcome: ok ? 'ok' : 'failed',
        }),
        cookie: cookie ?? null,
      };
    };

    async function token(kind: 'token' | 'revocation', proc: Proc, clientId: string, secret: string) {
      const response = await send(`${proc.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(clientId, secret) },
        body: 'grant_type=client_credentials',
      });
      const ok = response.status === 200 && response.text.includes('"access_token"');
      return record({ kind, proc: proc.name, op: 'token', ...response, body: response.text, outcome: ok ? 'ok' : 'failed' });
    }

    // Setup, with the database up: an admin session, a client for token load, one for the revocation check, one
    // whose credentials two processes fill up to the limit, and a Management API client for a bearer token.
    const { cookie } = await login(A);
    expect(cookie).toBeTruthy();
    const session = { cookie: cookie as string };
    const setup = async (query: string, variables: Record<string, unknown>) => {
      const { data, sample } = await graphql('write', A, 'setup', query, variables, session);
      if (sample.outcome !== 'ok') throw new Error(`setup failed: ${sample.status} ${sample.body}`);
      samples.pop();
      return data;
    };
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
    const CREATE_SECRET =
      'mutation($id: ID!, $input: CreateClientSecretInput!) { createClientSecret(clientId: $id, input: $input) { secret credential { id } } }';
    const CREATE_CERTIFICATE =
      'mutation($id: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $id, input: $input) { password credential { id } } }';
    const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';
    const DELETE_CLIENT = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
    const clientWithSecret = async (name: string, scopes: string[] = []) => {
      const { createApiClient } = await setup(CREATE_CLIENT, { input: { name, contactEmails: ['ops@example.com'], scopes } });
      const { createClientSecret } = await setup(CREATE_SECRET, { id: createApiClient.id, input: { expiresAt } });
      return {
        id: createApiClient.id,
        clientId: createApiClient.clientId,
        secret: createClientSecret.secret,
        secretId: createClientSecret.credential.id,
      };
    };
    const tokenClient = await clientWithSecret('Outage token load');
    const revocationClient = await clientWithSecret('Outage revocation check');
    const { createApiClient: limitClient } = await setup(CREATE_CLIENT, {
      input: { name: 'Outage limits', contactEmails: ['ops@example.com'] },
    });
    const management = await clientWithSecret('Outage management automation', ['keyward:clients.read', 'keyward:secrets.read']);
    const managementToken = JSON.parse((await token('token', A, management.clientId, management.secret)).body).access_token as string;
    samples.length = 0;
    const bearer = { authorization: `Bearer ${managementToken}` };

    // Timeline (performance.now()): set as the outage happens; loops read them.
    const timeline = {
      stopStart: Number.POSITIVE_INFINITY,
      stopDone: Number.POSITIVE_INFINITY,
      startBegin: Number.POSITIVE_INFINITY,
      upAt: Number.POSITIVE_INFINITY,
    };
    let running = true;
    const loop = async (pauseMs: number, step: (i: number) => Promise<void>) => {
      for (let i = 0; running; i++) {
        await step(i);
        await sleep(pauseMs);
      }
    };
    const alternate = (i: number) => (i % 2 === 0 ? A : B);
    // Keyward says when it cannot tell whether a change was saved; every other failure promises nothing changed.
    const inDoubt = (sample: Sample) => sample.outcome === 'failed' && IN_DOUBT_MESSAGE.test(sample.body);
    const mutate = async (
      kind: Kind,
      proc: Proc,
      mutation: Omit<Mutation, 'sample'>,
      query: string,
      variables: Record<string, unknown>,
      refusals: string[] = [],
    ) => {
      const result = await graphql(kind, proc, mutation.op, query, variables, session, refusals);
      const entry: Mutation = { ...mutation, sample: result.sample };
      mutations.push(entry);
      return { ...result, entry };
    };

    // A client's life, one step per iteration, alternating processes: create it, add a secret and a certificate,
    // delete the secret, delete the client. A failed step is tried again (creates with a new name).
    const writeLoop = (prefix: string) => {
      let client: { id: string; name: string } | null = null;
      let secretId: string | null = null;
      let stage = 0;
      let serial = 0;
      let deleteInDoubt = false;
      return loop(50, async (i) => {
        const proc = alternate(i);
        const name = `${prefix}-${serial++}`;
        if (!client) {
          const { sample, data, entry } = await mutate('write', proc, { op: 'createApiClient', name }, CREATE_CLIENT, {
            input: { name, contactEmails: ['ops@example.com'] },
          });
          if (sample.outcome === 'ok') {
            client = { id: data.createApiClient.id, name };
            entry.id = data.createApiClient.id;
            stage = 1;
          }
        } else if (stage === 1) {
          const { sample, data, entry } = await mutate(
            'write',
            proc,
            { op: 'createClientSecret', name, apiClientId: client.id },
            CREATE_SECRET,
            { id: client.id, input: { expiresAt, description: name } },
          );
          if (sample.outcome === 'ok') {
            secretId = data.createClientSecret.credential.id;
            entry.id = data.createClientSecret.credential.id;
            stage = 2;
          }
        } else if (stage === 2) {
          const { sample, data, entry } = await mutate(
            'write',
            proc,
            { op: 'createCertificate', name, apiClientId: client.id },
            CREATE_CERTIFICATE,
            { id: client.id, input: { expiresAt, description: name, keyAlgorithm: 'EC_P256' } },
          );
          if (sample.outcome === 'ok') {
            entry.id = data.createCertificate.credential.id;
            stage = 3;
          }
        } else {
          // A delete that was cut off mid-commit may have happened: then the retry finds nothing to delete.
          const target = stage === 3 ? { op: 'deleteCredential' as const, id: secretId as string, apiClientId: client.id } : null;
          const { sample } = target
            ? await mutate('write', proc, target, DELETE_CREDENTIAL, { id: target.id }, deleteInDoubt ? ['NOT_FOUND'] : [])
            : await mutate(
                'write',
                proc,
                { op: 'deleteApiClient', id: client.id },
                DELETE_CLIENT,
                { id: client.id },
                deleteInDoubt ? ['NOT_FOUND'] : [],
              );
          deleteInDoubt = inDoubt(sample);
          if (sample.outcome !== 'failed') {
            deleteInDoubt = false;
            if (stage === 3) stage = 4;
            else client = null;
          }
        }
      });
    };

    // Two processes add secrets to one client at once; at the limit each deletes one of its own.
    const limitLoop = (proc: Proc) => {
      const own: string[] = [];
      let serial = 0;
      return loop(30, async () => {
        const name = `limit-${proc.name}-${serial++}`;
        const { sample, data, code, entry } = await mutate(
          'limit',
          proc,
          { op: 'createClientSecret', name, apiClientId: limitClient.id },
          CREATE_SECRET,
          { id: limitClient.id, input: { expiresAt, description: name } },
          ['LIMIT_EXCEEDED'],
        );
        if (sample.outcome === 'ok') {
          own.push(data.createClientSecret.credential.id);
          entry.id = data.createClientSecret.credential.id;
        }
        if (code === 'LIMIT_EXCEEDED' && own.length > 0) {
          const id = own[0];
          const deleted = await mutate('limit', proc, { op: 'deleteCredential', id, apiClientId: limitClient.id }, DELETE_CREDENTIAL, {
            id,
          });
          if (deleted.sample.outcome === 'ok' || inDoubt(deleted.sample)) own.shift();
        }
      });
    };

    const APICLIENTS = '{ apiClients(first: 50) { totalCount edges { node { id name clientId } } } }';
    const revocation: { deleteSent: number | null; deletedAt: number | null; refusedAt: number | null } = {
      deleteSent: null,
      deletedAt: null,
      refusedAt: null,
    };
    const loops = [
      loop(10, () => token('token', A, tokenClient.clientId, tokenClient.secret).then(() => undefined)),
      loop(10, () => token('token', B, tokenClient.clientId, tokenClient.secret).then(() => undefined)),
      loop(25, (i) => graphql('read', alternate(i), 'apiClients', APICLIENTS, {}, session).then(() => undefined)),
      loop(25, (i) =>
        graphql('read-bearer', alternate(i), 'apiClients', '{ apiClients(first: 5) { totalCount } }', {}, bearer).then(() => undefined),
      ),
      writeLoop('outage-w1'),
      writeLoop('outage-w2'),
      limitLoop(A),
      limitLoop(B),
      ...procs.map((proc) => loop(500, () => login(proc).then(() => undefined))),
      // Process B uses the revocation client's secret until it is refused (it is deleted through A once PostgreSQL is back).
      (async () => {
        while (running && revocation.refusedAt === null) {
          const sample = await token('revocation', B, revocationClient.clientId, revocationClient.secret);
          if (revocation.deletedAt !== null && sample.status === 401) revocation.refusedAt = sample.end;
          await sleep(10);
        }
      })(),
      ...procs.map((proc) =>
        loop(100, async () => {
          const response = await send(`${proc.url}/readyz`, {});
          record({
            kind: 'readyz',
            proc: proc.name,
            op: 'readyz',
            ...response,
            body: response.text,
            outcome: response.status === 200 ? 'ok' : 'failed',
          });
        }),
      ),
    ];

    await sleep(3000);
    timeline.stopStart = now();
    await postgres.stop('immediate');
    timeline.stopDone = now();
    await sleep(timeline.stopStart + OUTAGE_MS - now());
    timeline.startBegin = now();
    await postgres.start();
    timeline.upAt = now();
    const upAtWallClock = new Date();

    // The most demanding moment for cross-process revocation: delete a secret through A as soon as A can, while B
    // keeps using it and B's LISTEN connection may still be reconnecting.
    while (now() - timeline.upAt < RECOVERY_MS * 2) {
      const deleted = await graphql('write', A, 'deleteCredential', DELETE_CREDENTIAL, { id: revocationClient.secretId }, session);
      if (deleted.sample.outcome === 'ok') {
        revocation.deleteSent = deleted.sample.start;
        revocation.deletedAt = deleted.sample.end;
        break;
      }
      await sleep(20);
    }
    const recovered = () =>
      KINDS.every((kind) =>
        procs.every((proc) =>
          samples.some((s) => s.kind === kind && s.proc === proc.name && s.outcome === 'ok' && s.start > timeline.upAt),
        ),
      );
    while (now() - timeline.upAt < RECOVERY_MS + AFTER_RECOVERY_MS || (!recovered() && now() - timeline.upAt < RECOVERY_MS * 2))
      await sleep(100);
    running = false;
    await Promise.all(loops);

    // Both processes are still up: no crash on a dropped connection (idle pool clients, Agenda, LISTEN).
    for (const proc of procs) {
      expect({ process: proc.name, exitCode: proc.child.exitCode, signal: proc.child.signalCode }, proc.output.slice(-3000)).toEqual({
        process: proc.name,
        exitCode: null,
        signal: null,
      });
    }

    const { stopStart, stopDone, startBegin, upAt } = timeline;
    const load = samples.filter((s) => s.kind !== 'readyz' && s.kind !== 'revocation');
    const overlapsOutage = (s: Sample) => s.end >= stopStart && s.start <= upAt;
    const overlapsStop = (s: Sample) => s.end >= stopStart && s.start <= stopDone;
    const at = (s: Sample) => `${s.proc} ${s.kind}/${s.op} started ${(s.start - stopStart).toFixed(0)} ms after the stop`;

    // Recovery: per request type and process, the first success after PostgreSQL accepted connections again.
    const recovery: Record<string, number> = {};
    for (const kind of [...KINDS, 'readyz' as const]) {
      for (const proc of procs) {
        const first = samples.find((s) => s.kind === kind && s.proc === proc.name && s.outcome === 'ok' && s.end > upAt);
        recovery[`${kind}@${proc.name}`] = first ? first.end - upAt : Number.POSITIVE_INFINITY;
      }
    }

    // Figures, printed before the assertions so that a failing run reports them too.
    const readyz = samples.filter((s) => s.kind === 'readyz');
    const count = (filter: (s: Sample) => boolean) =>
      Object.fromEntries(KINDS.map((kind) => [kind, load.filter((s) => s.kind === kind && filter(s)).length]));
    const maxLatency = (kind: Kind | 'readyz') =>
      Math.max(0, ...samples.filter((s) => s.kind === kind && overlapsOutage(s)).map((s) => s.end - s.start));
    const firstNotReady = (proc: Proc) =>
      (readyz.find((s) => s.proc === proc.name && s.status === 503 && s.start >= stopStart)?.end ?? Number.NaN) - stopStart;
    const fmt = (values: Record<string, number>) =>
      Object.entries(values)
        .map(([key, value]) => `${key}=${Number.isFinite(value) ? value.toFixed(0) : value}`)
        .join(' ');
    const { deleteSent, deletedAt, refusedAt } = revocation;
    console.info(
      [
        `database outage: PostgreSQL stopped -m immediate for ${((startBegin - stopStart) / 1000).toFixed(1)} s (stop took ${(stopDone - stopStart).toFixed(0)} ms, start with crash recovery ${(upAt - startBegin).toFixed(0)} ms), two Keyward processes`,
        `  requests: ${fmt(count(() => true))}`,
        `  failed (each should be a clear SERVICE_UNAVAILABLE / 503 temporarily_unavailable / 503 service_unavailable): ${fmt(count((s) => s.outcome === 'failed'))}`,
        `  of those, started after PostgreSQL accepted connections again: ${fmt(count((s) => s.outcome === 'failed' && s.start >= upAt))}`,
        `  expected refusals (LIMIT_EXCEEDED at the credential limit, NOT_FOUND retrying an in-doubt delete): ${fmt(count((s) => s.outcome === 'refused'))}`,
        `  max latency (ms) of requests overlapping the outage: ${fmt(Object.fromEntries([...KINDS, 'readyz' as const].map((kind) => [kind, maxLatency(kind)])))}`,
        `  ms from PostgreSQL accepting connections to the first success: ${fmt(recovery)}`,
        `  /readyz 503 after the stop began: A=${firstNotReady(A).toFixed(0)} ms B=${firstNotReady(B).toFixed(0)} ms`,
        `  secret deleted via A ${deletedAt === null ? 'never' : `${(deletedAt - upAt).toFixed(0)} ms after the restart`}, refused by B ${deletedAt === null || refusedAt === null ? 'never' : `${(refusedAt - deletedAt).toFixed(0)} ms later`}`,
      ].join('\n'),
    );

    // Before the stop, everything worked (apart from the limit refusals the limit loops cause on purpose).
    expect(load.filter((s) => s.end < stopStart && s.outcome === 'failed').map((s) => `${at(s)}: ${s.status} ${s.body}`)).toEqual([]);

    // No 500, no hang, no internals, at any time. (On failure, the processes' error log says why.)
    const errorLog = procs
      .flatMap((proc) => proc.output.split('\n').map((line) => [proc.name, line]))
      .filter(([, line]) => line.includes('"level":50'))
      .map(([name, line]) => `${name} ${line.slice(0, 600)}`)
      .join('\n');
    expect(
      samples.filter((s) => s.status === 500 || s.status === 0).map((s) => `${at(s)}: ${s.status} ${s.body.slice(0, 300)}`),
      errorLog,
    ).toEqual([]);
    expect(samples.filter((s) => s.outcome !== 'ok' && leak.test(s.body)).map((s) => `${at(s)}: ${s.body.slice(0, 300)}`)).toEqual([]);
    const slow = samples.filter((s) => overlapsOutage(s) && s.end - s.start > FAIL_FAST_MS);
    expect(slow.map((s) => `${at(s)} took ${(s.end - s.start).toFixed(0)} ms`)).toEqual([]);

    // Every failure is a clear "service unavailable" in the shape of its endpoint.
    const wrongShape = (s: Sample): string | null => {
      let body: any = null;
      try {
        body = JSON.parse(s.body);
      } catch {
        return 'not JSON';
      }
      if (s.kind === 'token' || s.kind === 'revocation') {
        if (s.status !== 503 || body.error !== 'temporarily_unavailable' || !UNAVAILABLE_MESSAGE.test(body.error_description ?? ''))
          return 'not 503 temporarily_unavailable';
        return null;
      }
      if (s.kind === 'login') {
        return s.status === 503 && body.error === 'service_unavailable' && UNAVAILABLE_MESSAGE.test(body.message ?? '')
          ? null
          : 'not 503 service_unavailable';
      }
      // GraphQL: the documented code for an unavailable service, with the person-readable message; the HTTP status is
      // 200 when the failure came from a resolver (GraphQL over HTTP), 503 when the request could not start at all.
      const errors: any[] = body.errors ?? [];
      const clear =
        errors.length > 0 && errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && UNAVAILABLE_MESSAGE.test(e.message));
      return clear && (s.status === 200 || s.status === 503) ? null : 'not SERVICE_UNAVAILABLE';
    };
    // (The revocation check's secret is refused on purpose once it is deleted; the steady-state check comes later still.)
    const refusedOnPurpose = (s: Sample) => s.kind === 'revocation' && s.status === 401 && s.start >= (revocation.deleteSent ?? Number.NaN);
    const failures = samples.filter((s) => s.kind !== 'readyz' && s.outcome === 'failed' && !refusedOnPurpose(s));
    expect(
      failures.map((s) => [at(s), wrongShape(s), s.status, s.body.slice(0, 300)]).filter(([, wrong]) => wrong),
      errorLog,
    ).toEqual([]);

    // Failures only while PostgreSQL is down or within the recovery time; none once that has passed.
    expect(failures.filter((s) => s.start > upAt + RECOVERY_MS).map((s) => `${at(s)}: ${s.status} ${s.body}`)).toEqual([]);

    // Fail closed: no token is issued from the cache once the invalidation connection is gone.
    const cachedTokens = samples.filter(
      (s) => (s.kind === 'token' || s.kind === 'revocation') && s.outcome === 'ok' && s.start > stopDone + 250 && s.end < startBegin,
    );
    expect(cachedTokens.map(at)).toEqual([]);

    // /readyz: not ready within a couple of seconds of the stop, answered promptly, and ready again after.
    for (const proc of procs) {
      const mine = readyz.filter((s) => s.proc === proc.name);
      const down = mine.filter((s) => s.start >= stopDone && s.end <= startBegin);
      expect(down.length).toBeGreaterThan(10);
      expect(down.filter((s) => s.status !== 503 || s.end - s.start > READYZ_NOTICE_MS).map((s) => `${at(s)}: ${s.status}`)).toEqual([]);
      expect(down.every((s) => JSON.parse(s.body).status === 'not_ready')).toBe(true);
      expect(mine.filter((s) => s.start > upAt + RECOVERY_MS && s.status !== 200).map(at)).toEqual([]);
    }

    expect(Object.entries(recovery).filter(([, ms]) => ms > RECOVERY_MS)).toEqual([]);

    // The secret deleted through A right after the restart is refused by B within 1 s: B's LISTEN came back.
    if (deleteSent === null || deletedAt === null)
      throw new Error(`A could not delete a secret within ${RECOVERY_MS * 2} ms of PostgreSQL's restart`);
    const acceptedAfterDelete = samples.filter((s) => s.kind === 'revocation' && s.outcome === 'ok' && s.start > deletedAt + REVOCATION_MS);
    expect(acceptedAfterDelete.map(at)).toEqual([]);
    expect(refusedAt).not.toBeNull();
    expect((refusedAt as number) - deletedAt).toBeLessThan(REVOCATION_MS);

    // And in steady state after the outage, as in oauth-processes.test.ts.
    const fresh = await clientWithSecret('Outage afterwards');
    expect((await token('revocation', B, fresh.clientId, fresh.secret)).status).toBe(200);
    await setup(DELETE_CREDENTIAL, { id: fresh.secretId });
    const deletedFresh = now();
    const refusedFresh = await vi
      .waitFor(async () => expect((await token('revocation', B, fresh.clientId, fresh.secret)).status).toBe(401), {
        timeout: 3000,
        interval: 20,
      })
      .then(
        () => now() - deletedFresh,
        () => Number.POSITIVE_INFINITY,
      );
    expect(refusedFresh).toBeLessThan(REVOCATION_MS);

    // Invariants, read straight from the database.
    const db = new pg.Client({ connectionString: postgres.url('keyward') });
    await db.connect();
    try {
      const query = async <R = any>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as R[];
      const clients = await query<{ id: string; name: string; tenant_id: string }>('select id, name, tenant_id from api_client');
      const credentials = await query(
        `select c.id, c.api_client_id, c.type, c.description, c.secret_hash, c.cert_serial, c.cert_thumbprint, c.cert_subject,
                c.cert_not_before, c.cert_not_after from credential c`,
      );
      const audit = await query<{ action: string; target_id: string; api_client_id: string | null; changes: any }>(
        'select action, target_id, api_client_id, changes from audit_event',
      );
      const audited = (action: string, id: string) => audit.filter((e) => e.action === action && e.target_id === id).length;
      const clientIds = new Set(clients.map((c) => c.id));
      const credentialIds = new Set(credentials.map((c) => c.id));

      // No client or credential without its creation audit event; nothing gone without its deletion event.
      expect(clients.filter((c) => audited('client.created', c.id) !== 1).map((c) => c.name)).toEqual([]);
      expect(
        credentials
          .filter((c) => audited('credential.created', c.id) + audited('credential.rotated', c.id) !== 1)
          .map((c) => c.description),
      ).toEqual([]);
      expect(
        audit.filter((e) => e.action === 'client.created' && !clientIds.has(e.target_id) && audited('client.deleted', e.target_id) !== 1),
      ).toEqual([]);
      expect(
        audit.filter(
          (e) =>
            e.action === 'credential.created' &&
            !credentialIds.has(e.target_id) &&
            !(
              audited('credential.deleted', e.target_id) === 1 ||
              (audited('credential.deleted', e.target_id) === 0 && e.api_client_id && audited('client.deleted', e.api_client_id) === 1)
            ),
        ),
      ).toEqual([]);

      // Limits held.
      const [limits] = await query<{ max_clients: number; max_credentials_per_client: number; clients: number; most: number }>(
        `select t.max_clients, t.max_credentials_per_client,
                (select count(*)::int from api_client a where a.tenant_id = t.id) as clients,
                (select coalesce(max(n), 0)::int from (select count(*) as n from credential c where c.tenant_id = t.id group by c.api_client_id) x) as most
         from tenant t where t.slug = 'default'`,
      );
      expect(limits.clients).toBeLessThanOrEqual(limits.max_clients);
      expect(limits.most).toBeLessThanOrEqual(limits.max_credentials_per_client);

      // No half-created certificate, no secret without its hash.
      const certificateFields = ['cert_serial', 'cert_thumbprint', 'cert_subject', 'cert_not_before', 'cert_not_after'];
      expect(
        credentials.filter((c) => c.type === 'CERTIFICATE' && certificateFields.some((f) => c[f] === null)).map((c) => c.description),
      ).toEqual([]);
      expect(credentials.filter((c) => c.type === 'CLIENT_SECRET' && !c.secret_hash).map((c) => c.description)).toEqual([]);

      // Each mutation that succeeded happened (and was audited once); each that failed saying nothing was changed left no
      // trace. Only one whose commit was cut off by the crash may have gone either way, and its answer says so.
      expect(mutations.filter((m) => inDoubt(m.sample) && !overlapsStop(m.sample)).map((m) => at(m.sample))).toEqual([]);
      const deleted = new Set<string>();
      const maybeDeleted = new Set<string>();
      for (const m of mutations) {
        if (m.op !== 'deleteCredential' && m.op !== 'deleteApiClient') continue;
        if (m.sample.outcome === 'ok') deleted.add(m.id as string);
        else if (inDoubt(m.sample) || m.sample.outcome === 'refused') maybeDeleted.add(m.id as string);
      }
      const wrong: string[] = [];
      const withDescription = (name: string) =>
        audit.filter((e) => e.changes?.description?.to === name || e.changes?.name?.to === name).length;
      for (const m of mutations) {
        const { outcome } = m.sample;
        const label = `${m.op} ${m.name ?? m.id} (${outcome}, ${at(m.sample)})`;
        if (inDoubt(m.sample)) continue;
        if (m.op === 'createApiClient' || m.op === 'createClientSecret' || m.op === 'createCertificate') {
          const stored =
            m.op === 'createApiClient' ? clients.some((c) => c.name === m.name) : credentials.some((c) => c.description === m.name);
          if (outcome === 'ok') {
            const action = m.op === 'createApiClient' ? 'client.created' : 'credential.created';
            if (audited(action, m.id as string) !== 1) wrong.push(`${label}: not audited once`);
            const gone = [m.id, m.apiClientId].some((id) => id && deleted.has(id));
            const unsure = [m.id, m.apiClientId].some((id) => id && maybeDeleted.has(id));
            if (!unsure && stored === gone) wrong.push(`${label}: ${stored ? 'still stored after its deletion' : 'not stored'}`);
          } else if (outcome === 'failed' && (stored || withDescription(m.name as string) > 0)) {
            wrong.push(`${label}: failed but stored or audited`);
          }
        } else if (outcome === 'ok') {
          const action = m.op === 'deleteApiClient' ? 'client.deleted' : 'credential.deleted';
          if (audited(action, m.id as string) !== 1) wrong.push(`${label}: not audited once`);
          if ((m.op === 'deleteApiClient' ? clientIds : credentialIds).has(m.id as string)) wrong.push(`${label}: still stored`);
        } else if (outcome === 'failed') {
          const removedLater = [m.id, m.apiClientId].some((id) => id && (deleted.has(id) || maybeDeleted.has(id)));
          const stored = (m.op === 'deleteApiClient' ? clientIds : credentialIds).has(m.id as string);
          if (!removedLater && !stored) wrong.push(`${label}: failed but deleted`);
        }
      }
      expect(wrong).toEqual([]);
      const savedInDoubt = mutations.filter(
        (m) =>
          inDoubt(m.sample) &&
          (m.op === 'createApiClient'
            ? clients.some((c) => c.name === m.name)
            : m.op === 'createClientSecret' || m.op === 'createCertificate'
              ? withDescription(m.name as string) > 0
              : !(m.op === 'deleteApiClient' ? clientIds : credentialIds).has(m.id as string)),
      ).length;

      // Agenda is live again: reminders (every credential here expires in 30 days, so is due at once) are sent after the
      // restart. Usually within seconds; a job that was running (or failed) at the crash waits out its lock lifetime or
      // its first retry delay (30 s each), then Agenda's next poll (every 10 s) and the scan interval: up to ~45 s
      // (one CI run measured 35.9 s), so the wait is 60 s.
      const remindersSince = async () =>
        (
          await query<{ reminders: number; first: Date | null }>(
            "select count(*)::int as reminders, min(occurred_at) as first from audit_event where action = 'reminder.sent' and occurred_at > $1",
            [upAtWallClock],
          )
        )[0];
      const sentAgain = await vi.waitFor(
        async () => {
          const since = await remindersSince();
          expect(since.reminders, 'reminder.sent events since PostgreSQL came back').toBeGreaterThan(0);
          return since;
        },
        // 60 s from the restart, and at least one more look.
        { timeout: Math.max(1000, upAtWallClock.getTime() + 60_000 - Date.now()), interval: 500 },
      );

      // The audit hash chain is intact after the crash.
      const verify = await execFileAsync(process.execPath, [join(import.meta.dirname, '../../dist/server/cli.js'), 'audit', 'verify'], {
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: postgres.url('keyward'), KEYWARD_DATA_DIR: dataDir },
      });
      expect(verify.stdout).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);
      expect(verify.stdout).not.toMatch(/BROKEN/);
      console.info(
        `  after the outage: a deleted secret refused by the other process in ${refusedFresh.toFixed(0)} ms; first reminder sent ${(sentAgain.first as Date).getTime() - upAtWallClock.getTime()} ms after the restart; ${mutations.length} mutations, ${mutations.filter((m) => inDoubt(m.sample)).length} answered "may or may not have been saved" (commit cut off by the crash), ${savedInDoubt} of which were saved`,
      );
    } finally {
      await db.end();
    }
  }, 120_000);
});
