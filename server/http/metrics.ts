import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics on `/metrics`, one registry per app so several apps can share a process (tests). */
/** Cumulative counts kept by a service, exposed as Prometheus counters. */
export type CountSource = () => number;

export function registerMetrics(app: FastifyInstance, counters: Record<string, { help: string; value: CountSource }> = {}): Registry {
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
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
