import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics on `/metrics`, one registry per app so several apps can share a process (tests). */
/** Cumulative counts kept by a service, exposed as Prometheus counters. */
export type CountSource = () => number;

/** The address the connection really comes from (not a forwarded one): only that proves a caller is on this machine. */
function fromLoopback(request: FastifyRequest): boolean {
  const address = request.raw.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read `/metrics`: with KEYWARD_METRICS_TOKEN, a caller sending it as a Bearer token (compared in constant
 * time); without it, only callers on this machine, since the figures tell an outsider about load and failures.
 */
function metricsAccess(token: string | undefined): (request: FastifyRequest) => 'ok' | 'unauthenticated' | 'forbidden' {
  if (!token) return (request) => (fromLoopback(request) ? 'ok' : 'forbidden');
  const expected = digest(`Bearer ${token}`);
  return (request) => {
    const presented = request.headers.authorization;
    return typeof presented === 'string' && timingSafeEqual(digest(presented), expected) ? 'ok' : 'unauthenticated';
  };
}

export function registerMetrics(
  app: FastifyInstance,
  token: string | undefined,
  counters: Record<string, { help: string; value: CountSource }> = {},
): Registry {
  const access = metricsAccess(token);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'keyward_' });
  const requests = new Counter({
    name: 'keyward_http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'keyward_http_request_duration_seconds',
    help: 'HTTP request duration by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // The labelled series of each (method, route, status), looked up once: prom-client hashes the label set on
  // every call otherwise, which the token endpoint would pay on every request.
  const series = new Map<string, { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof duration.labels> }>();
  for (const [name, { help, value }] of Object.entries(counters)) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  }
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let found = series.get(key);
    if (!found) {
      found = {
        count: requests.labels(request.method, route, String(reply.statusCode)),
        time: duration.labels(request.method, route),
      };
      series.set(key, found);
    }
    found.count.inc();
    found.time.observe(reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', async (request, reply) => {
    const allowed = access(request);
    if (allowed === 'unauthenticated') {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="keyward-metrics"')
        .send({ error: 'invalid_credentials', message: 'Send the metrics token as "Authorization: Bearer <KEYWARD_METRICS_TOKEN>".' });
    }
    if (allowed === 'forbidden') {
      return reply.status(403).send({
        error: 'forbidden',
        message:
          'Metrics are served only to this machine. Set KEYWARD_METRICS_TOKEN to let a Prometheus server elsewhere read them with that Bearer token.',
      });
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
