import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseAddressRange } from './kernel/addresses.js';

/** Everything Keyward reads from the environment, typed and documented in one place (README lists it too). */
export interface KeywardConfig {
  /** `production` enforces the master key and turns off GraphQL introspection. */
  env: 'development' | 'production' | 'test';
  /** HTTP port for the SPA, GraphQL, auth, OAuth and operational routes. */
  port: number;
  /** Interface to bind; `0.0.0.0` serves every interface. */
  host: string;
  /** PostgreSQL connection string; unset → embedded PostgreSQL (PGlite) under `dataDir`. */
  databaseUrl: string | undefined;
  /** Embedded database, development keys and the `.eml` outbox. */
  dataDir: string;
  /** KEYWARD_MASTER_KEY (base64, 32 bytes); unset → development generates `<dataDir>/master.key`, production refuses. */
  masterKey: string | undefined;
  /** Bootstrap admin created on an empty database. */
  adminEmail: string;
  /** Bootstrap admin password; unset → generated and printed once. */
  adminPassword: string | undefined;
  /** Issuer and base of links in emails. */
  publicUrl: string;
  /** CIDRs whose X-Forwarded-For and X-Client-Cert headers are trusted. */
  trustedProxies: string[];
  /** TLS listener for tls_client_auth (RFC 8705); 0 = a free port (tests); null = off. */
  mtlsPort: number | null;
  /** Advertised base URL of the mTLS listener (discovery's mtls_endpoint_aliases) when a load balancer maps its port; unset → https://<first host name>:<port>. */
  mtlsPublicUrl: string | undefined;
  /** Bearer token that /metrics requires; unset → /metrics answers only callers on this machine (loopback). */
  metricsToken: string | undefined;
  /** Cache-Control max-age of every JWKS; a rotated-in key is published this long (plus the margin) before it signs. */
  jwksMaxAgeSeconds: number;
  /** Added to the JWKS lifetime before a new key signs, and to the longest token lifetime before a retired key leaves the JWKS. */
  keyRotationMarginSeconds: number;
  /** Host names the mTLS listener's certificate (issued by Keyward's CA) is valid for. */
  mtlsHostnames: string[];
  /**
   * Failed client authentications on the OAuth endpoints allowed per (client ID, address) and per address (an IPv6
   * address by its /64) within a minute; past either, a failing request gets 429. A request that authenticates never does.
   */
  tokenMaxFailuresPerClient: number;
  tokenMaxFailuresPerIp: number;
  /** How often coalesced lastUsedAt values are written. */
  lastUsedFlushSeconds: number;
  /**
   * KEYWARD_OUTBOUND_ALLOW_PRIVATE: calls to other hosts (a client's jwksUri) may reach loopback, private, link-local and
   * metadata addresses, and plain http. Off by default: a URL given by a tenant must not reach Keyward's own network.
   */
  outboundAllowPrivate: boolean;
  /**
   * KEYWARD_OUTBOUND_ALLOW_ADDRESSES: private addresses and CIDR blocks an operator trusts (an internal gateway) that
   * calls to other hosts may reach, over plain http too, while the rest of the private ranges stay refused.
   */
  outboundAllowAddresses: string[];
  /** KEYWARD_VAULT_TIMEOUT_SECONDS: how long a vault call (Test, an OAuth2 token request) may take before it is given up. */
  vaultTimeoutSeconds: number;
  /** How often the vault's renewal job runs: OAuth2 tokens near their end are renewed, failed ones retried, notices sent. */
  vaultRenewalSeconds: number;
  /** Failed renewals in a row after which an OAuth2 credential needs to be authorized again. */
  vaultRenewalMaxFailures: number;
  /** Wait before the first retry of a failed renewal; each further retry waits twice as long, up to an hour. */
  vaultRenewalRetrySeconds: number;
  /**
   * KEYWARD_WEBHOOK_RETRY_SECONDS: the waits after each failed webhook delivery attempt (docs/webhooks.md#retries); after
   * the last one the delivery is given up. Default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Standard Webhooks' schedule).
   */
  webhookRetrySeconds: number[];
  /** KEYWARD_WEBHOOK_DISABLE_AFTER_SECONDS: an endpoint whose oldest pending event has failed this long is disabled (24 h). */
  webhookDisableAfterSeconds: number;
  /** KEYWARD_WEBHOOK_TIMEOUT_SECONDS: how long an endpoint may take to answer one delivery. */
  webhookTimeoutSeconds: number;
  /** How often the delivery job looks for due retries (new events are sent at once, woken by their commit). */
  webhookPollSeconds: number;
  /**
   * KEYWARD_WEBHOOK_DELIVERY: whether this process delivers webhooks (on by default). Off, it still writes the outbox;
   * another process delivers it (e.g. API-only processes, or a test that starts delivering processes of its own).
   */
  webhookDelivery: boolean;
  /** Worker processes sharing the ports (node:cluster); above 1 needs DATABASE_URL. */
  workers: number;
  /** Lifetime of a signed-in browser session. */
  sessionTtlSeconds: number;
  /** A session unused for this long ends before its lifetime is up. */
  sessionIdleSeconds: number;
  /** Deepest field nesting a GraphQL operation may have. */
  graphqlMaxDepth: number;
  /** Largest estimated number of field values a GraphQL operation may return (server/graphql/limits.ts). */
  graphqlMaxCost: number;
  /**
   * How long a client has to send a whole request, headers and body, on every listener; a connection silent this long
   * is closed too (server/http/timeouts.ts). Slow clients cannot hold connections open.
   */
  requestTimeoutSeconds: number;
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  logLevel: string;
  /** KEYWARD_LOG_FORMAT (`pretty` or `json`); unset → pretty on a terminal outside production, JSON otherwise (server/logger.ts). */
  logFormat: 'pretty' | 'json' | undefined;
  /** KEYWARD_LOG_BUFFER_MB: log output waiting for a slow or stalled reader of standard output, at most; past it lines are dropped and counted. */
  logBufferBytes: number;
  /** KEYWARD_SHUTDOWN_TIMEOUT_SECONDS: after SIGTERM or SIGINT, the process has exited within this time, whatever is still running. */
  shutdownTimeoutSeconds: number;
  /** Failed sign-ins allowed per account, and per IP address, within `loginWindowSeconds`. */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginWindowSeconds: number;
  /** SMTP server for reminder emails (`smtp://user:pass@host:587`); unset → `.eml` files in `<dataDir>/outbox`. */
  smtpUrl: string | undefined;
  /** Sender of reminder emails. */
  mailFrom: string;
  /** Whether this process runs the reminder scheduler (Agenda); tests drive the scan themselves. */
  reminderScheduler: boolean;
  /** How often the reminder scan runs. */
  reminderScanSeconds: number;
  /** MongoDB for Agenda's job store instead of PostgreSQL (reminder records stay in PostgreSQL). */
  agendaMongoUrl: string | undefined;
  /** Attempts per reminder before it is given up as FAILED; retries back off from `reminderRetrySeconds`, doubling. */
  reminderMaxAttempts: number;
  reminderRetrySeconds: number;
  /** How long a process holds a reminder it is sending; after a crash, another process sends it once this runs out. */
  reminderLeaseSeconds: number;
  /** Reminders one process sends at once (the most a crash can send twice). */
  reminderSendConcurrency: number;
  /**
   * KEYWARD_LEAK_REPORT_KEYS: the public keys (key identifier → PEM, EC P-256) whose signatures `POST
   * /security/leaked-credentials` accepts, e.g. GitHub secret scanning's; empty → the endpoint refuses every report.
   */
  leakReportKeys: Record<string, string>;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
  }
  return value;
}

/** A comma-separated list of waits in seconds, each 1 s to a day, at least one. */
function secondsList(env: Env, name: string, fallback: number[]): number[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.length > 20 || values.some((v) => !Number.isInteger(v) || v < 1 || v > 86400))
    throw new ConfigError(
      `${name} must be 1 to 20 whole numbers of seconds (1–86400), separated by commas, e.g. 5,300,1800; got "${raw}".`,
    );
  return values;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be on or off; it is "${env[name]}".`);
}

function logFormat(env: Env): 'pretty' | 'json' | undefined {
  const raw = env.KEYWARD_LOG_FORMAT?.trim().toLowerCase();
  if (!raw) return undefined;
  if (raw === 'pretty' || raw === 'json') return raw;
  throw new ConfigError(
    `KEYWARD_LOG_FORMAT must be pretty (readable lines) or json (one JSON object per line); it is "${env.KEYWARD_LOG_FORMAT}".`,
  );
}

/**
 * A comma-separated list of IP addresses and CIDR blocks. A bad entry stops the start with a message naming the
 * variable, the entry and what is wrong with it, not a stack trace from wherever the list is first used.
 */
function cidrList(env: Env, name: string, purpose: string): string[] {
  const raw = env[name];
  if (!raw) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const parsed = parseAddressRange(entry);
    if (!parsed.ok) {
      throw new ConfigError(
        `${name} has an entry that is not an IP address or CIDR block: "${entry.slice(0, 100)}" (${parsed.reason}). ` +
          `List ${purpose}, comma-separated, such as 10.0.0.5,192.168.0.0/16,2001:db8::/32, or leave ${name} unset.`,
      );
    }
  }
  return entries;
}

function metricsToken(env: Env): string | undefined {
  const raw = env.KEYWARD_METRICS_TOKEN?.trim();
  if (!raw) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError(
      'KEYWARD_METRICS_TOKEN must be at least 16 characters without spaces, e.g. the output of `openssl rand -hex 32`.',
    );
  }
  return raw;
}

function optionalUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL such as https://mtls.keyward.example.com; it is "${raw}".`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${name} must be an https:// URL; it is "${raw}".`);
  return raw.replace(/\/+$/, '');
}

/**
 * KEYWARD_LEAK_REPORT_KEYS: a JSON object `{"<key identifier>": "<PEM public key>"}`, or the path of a file holding
 * one (GitHub's keys as https://api.github.com/meta/public_keys/secret_scanning lists them). Each key must be EC P-256:
 * the reports are signed with ECDSA P-256 and SHA-256.
 */
function leakReportKeys(env: Env): Record<string, string> {
  const raw = env.KEYWARD_LEAK_REPORT_KEYS?.trim();
  if (!raw) return {};
  let text = raw;
  if (!raw.startsWith('{')) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      throw new ConfigError(
        `KEYWARD_LEAK_REPORT_KEYS must be a JSON object {"<key identifier>": "<PEM public key>"} or the path of a file holding one; the file "${raw.slice(0, 200)}" cannot be read.`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    throw new ConfigError(
      'KEYWARD_LEAK_REPORT_KEYS must be a JSON object with at least one entry {"<key identifier>": "<PEM public key>"}, or the path of a file holding one.',
    );
  }
  const keys: Record<string, string> = {};
  for (const [id, pem] of Object.entries(parsed as Record<string, unknown>)) {
    let curve: string | undefined;
    try {
      curve = typeof pem === 'string' ? createPublicKey(pem).asymmetricKeyDetails?.namedCurve : undefined;
    } catch {
      curve = undefined;
    }
    if (curve !== 'prime256v1') {
      throw new ConfigError(
        `KEYWARD_LEAK_REPORT_KEYS: the key "${id.slice(0, 100)}" is not a PEM EC P-256 public key (-----BEGIN PUBLIC KEY-----…); leak reports are signed with ECDSA P-256.`,
      );
    }
    keys[id] = pem as string;
  }
  return keys;
}

export function loadConfig(env: Env = process.env): KeywardConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const publicUrl = (env.KEYWARD_PUBLIC_URL ?? `http://localhost:${port || 4000}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`KEYWARD_PUBLIC_URL must be an absolute URL such as https://keyward.example.com; it is "${publicUrl}".`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://, e.g. postgres://keyward@127.0.0.1:5432/keyward.');
  }
  return {
    env: nodeEnv,
    port,
    // A development start with a freshly generated admin is reachable from this machine only; production listens on all.
    host: env.HOST ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    dataDir: resolve(env.KEYWARD_DATA_DIR ?? './.keyward'),
    masterKey: env.KEYWARD_MASTER_KEY?.trim() || undefined,
    adminEmail: (env.KEYWARD_ADMIN_EMAIL ?? 'admin@example.com').trim().toLowerCase(),
    adminPassword: env.KEYWARD_ADMIN_PASSWORD || undefined,
    publicUrl,
    trustedProxies: cidrList(env, 'KEYWARD_TRUSTED_PROXIES', 'the addresses of your TLS-terminating proxies'),
    mtlsPort: env.KEYWARD_MTLS_PORT === 'off' ? null : integer(env, 'KEYWARD_MTLS_PORT', 4443, 0, 65535),
    mtlsPublicUrl: optionalUrl(env, 'KEYWARD_MTLS_PUBLIC_URL'),
    metricsToken: metricsToken(env),
    jwksMaxAgeSeconds: integer(env, 'KEYWARD_JWKS_MAX_AGE_SECONDS', 300, 1, 86400),
    keyRotationMarginSeconds: integer(env, 'KEYWARD_KEY_ROTATION_MARGIN_SECONDS', 60, 0, 86400),
    mtlsHostnames: (env.KEYWARD_MTLS_HOSTNAMES ?? 'localhost')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    tokenMaxFailuresPerClient: integer(env, 'KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT', 10, 1, 100000),
    tokenMaxFailuresPerIp: integer(env, 'KEYWARD_TOKEN_MAX_FAILURES_PER_IP', 30, 1, 100000),
    lastUsedFlushSeconds: integer(env, 'KEYWARD_LAST_USED_FLUSH_SECONDS', 60, 1, 3600),
    outboundAllowPrivate: onOff(env, 'KEYWARD_OUTBOUND_ALLOW_PRIVATE', false),
    outboundAllowAddresses: cidrList(
      env,
      'KEYWARD_OUTBOUND_ALLOW_ADDRESSES',
      'the private addresses Keyward may call (an internal gateway)',
    ),
    vaultTimeoutSeconds: integer(env, 'KEYWARD_VAULT_TIMEOUT_SECONDS', 10, 1, 120),
    vaultRenewalSeconds: integer(env, 'KEYWARD_VAULT_RENEWAL_SECONDS', 60, 5, 3600),
    vaultRenewalMaxFailures: integer(env, 'KEYWARD_VAULT_RENEWAL_MAX_FAILURES', 5, 1, 100),
    vaultRenewalRetrySeconds: integer(env, 'KEYWARD_VAULT_RENEWAL_RETRY_SECONDS', 60, 1, 3600),
    webhookRetrySeconds: secondsList(env, 'KEYWARD_WEBHOOK_RETRY_SECONDS', [5, 300, 1800, 7200, 18000, 36000, 36000]),
    webhookDisableAfterSeconds: integer(env, 'KEYWARD_WEBHOOK_DISABLE_AFTER_SECONDS', 86400, 1, 30 * 86400),
    webhookTimeoutSeconds: integer(env, 'KEYWARD_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 120),
    webhookPollSeconds: integer(env, 'KEYWARD_WEBHOOK_POLL_SECONDS', 10, 1, 3600),
    webhookDelivery: onOff(env, 'KEYWARD_WEBHOOK_DELIVERY', true),
    workers: env.KEYWARD_WORKERS === 'auto' ? availableParallelism() : integer(env, 'KEYWARD_WORKERS', 1, 1, 64),
    sessionTtlSeconds: integer(env, 'KEYWARD_SESSION_TTL_SECONDS', 8 * 3600, 300, 30 * 86400),
    sessionIdleSeconds: integer(env, 'KEYWARD_SESSION_IDLE_SECONDS', 2 * 3600, 300, 30 * 86400),
    graphqlMaxDepth: integer(env, 'KEYWARD_GRAPHQL_MAX_DEPTH', 10, 3, 100),
    graphqlMaxCost: integer(env, 'KEYWARD_GRAPHQL_MAX_COST', 10_000, 100, 10_000_000),
    requestTimeoutSeconds: integer(env, 'KEYWARD_REQUEST_TIMEOUT_SECONDS', 30, 1, 3600),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    logFormat: logFormat(env),
    logBufferBytes: integer(env, 'KEYWARD_LOG_BUFFER_MB', 4, 1, 1024) * 1024 * 1024,
    shutdownTimeoutSeconds: integer(env, 'KEYWARD_SHUTDOWN_TIMEOUT_SECONDS', 20, 1, 3600),
    loginMaxFailuresPerAccount: integer(env, 'KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerIp: integer(env, 'KEYWARD_LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100000),
    loginWindowSeconds: integer(env, 'KEYWARD_LOGIN_WINDOW_SECONDS', 900, 10, 86400),
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.KEYWARD_MAIL_FROM?.trim() || 'Keyward <keyward@localhost>',
    reminderScheduler: onOff(env, 'KEYWARD_REMINDER_SCHEDULER', true),
    reminderScanSeconds: integer(env, 'KEYWARD_REMINDER_SCAN_SECONDS', 3600, 1, 86400),
    agendaMongoUrl: env.AGENDA_MONGODB_URL?.trim() || undefined,
    reminderMaxAttempts: integer(env, 'KEYWARD_REMINDER_MAX_ATTEMPTS', 8, 1, 100),
    reminderRetrySeconds: integer(env, 'KEYWARD_REMINDER_RETRY_SECONDS', 60, 1, 3600),
    reminderLeaseSeconds: integer(env, 'KEYWARD_REMINDER_LEASE_SECONDS', 300, 1, 3600),
    reminderSendConcurrency: integer(env, 'KEYWARD_REMINDER_SEND_CONCURRENCY', 8, 1, 32),
    leakReportKeys: leakReportKeys(env),
  };
}
