// npm run soak — ten minutes of mixed load on one Keyward process (issue #8): requests, errors, latency and memory.
//
// Starts `node dist/server/start.cjs` (NODE_ENV=production, LOG_LEVEL=warn, one process) on the throw-away PostgreSQL
// database `keyward_soak`, signs in as the bootstrap admin and creates, over GraphQL, the API clients the load uses. Then
// SOAK_CONNECTIONS loops run at once, each sending its next request as soon as the previous one is answered, each time
// picking one of (weights in MIX below):
//   - a token request (client_secret_basic), and introspection of a recent token by a gateway client;
//   - GraphQL reads: a page of API clients, one client with its credentials, a page of the audit trail;
//   - a GraphQL write cycle: create a client and a secret, get a token with it, rotate the secret, delete the old
//     credential, get a token with the new one, delete the client, and see that secret refused — so the database
//     holds the same clients at the end as at the start (only the audit trail grows, as it must);
//   - JWKS and discovery documents;
// and, every LOGIN_EVERY_MS, one sign-in with a GraphQL request on the new session and a sign-out.
// Every answer is checked: an HTTP status other than the expected one, a GraphQL error, a token answer without a token,
// an introspection that is not active, or a network error counts as an error of its request type.
// Keyward's RSS (/proc/<pid>/status VmRSS) and V8 heap (its /metrics) are sampled every few seconds. Warm-up and window
// are 30 s, or 10 % of a shorter run: "start" is the average over the window right after the warm-up, "end" over the last
// window. Prints Markdown; a full-length run (SOAK_SECONDS ≥ 600) also writes bench/RESULTS-soak.md. Exit code 1 on MISS.
//
// Targets: zero errors (failed requests, and error lines in Keyward's log), and RSS growth from start to end under 10 %.
//
// Env: SOAK_SECONDS (600), SOAK_CONNECTIONS (16),
//      BENCH_PG_URL (postgres://postgres@127.0.0.1:5432) — the server that gets the throw-away `keyward_soak` database.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgAdmin, pgBase } from './postgres.mjs';
import { cpuBusyBefore, freePort, graphqlAs, markdownTable, positiveNumber, signIn } from './support.mjs';

const HOST = '127.0.0.1';
const DATABASE = 'keyward_soak';
const ADMIN_EMAIL = 'admin@example.com';
const FULL_LENGTH_SECONDS = 600;
/** Clock ticks a second in /proc/<pid>/stat on Linux. */
const USER_HZ = 100;
/** A sign-in hashes a password (argon2id, tens of milliseconds of CPU): "occasionally", not a share of the mix. */
const LOGIN_EVERY_MS = 2000;
/** Write cycles in flight at once, so the tenant's 20-client limit is never what refuses one. */
const MAX_WRITE_CYCLES = 4;
/** What each loop picks from, by weight. */
const MIX = [
  ['token', 40],
  ['introspect', 15],
  ['apiClients', 10],
  ['apiClient', 8],
  ['auditEvents', 5],
  ['writeCycle', 4],
  ['jwks', 3],
  ['discovery', 3],
];
/** The request types of the report, in its order: [key, what is sent]. */
const TYPES = [
  ['token', 'POST /oauth2/token, client_secret_basic'],
  ['introspect', 'POST /oauth2/introspect'],
  ['apiClients', 'GraphQL apiClients (first 20)'],
  ['apiClient', 'GraphQL apiClient with credentials'],
  ['auditEvents', 'GraphQL auditEvents (first 20)'],
  ['createApiClient', 'GraphQL createApiClient'],
  ['createClientSecret', 'GraphQL createClientSecret'],
  ['rotateClientSecret', 'GraphQL rotateClientSecret'],
  ['deleteCredential', 'GraphQL deleteCredential'],
  ['deleteApiClient', 'GraphQL deleteApiClient'],
  ['tokenNewSecret', 'POST /oauth2/token, a new or rotated secret'],
  ['tokenDeletedClient', 'POST /oauth2/token, deleted client (401 expected)'],
  ['jwks', 'GET /oauth2/jwks'],
  ['discovery', 'GET /.well-known/oauth-authorization-server'],
  ['login', 'POST /auth/login'],
  ['viewer', 'GraphQL viewer, new session'],
  ['logout', 'POST /auth/logout'],
];

const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const CREATE_SECRET = `mutation($id: ID!, $e: DateTimeISO!) {
  createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } }
}`;
const ROTATE = `mutation($id: ID!, $e: DateTimeISO!) {
  rotateClientSecret(id: $id, input: { expiresAt: $e, gracePeriodHours: 0 }) { secret credential { id } previous { id } }
}`;
const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';
const DELETE_CLIENT = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
const API_CLIENTS = `{ apiClients(first: 20) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { node { id clientId name enabled credentialCount nearestExpiry lastUsedAt scopes { name } } }
} }`;
const API_CLIENT = `query($id: ID!) { apiClient(id: $id) {
  id clientId name contactEmails scopes { name } credentials { id type status expiresAt secretHint lastUsedAt replacedById }
} }`;
const AUDIT_EVENTS = `{ auditEvents(first: 20) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { node { id occurredAt action actor { type displayName } target { type name } changes { field from to } } }
} }`;

await main();

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const seconds = positiveNumber('SOAK_SECONDS', FULL_LENGTH_SECONDS);
  const connections = Math.round(positiveNumber('SOAK_CONNECTIONS', 16));
  const window = Math.min(30, seconds / 10);
  const sampleSeconds = Math.max(1, Math.min(5, window / 3));
  const mainJs = join(root, 'dist/server/start.cjs');
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing — run \`npm run build:server\` first (npm run soak does)`);

  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-soak-'));
  let child = null;
  let databaseCreated = false;
  let cleaningUp = false;
  async function cleanup() {
    if (cleaningUp) return;
    cleaningUp = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await child.exited;
      clearTimeout(timer);
    }
    if (databaseCreated)
      await pgAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch((e) =>
        console.error(`could not drop ${DATABASE}: ${e.message}`),
      );
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping Keyward…`);
      cleanup().finally(() => process.exit(130));
    });
  }

  let report;
  let passed = false;
  try {
    const busyBefore = await cpuBusyBefore();
    await pgAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await pgAdmin(`CREATE DATABASE ${DATABASE}`);
    databaseCreated = true;
    const port = await freePort();
    const url = `http://${HOST}:${port}`;
    const adminPassword = `soak-${randomBytes(12).toString('base64url')}`;
    console.error(`▶ Keyward: starting on ${url} (database ${DATABASE})…`);
    child = spawn(process.execPath, [mainJs], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: `${pgBase}/${DATABASE}`,
        PORT: String(port),
        HOST,
        KEYWARD_PUBLIC_URL: url,
        KEYWARD_MTLS_PORT: '0',
        KEYWARD_DATA_DIR: dataDir,
        KEYWARD_ADMIN_PASSWORD: adminPassword,
        KEYWARD_MASTER_KEY: randomBytes(32).toString('base64'),
        KEYWARD_WORKERS: '1',
        // All of the load comes from 127.0.0.1, and each write cycle makes one refused token request on purpose.
        KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '100000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const serverLog = watchLog(child);
    child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await waitReady(url, child, serverLog);

    const setup = await provision(url, adminPassword);
    console.error(`  ✓ signed in, created the clients "${setup.tokenClientId}" and "${setup.gatewayClientId}"`);
    const result = await runLoad({ url, pid: child.pid, setup, adminPassword, seconds, connections, window, sampleSeconds, serverLog });
    const stopped = Date.now();
    child.kill('SIGTERM');
    const exit = await child.exited;
    result.shutdown = { ...exit, ms: Date.now() - stopped };
    report = formatReport({ ...result, seconds, connections, window, sampleSeconds, serverLog, busyBefore });
    passed = report.passed;
  } finally {
    await cleanup();
  }
  console.log(report.text);
  if (seconds >= FULL_LENGTH_SECONDS) {
    writeFileSync(join(root, 'bench/RESULTS-soak.md'), `${report.text}\n`);
    console.error('\n(written to bench/RESULTS-soak.md)');
  } else {
    console.error(`\n(a run shorter than ${FULL_LENGTH_SECONDS} s: bench/RESULTS-soak.md left as it was)`);
  }
  process.exit(passed ? 0 : 1);
}

/** Keeps Keyward's output: the tail for start-up errors, and every line at level warn or above for the report. */
function watchLog(child) {
  const log = { tail: '', warnings: 0, errors: 0, samples: [] };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const text = partial + chunk.toString();
      log.tail = (log.tail + chunk.toString()).slice(-4000);
      const lines = text.split('\n');
      partial = lines.pop();
      for (const line of lines) {
        if (!line.trim()) continue;
        let level = 50;
        let msg = line;
        try {
          const parsed = JSON.parse(line);
          level = parsed.level ?? 30;
          msg = parsed.err?.message ? `${parsed.msg}: ${parsed.err.message}` : parsed.msg;
        } catch {
          // Not a log line: Node's own warnings are warnings, anything else (a crash on stderr) an error.
          if (/^\(node:\d+\) \w*Warning/.test(line)) level = 40;
        }
        if (level >= 50) log.errors++;
        else if (level >= 40) log.warnings++;
        else continue;
        if (log.samples.length < 5) log.samples.push(`${level >= 50 ? 'error' : 'warn'}: ${String(msg).slice(0, 200)}`);
      }
    });
  }
  return log;
}

async function waitReady(url, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Keyward exited with code ${child.exitCode} while starting:\n${log.tail}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`Keyward did not answer GET /readyz 200 within 60 s:\n${log.tail}`);
}

/** The admin's session, a client for token requests and a gateway client for introspection, each with a secret. */
async function provision(url, adminPassword) {
  const { status, cookie } = await signIn(url, ADMIN_EMAIL, adminPassword);
  if (status !== 200 || !cookie) throw new Error(`POST /auth/login: HTTP ${status}`);
  const graphql = graphqlAs(url, cookie);
  const client = async (name, identifier, scopes) => {
    const { createApiClient } = await graphql(CREATE_CLIENT, { input: { name, identifier, contactEmails: ['soak@example.com'], scopes } });
    const { createClientSecret } = await graphql(CREATE_SECRET, { id: createApiClient.id, e: inDays(60) });
    return {
      id: createApiClient.id,
      clientId: createApiClient.clientId,
      authorization: basic(createApiClient.clientId, createClientSecret.secret),
    };
  };
  const tokens = await client('Soak token client', 'soak-tokens', ['orders:read']);
  const gateway = await client('Soak gateway', 'soak-gateway', ['keyward:tokens.introspect']);
  return { cookie, tokens, gateway, tokenClientId: tokens.clientId, gatewayClientId: gateway.clientId };
}

async function runLoad({ url, pid, setup, adminPassword, seconds, connections, window, sampleSeconds, serverLog }) {
  const stats = Object.fromEntries(
    TYPES.map(([key]) => [key, { count: 0, errors: 0, latencies: new Float64Array(1024), messages: new Map() }]),
  );
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let stopping = false;
  let latestToken = null;
  let writeCycles = 0;
  let cycleNumber = 0;
  let nextLogin = 0;

  function record(type, ms, error) {
    const s = stats[type];
    if (s.count === s.latencies.length) {
      const grown = new Float64Array(s.latencies.length * 2);
      grown.set(s.latencies);
      s.latencies = grown;
    }
    s.latencies[s.count++] = ms;
    if (error) {
      s.errors++;
      s.messages.set(error, (s.messages.get(error) ?? 0) + 1);
    }
  }

  /**
   * One request, timed and checked: `check(status, body)` returns null when the answer is the expected one, else what
   * was wrong. Returns the parsed body (or null when the request failed).
   */
  async function send(type, path, { method = 'POST', headers = {}, body, expect = 200, check = () => null } = {}) {
    const t0 = performance.now();
    let error = null;
    let parsed = null;
    try {
      const response = await fetch(`${url}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      if (response.status !== expect) error = `HTTP ${response.status} (expected ${expect}): ${String(text).slice(0, 160)}`;
      else error = check(parsed, response);
    } catch (caught) {
      error = `${caught.name}: ${caught.message}`;
    }
    record(type, performance.now() - t0, error);
    return error ? null : parsed;
  }

  const graphql = (type, query, variables, cookie = setup.cookie) =>
    send(type, '/graphql', {
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
      check: (json) =>
        json?.errors?.length ? `GraphQL ${json.errors[0].extensions?.code}: ${json.errors[0].message}` : json?.data ? null : 'no data',
    }).then((json) => json?.data ?? null);

  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const hasToken = (json) =>
    typeof json?.access_token === 'string' && json.access_token.split('.').length === 3 ? null : 'no access token in the answer';
  const token = (type, authorization, expect = 200) =>
    send(type, '/oauth2/token', {
      headers: { ...form, authorization },
      body: 'grant_type=client_credentials',
      expect,
      check:
        expect === 200
          ? hasToken
          : (json) => (json?.error === 'invalid_client' ? null : `expected invalid_client, got ${JSON.stringify(json)}`),
    });

  async function writeCycle() {
    writeCycles++;
    try {
      const n = ++cycleNumber;
      const created = await graphql('createApiClient', CREATE_CLIENT, {
        input: { name: `Soak cycle ${n}`, contactEmails: ['soak@example.com'], scopes: ['orders:read'] },
      });
      if (!created) return;
      const { id, clientId } = created.createApiClient;
      let deleted = false;
      try {
        const secret = await graphql('createClientSecret', CREATE_SECRET, { id, e: inDays(90) });
        if (!secret) return;
        await token('tokenNewSecret', basic(clientId, secret.createClientSecret.secret));
        const rotated = await graphql('rotateClientSecret', ROTATE, { id: secret.createClientSecret.credential.id, e: inDays(90) });
        if (!rotated) return;
        await graphql('deleteCredential', DELETE_CREDENTIAL, { id: rotated.rotateClientSecret.previous.id });
        const current = basic(clientId, rotated.rotateClientSecret.secret);
        await token('tokenNewSecret', current);
        deleted = Boolean(await graphql('deleteApiClient', DELETE_CLIENT, { id }));
        // docs/concepts.md#api-clients: deleting a client invalidates its secrets at once.
        if (deleted) await token('tokenDeletedClient', current, 401);
      } finally {
        // A cycle cut short by an error (already counted) still removes its client, so the tenant never fills up.
        if (!deleted) {
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: setup.cookie },
            body: JSON.stringify({ query: DELETE_CLIENT, variables: { id } }),
          }).then(
            (response) => response.arrayBuffer(),
            () => undefined,
          );
        }
      }
    } finally {
      writeCycles--;
    }
  }

  async function signInAndOut() {
    const t0 = performance.now();
    let session = null;
    try {
      session = await signIn(url, ADMIN_EMAIL, adminPassword);
      record('login', performance.now() - t0, session.status === 200 && session.cookie ? null : `HTTP ${session.status}`);
    } catch (caught) {
      record('login', performance.now() - t0, `${caught.name}: ${caught.message}`);
    }
    if (!session?.cookie) return;
    await graphql('viewer', '{ viewer { actor { displayName } permissions } }', {}, session.cookie);
    await send('logout', '/auth/logout', { headers: { cookie: session.cookie } });
  }

  const totalWeight = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  function pick() {
    let r = Math.random() * totalWeight;
    for (const [name, weight] of MIX) {
      r -= weight;
      if (r < 0) return name;
    }
    return MIX[0][0];
  }

  async function loop() {
    while (!stopping) {
      if (Date.now() >= nextLogin) {
        nextLogin = Date.now() + LOGIN_EVERY_MS;
        await signInAndOut();
        continue;
      }
      let choice = pick();
      if (choice === 'writeCycle' && writeCycles >= MAX_WRITE_CYCLES) choice = 'token';
      if (choice === 'introspect' && !latestToken) choice = 'token';
      switch (choice) {
        case 'token': {
          const json = await token('token', setup.tokens.authorization);
          if (json) latestToken = json.access_token;
          break;
        }
        case 'introspect':
          await send('introspect', '/oauth2/introspect', {
            headers: { ...form, authorization: setup.gateway.authorization },
            body: new URLSearchParams({ token: latestToken }).toString(),
            check: (json) => (json?.active === true ? null : `introspection not active: ${JSON.stringify(json).slice(0, 120)}`),
          });
          break;
        case 'apiClients':
          await graphql('apiClients', API_CLIENTS, {});
          break;
        case 'apiClient':
          await graphql('apiClient', API_CLIENT, { id: setup.tokens.id });
          break;
        case 'auditEvents':
          await graphql('auditEvents', AUDIT_EVENTS, {});
          break;
        case 'writeCycle':
          await writeCycle();
          break;
        case 'jwks':
          await send('jwks', '/oauth2/jwks', { method: 'GET', check: (json) => (json?.keys?.length ? null : 'no keys') });
          break;
        case 'discovery':
          await send('discovery', '/.well-known/oauth-authorization-server', {
            method: 'GET',
            check: (json) => (json?.token_endpoint ? null : 'no token_endpoint'),
          });
          break;
      }
    }
  }

  // Memory: Keyward's RSS from /proc, and its V8 heap from its own /metrics (not counted as load).
  const samples = [];
  const cpuStart = cpuSnapshot(pid);
  async function sample() {
    const at = elapsed();
    const rssMiB = readRssMiB(pid);
    let heapMiB = null;
    try {
      const metrics = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
      const used = /^keyward_nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1];
      heapMiB = used ? Number(used) / 2 ** 20 : null;
    } catch {
      // a missed heap sample; RSS is what the target reads
    }
    const requests = Object.values(stats).reduce((sum, s) => sum + s.count, 0);
    const errors = Object.values(stats).reduce((sum, s) => sum + s.errors, 0);
    samples.push({ at, rssMiB, heapMiB, requests, errors });
  }

  console.error(
    `  ${connections} loops for ${seconds} s (warm-up and window ${window} s, memory every ${sampleSeconds} s); progress every ${Math.max(window, 10)} s…`,
  );
  await sample();
  const sampler = setInterval(() => void sample(), sampleSeconds * 1000);
  let lastProgress = 0;
  const progress = setInterval(() => {
    const last = samples.at(-1);
    if (!last || last.at - lastProgress < 1) return;
    lastProgress = last.at;
    console.error(
      `  ${last.at.toFixed(0).padStart(4)} s: ${last.requests} requests, ${last.errors} errors, RSS ${last.rssMiB?.toFixed(1)} MiB, heap ${last.heapMiB?.toFixed(1) ?? '?'} MiB, server warn/error lines ${serverLog.warnings}/${serverLog.errors}`,
    );
  }, Math.max(window, 10) * 1000);
  const loops = Array.from({ length: connections }, () => loop());
  await sleep(seconds * 1000);
  stopping = true;
  const loadSeconds = elapsed();
  await Promise.all(loops);
  clearInterval(sampler);
  clearInterval(progress);
  return { stats, samples, loadSeconds, cpu: cpuUsage(cpuStart, cpuSnapshot(pid)) };
}

function formatReport({ stats, samples, loadSeconds, cpu, seconds, connections, window, sampleSeconds, serverLog, shutdown, busyBefore }) {
  const cpuInfo = cpus();
  const average = (list) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : Number.NaN);
  const inRange = (from, to) => samples.filter((s) => s.at >= from && s.at <= to && Number.isFinite(s.rssMiB));
  const startSamples = inRange(window, 2 * window);
  const endSamples = inRange(seconds - window, seconds);
  const rssStart = average(startSamples.map((s) => s.rssMiB));
  const rssEnd = average(endSamples.map((s) => s.rssMiB));
  const heapStart = average(startSamples.map((s) => s.heapMiB).filter(Number.isFinite));
  const heapEnd = average(endSamples.map((s) => s.heapMiB).filter(Number.isFinite));
  const growth = (100 * (rssEnd - rssStart)) / rssStart;
  const percent = (v) => (Number.isFinite(v) ? `${v.toFixed(2)} %` : '–');
  const rssAll = samples.map((s) => s.rssMiB).filter(Number.isFinite);
  const mib = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');

  const rows = [];
  let totalCount = 0;
  let totalErrors = 0;
  for (const [key, label] of TYPES) {
    const s = stats[key];
    totalCount += s.count;
    totalErrors += s.errors;
    const sorted = s.latencies.subarray(0, s.count).sort();
    const at = (q) => (s.count ? sorted[Math.min(s.count - 1, Math.ceil(q * s.count) - 1)] : Number.NaN);
    rows.push([
      label,
      String(s.count),
      (s.count / loadSeconds).toFixed(1),
      s.errors ? `**${s.errors}**` : '0',
      ms(at(0.5)),
      ms(at(0.99)),
      ms(at(1)),
    ]);
  }
  rows.push([
    '**all**',
    `**${totalCount}**`,
    `**${(totalCount / loadSeconds).toFixed(0)}**`,
    totalErrors ? `**${totalErrors}**` : '**0**',
    '',
    '',
    '',
  ]);

  const errorsTotal = totalErrors + serverLog.errors;
  const zeroErrors = errorsTotal === 0;
  const memoryOk = Number.isFinite(growth) && growth < 10;
  const lines = [`## Soak run — ${new Date().toISOString()}`, ''];
  lines.push(
    `Machine: ${cpuInfo.length} × ${cpuInfo[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${process.platform}/${process.arch}. ` +
      `CPU busy in the second before the run: ${busyBefore === null ? 'unknown' : `${busyBefore.toFixed(0)} %`}${busyBefore > 15 ? ' — ⚠ something else was using the CPU' : ''}.`,
    '',
    `Keyward: \`node dist/server/start.cjs\`, one process, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, PostgreSQL database \`${DATABASE}\` (${pgBase.replace(/\/\/[^@/]*@/, '//')}). ` +
      `Load: ${connections} loops in the soak process (node fetch), each sending its next request when the previous one is answered, for ${seconds} s ` +
      `(${loadSeconds.toFixed(0)} s measured); a sign-in and sign-out every ${LOGIN_EVERY_MS / 1000} s; at most ${MAX_WRITE_CYCLES} write cycles at once. ` +
      `Latencies are over every request of the run, warm-up included.`,
    '',
    ...markdownTable(
      ['request', 'count', 'req/s', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows,
    ),
    '',
  );
  const failing = TYPES.filter(([key]) => stats[key].errors > 0);
  if (failing.length) {
    lines.push('Errors (the most frequent kinds per request type):', '');
    for (const [key, label] of failing) {
      const kinds = [...stats[key].messages].sort((a, b) => b[1] - a[1]).slice(0, 3);
      for (const [message, count] of kinds) lines.push(`- ${label}: ${count} × ${message.replaceAll('|', '\\|')}`);
    }
    lines.push('');
  }
  lines.push(
    `Keyward's log (level warn and above): ${serverLog.errors} error lines, ${serverLog.warnings} warnings${serverLog.samples.length ? ` — first: ${serverLog.samples.map((s) => `\`${s.replaceAll('`', "'")}\``).join('; ')}` : ''}.`,
    cpu
      ? `CPU over the run, in % of one core (the machine has ${cpuInfo.length}): Keyward ${cpu.keyward.toFixed(0)} %, the soak process ${cpu.soak.toFixed(0)} %, everything else ${cpu.other.toFixed(0)} % (PostgreSQL included)${cpu.other > 50 ? ' — ⚠ other processes were busy; latencies and req/s are not representative' : ''}.`
      : 'CPU over the run: unknown (no /proc).',
    `Keyward stopped on SIGTERM in ${shutdown ? `${shutdown.ms} ms (exit code ${shutdown.code ?? shutdown.signal})` : 'n/a'}.`,
    '',
    `Memory of the Keyward process (RSS from /proc/<pid>/status VmRSS, V8 heap used from its /metrics), sampled every ${sampleSeconds} s: ` +
      `warm-up ${window} s; start = average over ${window}–${2 * window} s (${startSamples.length} samples), end = average over the last ${window} s (${endSamples.length} samples).`,
    '',
    ...markdownTable(
      ['', 'start MiB', 'end MiB', 'growth', 'min MiB', 'max MiB'],
      ['left', 'right', 'right', 'right', 'right', 'right'],
      [
        ['RSS', mib(rssStart), mib(rssEnd), percent(growth), mib(Math.min(...rssAll)), mib(Math.max(...rssAll))],
        ['V8 heap used', mib(heapStart), mib(heapEnd), percent((100 * (heapEnd - heapStart)) / heapStart), '', ''],
      ],
    ),
    '',
  );
  // A timeline of about ten rows: throughput and memory over the run.
  const step = Math.max(1, Math.round(samples.length / 10));
  const timeline = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  lines.push(
    'Over the run:',
    '',
    ...markdownTable(
      ['at s', 'req/s since the previous row', 'errors so far', 'RSS MiB', 'heap MiB'],
      ['right', 'right', 'right', 'right', 'right'],
      timeline.map((s, i) => {
        const previous = timeline[i - 1];
        const rate = previous ? (s.requests - previous.requests) / (s.at - previous.at) : Number.NaN;
        return [s.at.toFixed(0), Number.isFinite(rate) ? rate.toFixed(0) : '–', String(s.errors), mib(s.rssMiB), mib(s.heapMiB)];
      }),
    ),
    '',
    'Targets (issue #8):',
    '',
    `- Zero errors (failed requests and error lines in Keyward's log): ${totalErrors} failed requests, ${serverLog.errors} error lines → **${zeroErrors ? 'PASS' : 'MISS'}**`,
    `- RSS growth from start to end < 10 %: ${mib(rssStart)} → ${mib(rssEnd)} MiB, ${percent(growth)} → **${memoryOk ? 'PASS' : 'MISS'}**`,
  );
  if (seconds < FULL_LENGTH_SECONDS) lines.push(`- (a ${seconds} s run; the targets are for the full ${FULL_LENGTH_SECONDS} s)`);
  return { text: lines.join('\n'), passed: zeroErrors && memoryOk };
}

/** VmRSS of a process in MiB (Linux /proc), or NaN where it cannot be read. */
function readRssMiB(pid) {
  try {
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB ? Number(kB) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU ticks (Linux /proc) of the whole machine, of Keyward and of this process; null where /proc is missing. */
function cpuSnapshot(pid) {
  try {
    const processTicks = (id) => {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    const machine = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = machine[3] + (machine[4] ?? 0);
    return {
      at: performance.now(),
      busy: machine.slice(0, 8).reduce((a, b) => a + b, 0) - idle,
      keyward: processTicks(pid),
      soak: processTicks('self'),
    };
  } catch {
    return null;
  }
}

/** Busy CPU between two snapshots, in % of one core: Keyward, the soak process, and everything else (PostgreSQL included). */
function cpuUsage(start, end) {
  if (!start || !end) return null;
  const pct = (ticks) => (100 * ticks) / USER_HZ / ((end.at - start.at) / 1000);
  const keyward = pct(end.keyward - start.keyward);
  const soak = pct(end.soak - start.soak);
  return { keyward, soak, other: Math.max(0, pct(end.busy - start.busy) - keyward - soak) };
}

function basic(id, secret) {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
