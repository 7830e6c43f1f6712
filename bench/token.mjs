// npm run bench:token — OAuth 2.0 client-credentials token endpoint throughput and latency.
//
// In one run, on one machine, each target in its own child process, measured one at a time (never two at once)
// in interleaved rounds:
//   1. ceiling       — a bare Fastify route that returns a fixed token-shaped JSON (the best any Node HTTP server here can do);
//   2. oidc-provider — the certified Node OAuth server, client credentials, ES256 JWT access tokens, in-memory client;
//   3. Keyward       — `node dist/server/start.cjs`, API client and secret in a real PostgreSQL database.
// The load generator (wrk when installed, else autocannon in this process; BENCH_LOAD chooses) sends the same request to each:
//   POST /oauth2/token, `grant_type=client_credentials`, `client_secret_basic`.
// Prints a Markdown table (req/s, p50, p99, non-2xx, errors), the ratios and the targets, and writes it to
// bench/RESULTS-token.md.
//
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_WARMUP_SECONDS (2, not counted), BENCH_ROUNDS (3, interleaved),
//      BENCH_PG_URL (postgres://postgres@127.0.0.1:5432) — server that gets the throw-away `keyward_bench` database,
//      BENCH_TARGETS (ceiling,oidc-provider,Keyward) — a subset to run, e.g. `Keyward` while tuning,
//      BENCH_KEYWARD_NODE_ARGS — extra node flags for the Keyward process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/kw-prof`,
//      BENCH_KEYWARD_MAIN — another build's entry point (start.cjs) to measure instead of dist/server/start.cjs (A/B while tuning),
//      BENCH_LOAD (wrk when installed, else autocannon) — `autocannon` or `wrk` (Debian's package, one thread).
// Child mode (internal): `node bench/token.mjs --serve ceiling|oidc` with PORT in the environment.

import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgAdmin, pgBase } from './postgres.mjs';
import { cpuBusyBefore, freePort, graphqlAs, markdownTable, positiveNumber, signIn } from './support.mjs';

const HOST = '127.0.0.1';
const TOKEN_BODY = 'grant_type=client_credentials';

if (process.argv[2] === '--serve') {
  // Never outlive the bench process, even if it dies without cleaning up.
  process.on('disconnect', () => process.exit(0));
  const kind = process.argv[3];
  if (kind === 'ceiling') await serveCeiling();
  else if (kind === 'oidc') await serveOidcProvider();
  else throw new Error(`unknown target ${kind}`);
} else {
  await main();
}

// ───────────────────────────── child: ceiling ─────────────────────────────

async function serveCeiling() {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  // Accept the form body as a plain string: nothing heavy is parsed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // A fixed access token about the size of an ES256 JWT access token (~500 chars, three dot-separated parts).
  const fixedToken = `${'e'.repeat(110)}.${'p'.repeat(300)}.${'s'.repeat(86)}`;
  const payload = JSON.stringify({ access_token: fixedToken, token_type: 'Bearer', expires_in: 3600 });
  app.post('/oauth2/token', (_request, reply) => {
    reply.header('cache-control', 'no-store').header('content-type', 'application/json; charset=utf-8').send(payload);
  });
  await app.listen({ port: Number(process.env.PORT), host: HOST });
  process.send?.({ ready: true });
}

// ─────────────────────────── child: oidc-provider ───────────────────────────

async function serveOidcProvider() {
  const { generateKeyPairSync } = await import('node:crypto');
  const { default: Provider } = await import('oidc-provider');
  const port = Number(process.env.PORT);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'bench-es256' };
  const audience = 'https://api.example.com/orders';
  const provider = new Provider(`http://${HOST}:${port}`, {
    clients: [
      {
        client_id: 'bench',
        client_secret: process.env.OIDC_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'orders:read',
      },
    ],
    jwks: { keys: [jwk] },
    // The only signing key is ES256, so client metadata must default to it (the library default is RS256).
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    scopes: ['orders:read'],
    routes: { token: '/oauth2/token' },
    ttl: { ClientCredentials: 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'orders:read',
          audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  const { createServer: createHttpServer } = await import('node:http');
  const server = createHttpServer(provider.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  process.send?.({ ready: true });
}

// ─────────────────────────────── parent ───────────────────────────────

/** What server/start.cts sets when UV_THREADPOOL_SIZE is unset: one thread per core, between 2 and 4. */
function keywardThreadPoolSize() {
  return String(Math.min(4, Math.max(2, availableParallelism())));
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const seconds = positiveNumber('BENCH_SECONDS', 10);
  const connections = positiveNumber('BENCH_CONNECTIONS', 32);
  const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
  const rounds = positiveNumber('BENCH_ROUNDS', 3);
  const only = new Set((process.env.BENCH_TARGETS ?? 'ceiling,oidc-provider,Keyward').split(',').map((t) => t.trim()));
  const keywardNodeArgs = (process.env.BENCH_KEYWARD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const loadBefore = await cpuBusyBefore();
  // wrk when it is installed: it needs about half of autocannon's CPU for the same load, and on two cores the
  // load generator's CPU is taken from the targets — the faster the target, the more (bench/README.md).
  const loadGenerator = process.env.BENCH_LOAD ?? (onPath('wrk') ? 'wrk' : 'autocannon');
  if (!['autocannon', 'wrk'].includes(loadGenerator)) throw new Error(`BENCH_LOAD must be autocannon or wrk; it is "${loadGenerator}"`);
  if (loadGenerator === 'wrk' && !onPath('wrk')) throw new Error('BENCH_LOAD=wrk needs wrk: apt-get install -y wrk');
  if (!process.env.BENCH_LOAD && loadGenerator === 'autocannon')
    console.log('  note: wrk is not installed (apt-get install -y wrk), so autocannon drives the load; see bench/README.md');
  const { default: autocannon } = await import('autocannon');

  /** Every child we start, so that any exit path (normal, error, SIGINT) can stop them. */
  const children = new Set();
  let benchDbCreated = false;
  let cleaningUp = false;

  async function cleanup() {
    if (cleaningUp) return;
    cleaningUp = true;
    await Promise.all([...children].map((child) => stopChild(child)));
    if (benchDbCreated) await dropBenchDatabase().catch((error) => console.error(`could not drop keyward_bench: ${error.message}`));
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the targets…`);
      cleanup().finally(() => process.exit(130));
    });
  }

  async function dropBenchDatabase() {
    await pgAdmin('DROP DATABASE IF EXISTS keyward_bench WITH (FORCE)');
    benchDbCreated = false;
  }

  function track(child, label) {
    children.add(child);
    // Keep the tail of its output for error messages (and drain the pipes so the child never blocks on them).
    child.outputTail = '';
    const keep = (chunk) => {
      child.outputTail = (child.outputTail + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.label = label;
    child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.exited.then(() => children.delete(child));
    return child;
  }

  async function stopChild(child) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await child.exited;
    clearTimeout(timer);
  }

  async function startSelf(kind, env) {
    const port = await freePort();
    const child = track(
      fork(fileURLToPath(import.meta.url), ['--serve', kind], {
        // The same thread-pool size Keyward gives itself (server/start.cts): oidc-provider signs on that pool
        // too (WebCrypto), and it is ~5 % faster with it here, so the comparison does not favour Keyward.
        env: { UV_THREADPOOL_SIZE: keywardThreadPoolSize(), ...process.env, NODE_ENV: 'production', PORT: String(port), ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      }),
      kind,
    );
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} did not start within 30 s:\n${child.outputTail}`)), 30_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${kind} exited with code ${code} while starting:\n${child.outputTail}`));
      });
    });
    return { child, url: `http://${HOST}:${port}` };
  }

  /** One measured run with the chosen load generator (BENCH_LOAD). */
  async function load(url, authorization, targetPid) {
    return loadGenerator === 'wrk' ? loadWithWrk(url, authorization, targetPid) : loadWithAutocannon(url, authorization, targetPid);
  }

  /**
   * One wrk run (C, one thread: a small fraction of a core, so the target keeps the machine): an uncounted warm-up,
   * then the measured run. wrk reports latency percentiles over all responses.
   */
  async function loadWithWrk(url, authorization, targetPid) {
    const script = join(mkdtempSync(join(tmpdir(), 'keyward-bench-wrk-')), 'token.lua');
    writeFileSync(
      script,
      [
        'wrk.method = "POST"',
        `wrk.body = "${TOKEN_BODY}"`,
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
        'wrk.headers["Accept"] = "application/json"',
        'wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")',
      ].join('\n'),
    );
    const run = (duration) =>
      new Promise((resolve, reject) => {
        const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '-s', script, `${url}/oauth2/token`], {
          env: { ...process.env, BENCH_AUTHORIZATION: authorization },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`wrk exited with ${code}:\n${output}`))));
      });
    try {
      if (warmupSeconds > 0) await run(warmupSeconds);
      const cpuStart = cpuSnapshot(targetPid);
      const output = await run(seconds);
      const cpu = cpuUsage(cpuStart, cpuSnapshot(targetPid));
      const ms = (label) => {
        const match = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
        if (!match) return Number.NaN;
        return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2]];
      };
      const number = (pattern) => Number(pattern.exec(output)?.[1] ?? 0);
      const total = number(/(\d+) requests in/);
      const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
      return {
        rps: number(/Requests\/sec:\s+([\d.]+)/),
        ok: total - non2xx,
        total,
        p50: ms(50),
        p99: ms(99),
        non2xx,
        errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
        statusCodes: {},
        duration: seconds,
        cpu,
      };
    } finally {
      rmSync(dirname(script), { recursive: true, force: true });
    }
  }

  /** One autocannon run: an uncounted warm-up, then the measured run. Latency percentiles from every 2xx response, in µs precision. */
  async function loadWithAutocannon(url, authorization, targetPid) {
    const request = {
      url: `${url}/oauth2/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization, accept: 'application/json' },
      body: TOKEN_BODY,
      connections,
      pipelining: 1,
    };
    if (warmupSeconds > 0) await autocannon({ ...request, duration: warmupSeconds });
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const cpuStart = cpuSnapshot(targetPid);
    const instance = autocannon({ ...request, duration: seconds });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
    const result = await instance;
    const cpu = cpuUsage(cpuStart, cpuSnapshot(targetPid));
    const sorted = latencies.subarray(0, count).sort();
    const at = (q) => (count ? sorted[Math.min(count - 1, Math.ceil(q * count) - 1)] : Number.NaN);
    return {
      rps: result.requests.average,
      ok: result['2xx'],
      total: result.requests.total,
      p50: at(0.5),
      p99: at(0.99),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      statusCodes: result.statusCodeStats,
      duration: result.duration,
      cpu,
    };
  }

  async function checkToken(url, authorization, label) {
    const response = await fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization, accept: 'application/json' },
      body: TOKEN_BODY,
    });
    const text = await response.text();
    if (response.status !== 200) return { ok: false, status: response.status, detail: text.slice(0, 300) };
    const json = JSON.parse(text);
    const parts = String(json.access_token ?? '').split('.');
    if (label !== 'ceiling' && parts.length !== 3) {
      return { ok: false, status: 200, detail: `access_token is not a JWT: ${text.slice(0, 200)}` };
    }
    let header = '';
    if (label !== 'ceiling') {
      const h = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
      header = `JWT ${h.alg}, typ ${h.typ}, aud ${JSON.stringify(claims.aud)}, scope "${claims.scope ?? ''}", ${json.access_token.length} chars`;
    } else {
      header = `fixed ${json.access_token.length}-char string`;
    }
    return { ok: true, status: 200, detail: header, cacheControl: response.headers.get('cache-control') };
  }

  const basic = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  /** Per target, one result per round. */
  const rounds_ = {};
  const skipped = {};
  const notes = [];
  const started = {};

  /** Starts a target and checks one token request; records why when it cannot be measured. */
  async function startTarget(name, start) {
    if (!only.has(name)) return null;
    let started;
    try {
      console.error(`\n▶ ${name}: starting…`);
      started = await start();
      const check = await checkToken(started.url, started.authorization, name);
      if (!check.ok) {
        const reason =
          name === 'Keyward' && check.status === 404
            ? 'POST /oauth2/token answers 404 — the token endpoint is not in this build yet (run `npm run build` once it exists)'
            : `check request failed: HTTP ${check.status} ${check.detail}`;
        skipped[name] = reason;
        console.error(`  ✗ ${name}: ${reason}`);
        await stopTarget(started);
        return null;
      }
      notes.push(`${name}: ${check.detail}; cache-control: ${check.cacheControl ?? '(none)'}`);
      console.error(`  ✓ check: HTTP 200, ${check.detail}`);
      return started;
    } catch (error) {
      skipped[name] = `failed: ${error.message.split('\n').slice(0, 6).join(' | ')}`;
      console.error(`  ✗ ${name}: ${error.stack ?? error.message}`);
      await stopTarget(started);
      return null;
    }
  }

  async function stopTarget(started) {
    if (started?.child) await stopChild(started.child);
    await started?.after?.();
  }

  /** One measured round of one target (the others are running but idle). */
  async function measure(name, started, round) {
    console.error(
      `  round ${round + 1}/${rounds} ${name}: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s measured…`,
    );
    const r = await load(started.url, started.authorization, started.child.pid);
    rounds_[name] ??= [];
    rounds_[name].push(r);
    console.error(
      `    ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, non-2xx ${r.non2xx}, errors ${r.errors}` +
        (r.cpu
          ? `; CPU % of a core: target ${r.cpu.target.toFixed(0)}, load generator ${r.cpu.bench.toFixed(0)}, other ${r.cpu.other.toFixed(0)}`
          : ''),
    );
  }

  try {
    // All targets are started first and stay up; only the one being measured gets load.
    // 1. Ceiling.
    started.ceiling = await startTarget('ceiling', async () => {
      const { child, url } = await startSelf('ceiling', {});
      return { child, url, authorization: basic('bench', 'ceiling-secret-not-checked-0123456789') };
    });

    // 2. oidc-provider.
    started['oidc-provider'] = await startTarget('oidc-provider', async () => {
      const secret = randomBytes(32).toString('base64url');
      const { child, url } = await startSelf('oidc', { OIDC_CLIENT_SECRET: secret });
      return { child, url, authorization: basic('bench', secret) };
    });

    // 3. Keyward.
    started.Keyward = await startTarget('Keyward', async () => {
      const mainJs = process.env.BENCH_KEYWARD_MAIN ?? join(root, 'dist/server/start.cjs');
      if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing — run \`npm run build\` first`);
      const oauthDir = join(dirname(mainJs), 'oauth');
      if (!existsSync(oauthDir) || !readdirSync(oauthDir).some((f) => f.endsWith('.js'))) {
        console.error('  note: dist/server/oauth/ has no compiled files — the token endpoint is probably not built yet');
      }
      await dropBenchDatabase();
      await pgAdmin('CREATE DATABASE keyward_bench');
      benchDbCreated = true;
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'keyward-bench-token-'));
      const url = `http://${HOST}:${port}`;
      const adminPassword = 'bench-admin-password-123';
      const child = track(
        spawn(process.execPath, [...keywardNodeArgs, mainJs], {
          cwd: root,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            DATABASE_URL: `${pgBase}/keyward_bench`,
            PORT: String(port),
            HOST,
            KEYWARD_PUBLIC_URL: url,
            KEYWARD_MTLS_PORT: '0',
            KEYWARD_DATA_DIR: dataDir,
            KEYWARD_ADMIN_PASSWORD: adminPassword,
            KEYWARD_MASTER_KEY: randomBytes(32).toString('base64'),
            // BENCH_KEYWARD_WORKERS=2: Keyward's own cluster mode (KEYWARD_WORKERS), to use both cores.
            KEYWARD_WORKERS: process.env.BENCH_KEYWARD_WORKERS ?? '1',
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
        'Keyward',
      );
      const after = async () => {
        rmSync(dataDir, { recursive: true, force: true });
        await dropBenchDatabase();
      };
      try {
        await waitReady(url, child);
        const authorization = await provisionKeywardClient(url, adminPassword);
        return { child, url, authorization, after };
      } catch (error) {
        await stopChild(child);
        await after();
        throw error;
      }
    });

    // Interleaved rounds: each round measures every target once, in a rotated order, so that the host's
    // drift (this machine's figures move by up to 25 % over minutes) hits all targets alike.
    const order = ['ceiling', 'oidc-provider', 'Keyward'].filter((name) => started[name]);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < order.length; i++) {
        const name = order[(i + round) % order.length];
        await measure(name, started[name], round);
      }
    }
  } finally {
    for (const target of Object.values(started)) await stopTarget(target).catch(() => undefined);
    await cleanup();
  }

  const report = formatReport({
    rounds: rounds_,
    skipped,
    notes,
    seconds,
    connections,
    warmupSeconds,
    loadBefore,
    roundCount: rounds,
    loadGenerator,
  });
  console.log(report);
  if (only.size === 3 && !process.env.BENCH_KEYWARD_MAIN) {
    writeFileSync(join(root, 'bench/RESULTS-token.md'), `${report}\n`);
    console.error('\n(written to bench/RESULTS-token.md)');
  } else {
    console.error('\n(a partial or A/B run: bench/RESULTS-token.md left as it was)');
  }
}

async function waitReady(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Keyward exited with code ${child.exitCode} while starting:\n${child.outputTail}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Keyward did not answer GET /readyz 200 within 60 s:\n${child.outputTail}`);
}

/** Signs in as the bootstrap admin and creates the "bench" API client with one secret; returns the Basic header. */
async function provisionKeywardClient(url, password) {
  const login = await signIn(url, 'admin@example.com', password);
  if (login.status !== 200) throw new Error(`POST /auth/login: HTTP ${login.status} ${login.body}`);
  if (!login.cookie) throw new Error('POST /auth/login set no kw_session cookie');
  const graphql = graphqlAs(url, login.cookie);
  const { createApiClient } = await graphql(
    'mutation { createApiClient(input: { name: "Bench", identifier: "bench", contactEmails: ["ops@example.com"], scopes: ["orders:read"] }) { id clientId } }',
  );
  const { createClientSecret } = await graphql(
    'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }',
    { id: createApiClient.id, e: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  );
  const id = createApiClient.clientId;
  const secret = createClientSecret.secret;
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function formatReport({ rounds, skipped, notes, seconds, connections, warmupSeconds, loadBefore, roundCount, loadGenerator }) {
  const cpu = cpus();
  const names = ['Keyward', 'oidc-provider', 'ceiling'];
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
  const ok = (name) => Boolean(rounds[name]?.length);
  const total = (name, key) => rounds[name].reduce((sum, r) => sum + r[key], 0);
  const clean = (name) => ok(name) && total(name, 'non2xx') === 0 && total(name, 'errors') === 0;
  const med = (name, pick) => median(rounds[name].map(pick));
  // PostgreSQL legitimately works for Keyward (coalesced lastUsedAt writes), so it gets a little more room.
  const busy = (name) => ok(name) && rounds[name].some((r) => r.cpu !== null && r.cpu.other > (name === 'Keyward' ? 25 : 15));
  /** Per-round ratios of req/s (the two targets measured in the same round, minutes apart at most). */
  const roundRatios = (a, b) => (ok(a) && ok(b) ? rounds[a].map((r, i) => r.rps / rounds[b][i].rps) : []);
  const ratio = (a, b) => {
    const ratios = roundRatios(a, b);
    return ratios.length ? `${median(ratios).toFixed(2)}×` : 'n/a';
  };
  const busyBefore = loadBefore !== null && loadBefore > 15;

  const rows = names.map((name) => {
    if (skipped[name]) return [name, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
    if (!ok(name)) return [name, 'not run', '', '', '', '', ''];
    const mark = (n) => (n > 0 ? `${n} (flagged)` : '0');
    return [
      `${name}${clean(name) ? '' : ' (flagged)'}`,
      med(name, (r) => r.rps).toFixed(0),
      ms(med(name, (r) => r.p50)),
      ms(med(name, (r) => r.p99)),
      ms(Math.max(...rounds[name].map((r) => r.p99))),
      mark(total(name, 'non2xx')),
      mark(total(name, 'errors')),
    ];
  });

  const lines = [`## Token endpoint benchmark — ${new Date().toISOString()}`, ''];
  lines.push(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ` +
      `${process.platform}/${process.arch}. CPU busy in the second before the run: ${loadBefore === null ? 'unknown' : `${loadBefore.toFixed(0)} %`}` +
      `${busyBefore ? ' — ⚠ something else was using the CPU, the figures are not representative' : ''}.`,
    '',
    `Load: ${loadGenerator === 'wrk' ? 'wrk (one thread)' : 'autocannon (in the bench process)'}, ${connections} connections, pipelining 1, ${warmupSeconds} s warm-up (not counted) then ${seconds} s, ` +
      '`POST /oauth2/token` with body `grant_type=client_credentials` and `client_secret_basic`, all on 127.0.0.1, one target at a time, ' +
      `${roundCount} interleaved round${roundCount === 1 ? '' : 's'} (each round measures every target once, in a rotated order). ` +
      'req/s, p50 and p99 are medians over the rounds; "worst p99" is the highest round.',
    '',
    ...markdownTable(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'worst p99 ms', 'non-2xx', 'errors'],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows,
    ),
    '',
    `- Keyward / oidc-provider (req/s, median of the per-round ratios): **${ratio('Keyward', 'oidc-provider')}**`,
    `- Keyward / ceiling (req/s): **${ratio('Keyward', 'ceiling')}**`,
    `- oidc-provider / ceiling (req/s): ${ratio('oidc-provider', 'ceiling')}`,
  );
  const perRound = names.filter(ok);
  if (roundCount > 1 && perRound.length) {
    const ratios = roundRatios('Keyward', 'oidc-provider');
    lines.push(
      '',
      'Each round:',
      '',
      ...markdownTable(
        [
          'round',
          ...perRound.map((name) => `${name} req/s`),
          ...(ratios.length ? ['Keyward / oidc-provider'] : []),
          ...(ok('Keyward') ? ['Keyward p99 ms'] : []),
        ],
        ['right', ...perRound.map(() => 'right'), ...(ratios.length ? ['right'] : []), ...(ok('Keyward') ? ['right'] : [])],
        rounds[perRound[0]].map((_, i) => [
          String(i + 1),
          ...perRound.map((name) => rounds[name][i].rps.toFixed(0)),
          ...(ratios.length ? [`${ratios[i].toFixed(2)}×`] : []),
          ...(ok('Keyward') ? [ms(rounds.Keyward[i].p99)] : []),
        ]),
      ),
    );
  }
  lines.push('', 'Targets:', '');
  const verdict = (pass, targets) => {
    if (!targets.every(clean)) return '**MISS** (the run had non-2xx responses or errors)';
    const warning = busyBefore || targets.some(busy) ? ' — ⚠ measured while other processes used the CPU' : '';
    return `**${pass ? 'PASS' : 'MISS'}**${warning}`;
  };
  const ratios = roundRatios('Keyward', 'oidc-provider');
  if (ratios.length) {
    const factor = median(ratios);
    lines.push(
      `- Keyward ≥ 3× oidc-provider req/s: ${factor.toFixed(2)}× (median; rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×) → ${verdict(factor >= 3, ['Keyward', 'oidc-provider'])}`,
    );
  } else {
    lines.push('- Keyward ≥ 3× oidc-provider req/s: **MISS** (not measured)');
  }
  if (ok('Keyward')) {
    const worst = Math.max(...rounds.Keyward.map((r) => r.p99));
    lines.push(`- Keyward p99 ≤ 10 ms in every round: worst ${ms(worst)} ms → ${verdict(worst <= 10, ['Keyward'])}`);
  } else {
    lines.push('- Keyward p99 ≤ 10 ms: **MISS** (not measured)');
  }
  for (const [name, reason] of Object.entries(skipped)) lines.push(`- **${name} not measured**: ${reason}`);

  const flagged = names.filter((name) => ok(name) && !clean(name));
  if (flagged.length) {
    lines.push('', '**⚠ Flagged runs** (non-2xx responses or errors; the latency percentiles count 2xx responses only):', '');
    for (const name of flagged) {
      for (const [i, r] of rounds[name].entries()) {
        if (r.non2xx || r.errors)
          lines.push(
            `- ${name}, round ${i + 1}: ${r.non2xx} non-2xx (status codes ${JSON.stringify(r.statusCodes)}), ${r.errors} errors or timeouts`,
          );
      }
    }
  }
  const measured = names.filter((name) => ok(name) && rounds[name].every((r) => r.cpu));
  if (measured.length) {
    lines.push(
      '',
      `CPU during the measured runs (median over the rounds), in % of one core (the machine has ${cpu.length}; "everything else" includes PostgreSQL):`,
      '',
    );
    for (const name of measured) {
      lines.push(
        `- ${name}: target ${med(name, (r) => r.cpu.target).toFixed(0)} %, load generator ${med(name, (r) => r.cpu.bench).toFixed(0)} %, everything else ${med(name, (r) => r.cpu.other).toFixed(0)} %` +
          `${busy(name) ? ' — ⚠ other processes were busy during a round; its figures are not representative' : ''}`,
      );
    }
  }
  if (notes.length) {
    lines.push('', 'Checked before the load (one request each, HTTP 200):', '');
    for (const n of notes) lines.push(`- ${n}`);
  }
  return lines.join('\n');
}

/** CPU ticks (Linux /proc) of the whole machine, this process and the target process; null where /proc is missing. */
function cpuSnapshot(targetPid) {
  try {
    const processTicks = (pid) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime + stime, plus cutime + cstime: the load generator's CPU when it is a child (wrk) that has exited
      return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    };
    const machine = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = machine[3] + (machine[4] ?? 0);
    return {
      at: performance.now(),
      busy: machine.slice(0, 8).reduce((a, b) => a + b, 0) - idle,
      self: processTicks('self'),
      target: processTicks(targetPid),
    };
  } catch {
    return null;
  }
}

/** Busy CPU during the measured run, in % of one core: the target, the load generator, and everything else (PostgreSQL included). */
function cpuUsage(start, end) {
  if (!start || !end) return null;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const seconds = (end.at - start.at) / 1000;
  const pct = (ticks) => (100 * ticks) / ticksPerSecond / seconds;
  const target = pct(end.target - start.target);
  const bench = pct(end.self - start.self);
  const other = Math.max(0, pct(end.busy - start.busy) - target - bench);
  return { target, bench, other };
}

/** True when `command` is an executable file in one of PATH's directories. */
function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
