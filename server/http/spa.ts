import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const API_PREFIXES = ['/graphql', '/auth/', '/oauth2/', '/.well-known/', '/pki/', '/healthz', '/readyz', '/metrics'];

/** dist/client, found from both server/ (tests) and dist/server/ (built). */
export function spaDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../../client'), join(here, '../../dist/client')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return join(here, '../../dist/client');
}

/** Serves the built SPA at `/`; unknown GET paths outside the API get index.html (client-side routing). */
export async function registerSpa(app: FastifyInstance): Promise<void> {
  const root = spaDirectory();
  const built = existsSync(join(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isApi = API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
    if (request.method === 'GET' && !isApi) {
      if (built) return reply.type('text/html').sendFile('index.html');
      return reply.status(503).type('text/plain').send('The admin SPA is not built yet. Run `npm run build`, then reload.');
    }
    return reply.status(404).send({ error: 'not_found', message: `No route ${request.method} ${path}.` });
  });
}
