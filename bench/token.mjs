// npm run bench:token — OAuth 2.0 client-credentials token endpoint throughput and latency.
//
// In one run, on one machine, each target in its own child process, measured one at a time (never two at once)
// in interleaved rounds:
//   1. ceiling       — a bare Fastify route that returns a fixed token-shaped JSON (the best any Node HTTP server here can do);
//   2. oidc-provider — the certified Node OAuth server, client credentials, ES256 JWT access tokens, in-memory client;
//   3. Keyward       — `node dist/server/start.cjs`, API client and secret in a real PostgreSQL database;
//   4. oidc-provider private_key_jwt — the same oidc-provider process, a second client that authenticates with private_key_jwt;
//   5. Keyward private_key_jwt       — the same Keyward process, a second API client with a private_key_jwt credential.
// The load generator (wrk when installed, else autocannon in this process; BENCH_LOAD chooses) sends the same request to
// each of the first three: POST /oauth2/token, `grant_type=client_credentials`, `client_secret_basic`. The two
// private_key_jwt targets get the same load, but every request carries its own client assertion (ES256, RFC 7523),
// because each assertion's jti may be used once; the bench signs them before each run, never during the load.
// Prints a Markdown table (req/s, p50, p99, non-2xx, errors), the ratios and the targets, and writes it to
// bench/RESULTS-token.md.
//
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_WARMUP_SECONDS (2, not counted), BENCH_ROUNDS (3, interleaved),
//      BENCH_PG_URL (postgres://postgres@127.0.0.1:5432) — server that gets the throw-away `keyward_bench` database,
//      BENCH_TARGETS (all five) — a comma-separated subset to run, e.g. `Keyward` or `Keyward,Keyward private_key_jwt`,
//      BENCH_KEYWARD_NODE_ARGS — extra node flags for the Keyward process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/kw-prof`,
//      BENCH_KEYWARD_MAIN — another build's entry point (start.cjs) to measure instead of dist/server/start.cjs (A/B while tuning),
//      BENCH_LOAD (wrk when installed, else autocannon) — `autocannon` or `wrk` (Debian's package, one thread).
// Child mode (internal): `node bench/token.mjs --serve ceiling|oidc` with PORT in the environment.

import { fork, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgAdmin, pgBase } from './postgres.mjs';
import { cpuBusyBefore, freePort, graphqlAs, markdownTable, positiveNumber, signIn } from './support.mjs';

const HOST = '127.0.0.1';
const TOKEN_BODY = 'grant_type=client_credentials';
const KEYWARD_PKJWT = 'Keyward private_key_jwt';
const OIDC_PKJWT = 'oidc-provider private_key_jwt';
/** Every target, in the order of the first round; a full run (the one that writes RESULTS-token.md) measures them all. */
const TARGETS = ['ceiling', 'oidc-provider', 'Keyward', OIDC_PKJWT, KEYWARD_PKJWT];
/** The form body of a private_key_jwt token request, up to the assertion itself. */
const ASSERTION_BODY_PREFIX = `${TOKEN_BODY}&client_assertion_type=${encodeURIComponent('urn:ietf:params:oauth:client-assertion-type:jwt-bearer')}&client_assertion=`;
const ASSERTION_KID = 'bench-assertion-es256';
/** Assertions expire this long after they are signed (Keyward accepts at most 10 minutes). */
const ASSERTION_LIFETIME_SECONDS = 300;
/** Req/s assumed when a private_key_jwt target has no earlier round to size its assertions from: more than any target here does. */
const FIRST_ROUND_RATE = 12_000;
/** The fewest req/s a later round pre-signs for (signing 3 000 assertions takes about 0.1 s here). */
const MIN_PRESIGN_RATE = 3_000;
/** A unique prefix for this run's jti values, so that no two assertions the bench signs ever share one. */
const JTI_PREFIX = randomBytes(9).toString('base64url');
let jtiCounter = 0;

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
      {
        // The oidc-provider private_key_jwt target: the bench signs its assertions with the private half of this key.
        client_id: 'bench-pkjwt',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [JSON.parse(process.env.OIDC_ASSERTION_JWK)] },
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
  const only = new Set((process.env.BENCH_TARGETS ?? TARGETS.join(',')).split(',').map((t) => t.trim()));
  const unknown = [...only].filter((name) => !TARGETS.includes(name));
  if (unknown.length)
    throw new Error(`BENCH_TARGETS names ${unknown.map((n) => `"${n}"`).join(', ')}; use a comma-separated list of: ${TARGETS.join(', ')}`);
  const assertionTargets = [OIDC_PKJWT, KEYWARD_PKJWT].filter((name) => only.has(name));
  // Assertions signed before the warm-up must still be valid at the end of the measured run.
  if (assertionTargets.length && warmupSeconds + seconds > ASSERTION_LIFETIME_SECONDS - 60)
    throw new Error(
      `BENCH_WARMUP_SECONDS + BENCH_SECONDS is ${warmupSeconds + seconds}, but the pre-signed assertions of ${assertionTargets.join(' and ')} expire ` +
        `${ASSERTION_LIFETIME_SECONDS} s after signing: keep the sum at most ${ASSERTION_LIFETIME_SECONDS - 60}, or leave those targets out of BENCH_TARGETS`,
    );
  // One ES256 key for both private_key_jwt clients; the servers get its public half only.
  const assertionKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const assertionJwk = { ...assertionKey.publicKey.export({ format: 'jwk' }), kid: ASSERTION_KID, alg: 'ES256', use: 'sig' };
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

  /**
   * One measured run with the chosen load generator (BENCH_LOAD). `request` is `{ authorization }` (the same request
   * every time) or `{ bodies: { warmup, measured } }` (one pre-signed form body per request, in order).
   */
  async function load(url, request, targetPid) {
    return loadGenerator === 'wrk' ? loadWithWrk(url, request, targetPid) : loadWithAutocannon(url, request, targetPid);
  }

  /**
   * One wrk run (C, one thread: a small fraction of a core, so the target keeps the machine): an uncounted warm-up,
   * then the measured run. wrk reports latency percentiles over all responses.
   */
  async function loadWithWrk(url, request, targetPid) {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-bench-wrk-'));
    const script = join(dir, 'token.lua');
    const common = [
      'wrk.method = "POST"',
      'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
      'wrk.headers["Accept"] = "application/json"',
    ];
    if (request.bodies) {
      // One body per request, in file order. When the file runs out the bodies start over, and each reused one is
      // counted, so that the report flags the run even where the server accepts the replay.
      writeFileSync(
        script,
        [
          ...common,
          'threads = {}',
          'function setup(thread) table.insert(threads, thread) end',
          'function init(args)',
          '  bodies, count, sent, replayed = {}, 0, 0, 0',
          '  for line in io.lines(os.getenv("BENCH_BODIES")) do count = count + 1; bodies[count] = line end',
          'end',
          'function request()',
          '  sent = sent + 1',
          '  if sent > count then replayed = replayed + 1 end',
          '  return wrk.format(nil, nil, nil, bodies[(sent - 1) % count + 1])',
          'end',
          'function done(summary, latency, requests)',
          '  for _, thread in ipairs(threads) do',
          '    io.write(string.format("bench bodies: %d sent, %d replayed\\n", thread:get("sent"), thread:get("replayed")))',
          '  end',
          'end',
        ].join('\n'),
      );
    } else {
      writeFileSync(
        script,
        [...common, `wrk.body = "${TOKEN_BODY}"`, 'wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")'].join('\n'),
      );
    }
    const run = (duration, bodies, label) =>
      new Promise((resolve, reject) => {
        const env = { ...process.env };
        if (bodies) {
          env.BENCH_BODIES = join(dir, `bodies-${label}.txt`);
          writeFileSync(env.BENCH_BODIES, bodies.join('\n'));
        } else env.BENCH_AUTHORIZATION = request.authorization;
        const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '-s', script, `${url}/oauth2/token`], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`wrk exited with ${code}:\n${output}`))));
      });
    const used = (output) => {
      const match = /bench bodies: (\d+) sent, (\d+) replayed/.exec(output);
      return match ? { sent: Number(match[1]), replayed: Number(match[2]) } : { sent: 0, replayed: 0 };
    };
    try {
      let warmup = { sent: 0, replayed: 0 };
      if (warmupSeconds > 0) warmup = used(await run(warmupSeconds, request.bodies?.warmup, 'warmup'));
      const cpuStart = cpuSnapshot(targetPid);
      const output = await run(seconds, request.bodies?.measured, 'measured');
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
      const measured = used(output);
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
        bodies: request.bodies ? { warmup, measured } : null,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** One autocannon run: an uncounted warm-up, then the measured run. Latency percentiles from every 2xx response, in µs precision. */
  async function loadWithAutocannon(url, request, targetPid) {
    const options = {
      url: `${url}/oauth2/token`,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...(request.authorization ? { authorization: request.authorization } : {}),
      },
      body: TOKEN_BODY,
      connections,
      pipelining: 1,
    };
    /** Options for one run, and how many pre-signed bodies it sent and reused (as wrk's script counts them). */
    const withBodies = (bodies) => {
      const used = { sent: 0, replayed: 0 };
      if (!bodies) return { options, used };
      const setupRequest = (req) => {
        if (used.sent >= bodies.length) used.replayed++;
        return { ...req, body: bodies[used.sent++ % bodies.length] };
      };
      return { options: { ...options, requests: [{ setupRequest }] }, used };
    };
    const warmup = withBodies(request.bodies?.warmup);
    if (warmupSeconds > 0) await autocannon({ ...warmup.options, duration: warmupSeconds });
    const measured = withBodies(request.bodies?.measured);
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const cpuStart = cpuSnapshot(targetPid);
    const instance = autocannon({ ...measured.options, duration: seconds });
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
      bodies: request.bodies ? { warmup: warmup.used, measured: measured.used } : null,
    };
  }

  /** One token request, `{ authorization }` (client_secret_basic) or `{ body }` (a form body with a client assertion). */
  async function checkToken(url, request, label) {
    const response = await fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...(request.authorization ? { authorization: request.authorization } : {}),
      },
      body: request.body ?? TOKEN_BODY,
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
  /** Per private_key_jwt target, the assertions signed before its runs and how long that took. */
  const signing = {};

  /**
   * The server processes, each started once however many targets use it (Keyward and Keyward private_key_jwt share
   * one): kind → promise of { child, url, after? }.
   */
  const servers = new Map();
  const server = (kind, start) => {
    if (!servers.has(kind)) servers.set(kind, start());
    return servers.get(kind);
  };
  async function stopServer(running) {
    if (running.stopped) return;
    running.stopped = true;
    await stopChild(running.child);
    await running.after?.();
  }

  /** `count` form bodies for a private_key_jwt target, each with a fresh assertion; prints how long signing took. */
  function presign(name, target, count) {
    const startedAt = performance.now();
    const bodies = signAssertionBodies(assertionKey.privateKey, target.assertions, count);
    const ms = performance.now() - startedAt;
    signing[name] ??= { count: 0, ms: 0 };
    signing[name].count += count;
    signing[name].ms += ms;
    console.error(`    signed ${count} assertions in ${ms.toFixed(0)} ms (${((1000 * ms) / count).toFixed(1)} µs each), before the load`);
    return bodies;
  }

  /** Starts a target (its server, unless another target started it) and checks one token request; records why when it cannot be measured. */
  async function startTarget(name, start) {
    if (!only.has(name)) return null;
    try {
      console.error(`\n▶ ${name}: starting…`);
      const target = await start();
      const check = await checkToken(
        target.url,
        target.assertions ? { body: presign(name, target, 1)[0] } : { authorization: target.authorization },
        name,
      );
      if (!check.ok) {
        const reason =
          name.startsWith('Keyward') && check.status === 404
            ? 'POST /oauth2/token answers 404 — the token endpoint is not in this build yet (run `npm run build` once it exists)'
            : `check request failed: HTTP ${check.status} ${check.detail}`;
        skipped[name] = reason;
        console.error(`  ✗ ${name}: ${reason}`);
        return null;
      }
      notes.push(`${name}: ${check.detail}; cache-control: ${check.cacheControl ?? '(none)'}`);
      console.error(`  ✓ check: HTTP 200, ${check.detail}`);
      return target;
    } catch (error) {
      skipped[name] = `failed: ${error.message.split('\n').slice(0, 6).join(' | ')}`;
      console.error(`  ✗ ${name}: ${error.stack ?? error.message}`);
      return null;
    }
  }

  /** One measured round of one target (the others are running but idle). */
  async function measure(name, target, round) {
    console.error(
      `  round ${round + 1}/${rounds} ${name}: ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s measured…`,
    );
    let request = { authorization: target.authorization };
    if (target.assertions) {
      // Enough for the run: the highest rate an earlier round of this target sent (warm-up or measured) × 1.5, plus
      // one per connection for the requests still in flight at the end; the first round assumes FIRST_ROUND_RATE.
      // The warm-up is sized from the measured rate too: a first warm-up runs cold, so its own rate is too low. Never
      // less than MIN_PRESIGN_RATE: on a busy machine a round can run twice as fast as the one before it.
      const rates = (rounds_[name] ?? []).flatMap((r) => [
        r.bodies.measured.sent / seconds,
        warmupSeconds > 0 ? r.bodies.warmup.sent / warmupSeconds : 0,
      ]);
      const rate = rates.length ? Math.max(MIN_PRESIGN_RATE, Math.max(...rates) * 1.5) : FIRST_ROUND_RATE;
      const enough = (runSeconds) => Math.ceil(rate * runSeconds) + connections;
      request = {
        bodies: {
          warmup: warmupSeconds > 0 ? presign(name, target, enough(warmupSeconds)) : [],
          measured: presign(name, target, enough(seconds)),
        },
      };
    }
    const r = await load(target.url, request, target.child.pid);
    request = null; // the bodies can be collected before the next run signs its own
    rounds_[name] ??= [];
    rounds_[name].push(r);
    console.error(
      `    ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, non-2xx ${r.non2xx}, errors ${r.errors}` +
        (r.bodies
          ? `, assertions sent ${r.bodies.measured.sent} (replayed ${r.bodies.measured.replayed}; warm-up ${r.bodies.warmup.replayed})`
          : '') +
        (r.cpu
          ? `; CPU % of a core: target ${r.cpu.target.toFixed(0)}, load generator ${r.cpu.bench.toFixed(0)}, other ${r.cpu.other.toFixed(0)}`
          : ''),
    );
  }

  try {
    // All targets are started first and stay up; only the one being measured gets load.
    // 1. Ceiling.
    started.ceiling = await startTarget('ceiling', async () => {
      const { child, url } = await server('ceiling', () => startSelf('ceiling', {}));
      return { child, url, authorization: basic('bench', 'ceiling-secret-not-checked-0123456789') };
    });

    // 2. oidc-provider, and 4. oidc-provider private_key_jwt: one process with both clients.
    const oidcSecret = randomBytes(32).toString('base64url');
    const oidc = () =>
      server('oidc', () => startSelf('oidc', { OIDC_CLIENT_SECRET: oidcSecret, OIDC_ASSERTION_JWK: JSON.stringify(assertionJwk) }));
    started['oidc-provider'] = await startTarget('oidc-provider', async () => {
      const { child, url } = await oidc();
      return { child, url, authorization: basic('bench', oidcSecret) };
    });

    // 3. Keyward, and 5. Keyward private_key_jwt: one process, one database, two API clients.
    const keyward = () =>
      server('keyward', async () => {
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
          const graphql = await signInAsAdmin(url, adminPassword);
          return { child, url, after, graphql };
        } catch (error) {
          await stopChild(child);
          await after();
          throw error;
        }
      });
    started.Keyward = await startTarget('Keyward', async () => {
      const { child, url, graphql } = await keyward();
      return { child, url, authorization: await provisionKeywardClient(graphql) };
    });

    started[OIDC_PKJWT] = await startTarget(OIDC_PKJWT, async () => {
      const { child, url } = await oidc();
      return { child, url, assertions: { clientId: 'bench-pkjwt', audience: `${url}/oauth2/token` } };
    });
    started[KEYWARD_PKJWT] = await startTarget(KEYWARD_PKJWT, async () => {
      const { child, url, graphql } = await keyward();
      const clientId = await provisionKeywardAssertionClient(graphql, assertionJwk);
      return { child, url, assertions: { clientId, audience: `${url}/oauth2/token` } };
    });

    // A server none of whose targets can be measured is stopped now, so that it is not even idle during the load.
    for (const promise of servers.values()) {
      const running = await promise.catch(() => null);
      if (running && !Object.values(started).some((target) => target?.child === running.child)) await stopServer(running);
    }

    // Interleaved rounds: each round measures every target once, in a rotated order, so that the host's
    // drift (this machine's figures move by up to 25 % over minutes) hits all targets alike.
    const order = TARGETS.filter((name) => started[name]);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < order.length; i++) {
        const name = order[(i + round) % order.length];
        await measure(name, started[name], round);
      }
    }
  } finally {
    for (const promise of servers.values()) await promise.then(stopServer, () => undefined).catch(() => undefined);
    await cleanup();
  }

  const report = formatReport({
    rounds: rounds_,
    skipped,
    notes,
    signing,
    seconds,
    connections,
    warmupSeconds,
    loadBefore,
    roundCount: rounds,
    loadGenerator,
  });
  console.log(report);
  if (TARGETS.every((name) => only.has(name)) && !process.env.BENCH_KEYWARD_MAIN) {
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

/** Signs in as the bootstrap admin; returns a GraphQL caller with that session. */
async function signInAsAdmin(url, password) {
  const login = await signIn(url, 'admin@example.com', password);
  if (login.status !== 200) throw new Error(`POST /auth/login: HTTP ${login.status} ${login.body}`);
  if (!login.cookie) throw new Error('POST /auth/login set no kw_session cookie');
  return graphqlAs(url, login.cookie);
}

/** Creates the "bench" API client with one secret; returns the Basic header. */
async function provisionKeywardClient(graphql) {
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

/** Creates the "bench-pkjwt" API client with a private_key_jwt credential for the public key `jwk`; returns its client ID. */
async function provisionKeywardAssertionClient(graphql, jwk) {
  const { createApiClient } = await graphql(
    'mutation { createApiClient(input: { name: "Bench private_key_jwt", identifier: "bench-pkjwt", contactEmails: ["ops@example.com"], scopes: ["orders:read"] }) { id clientId } }',
  );
  await graphql(
    'mutation($id: ID!, $input: CreatePrivateKeyJwtCredentialInput!) { createPrivateKeyJwtCredential(clientId: $id, input: $input) { id } }',
    { id: createApiClient.id, input: { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), publicKey: JSON.stringify(jwk) } },
  );
  return createApiClient.clientId;
}

/**
 * `count` token request bodies for `assertions.clientId`, each with its own client assertion (RFC 7523: iss = sub = the
 * client ID, aud = the token endpoint, a fresh jti, exp five minutes ahead), signed ES256 with `privateKey`.
 */
function signAssertionBodies(privateKey, assertions, count) {
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: ASSERTION_KID })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const bodies = new Array(count);
  for (let i = 0; i < count; i++) {
    const claims = {
      iss: assertions.clientId,
      sub: assertions.clientId,
      aud: assertions.audience,
      jti: `${JTI_PREFIX}.${jtiCounter++}`,
      iat: now,
      exp: now + ASSERTION_LIFETIME_SECONDS,
    };
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    // JWS wants the raw r‖s form of an ECDSA signature, not OpenSSL's DER.
    const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    bodies[i] = `${ASSERTION_BODY_PREFIX}${input}.${signature}`;
  }
  return bodies;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function formatReport({ rounds, skipped, notes, signing, seconds, connections, warmupSeconds, loadBefore, roundCount, loadGenerator }) {
  const cpu = cpus();
  const names = ['Keyward', 'oidc-provider', 'ceiling', KEYWARD_PKJWT, OIDC_PKJWT];
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
  const ok = (name) => Boolean(rounds[name]?.length);
  const total = (name, key) => rounds[name].reduce((sum, r) => sum + r[key], 0);
  const replayed = (r) => r.bodies?.measured.replayed ?? 0;
  // A reused assertion is a fault of the bench even when the server accepts it (oidc-provider's in-memory replay
  // store keeps only its latest entries), so it flags the run like a non-2xx does.
  const clean = (name) =>
    ok(name) && total(name, 'non2xx') === 0 && total(name, 'errors') === 0 && rounds[name].every((r) => replayed(r) === 0);
  const med = (name, pick) => median(rounds[name].map(pick));
  // PostgreSQL legitimately works for Keyward (coalesced lastUsedAt writes), so it gets a little more room; with
  // private_key_jwt it records every assertion's jti, one insert per request, so it gets much more.
  const otherAllowed = { Keyward: 25, [KEYWARD_PKJWT]: 80 };
  const busy = (name) => ok(name) && rounds[name].some((r) => r.cpu !== null && r.cpu.other > (otherAllowed[name] ?? 15));
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
      '`POST /oauth2/token` with body `grant_type=client_credentials` and `client_secret_basic` (the private_key_jwt rows: ' +
      'a fresh ES256 `client_assertion` in every request instead, signed before each run), all on 127.0.0.1, one target at a time, ' +
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
    `- ${KEYWARD_PKJWT} / ${OIDC_PKJWT} (req/s, median of the per-round ratios; reported, not gated): **${ratio(KEYWARD_PKJWT, OIDC_PKJWT)}**`,
    `- ${KEYWARD_PKJWT} / Keyward (req/s, what the assertion costs): ${ratio(KEYWARD_PKJWT, 'Keyward')}`,
  );
  const signed = Object.entries(signing);
  if (signed.length) {
    lines.push(
      '',
      `Assertions were signed in the bench process before each run (warm-up included), never during the load: ${signed
        .map(([name, s]) => `${name} ${s.count} in ${(s.ms / 1000).toFixed(1)} s (${((1000 * s.ms) / s.count).toFixed(1)} µs each)`)
        .join('; ')}.`,
    );
  }
  const perRound = names.filter(ok);
  if (roundCount > 1 && perRound.length) {
    // Columns beyond each target's req/s: the two ratios and the two Keyward p99s, where measured.
    const extra = [
      ...[
        ['Keyward', 'oidc-provider'],
        [KEYWARD_PKJWT, OIDC_PKJWT],
      ]
        .map(([a, b]) => [a, b, roundRatios(a, b)])
        .filter(([, , ratios]) => ratios.length)
        .map(([a, b, ratios]) => ({ header: `${a} / ${b}`, cell: (i) => `${ratios[i].toFixed(2)}×` })),
      ...['Keyward', KEYWARD_PKJWT].filter(ok).map((name) => ({ header: `${name} p99 ms`, cell: (i) => ms(rounds[name][i].p99) })),
    ];
    lines.push(
      '',
      'Each round:',
      '',
      ...markdownTable(
        ['round', ...perRound.map((name) => `${name} req/s`), ...extra.map((column) => column.header)],
        ['right', ...perRound.map(() => 'right'), ...extra.map(() => 'right')],
        rounds[perRound[0]].map((_, i) => [
          String(i + 1),
          ...perRound.map((name) => rounds[name][i].rps.toFixed(0)),
          ...extra.map((column) => column.cell(i)),
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
  lines.push(
    `- ${KEYWARD_PKJWT} / ${OIDC_PKJWT}: ${ratio(KEYWARD_PKJWT, OIDC_PKJWT)}, reported, not gated (issue #18 sets no target for this row)`,
  );
  for (const [name, reason] of Object.entries(skipped)) lines.push(`- **${name} not measured**: ${reason}`);

  const flagged = names.filter((name) => ok(name) && !clean(name));
  if (flagged.length) {
    lines.push(
      '',
      '**⚠ Flagged runs** (non-2xx responses, errors or reused assertions; the latency percentiles count 2xx responses only):',
      '',
    );
    for (const name of flagged) {
      for (const [i, r] of rounds[name].entries()) {
        if (r.non2xx || r.errors || replayed(r))
          lines.push(
            `- ${name}, round ${i + 1}: ${r.non2xx} non-2xx (status codes ${JSON.stringify(r.statusCodes)}), ${r.errors} errors or timeouts` +
              (replayed(r) ? `; ${replayed(r)} requests reused an assertion because the pre-signed ones ran out` : ''),
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
