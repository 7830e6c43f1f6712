import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

const API_PREFIXES = ['/graphql', '/auth/', '/oauth2/', '/.well-known/', '/pki/', '/healthz', '/readyz', '/metrics'];

/** The built SPA in <project>/dist/client, whether this file runs from server/ (tests) or dist/server/ (built). */
export function spaDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist/client');
}

// No inline scripts or styles anywhere in the SPA, so the policy can forbid them.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response carries (API and SPA alike); app.ts sets them when the request arrives. */
/** Browser features the SPA never uses, turned off for every page and answer. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

/**
 * The headers every answer carries. HSTS only when the public URL is https: browsers ignore it over http, and a
 * development install on http://localhost must not pin itself to https.
 */
export function securityHeaders(publicUrl: string): (reply: FastifyReply) => void {
  const hsts = publicUrl.startsWith('https://');
  return (reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}

/** Serves the built SPA at `/`; unknown GET paths outside the API get index.html (client-side routing). */
export async function registerSpa(app: FastifyInstance): Promise<void> {
  const root = spaDirectory();
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      setHeaders(res, path) {
        if (path.endsWith('.html')) res.header('content-security-policy', CONTENT_SECURITY_POLICY);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isApi = API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
    // A missing asset (e.g. a stale hashed bundle) is a 404, not the SPA page.
    const isAsset = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (request.method === 'GET' && !isApi && !isAsset) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      if (built) return reply.type('text/html').sendFile('index.html');
      return reply.status(503).type('text/plain').send('The admin SPA is not built yet. Run `npm run build`, then reload.');
    }
    return reply.status(404).send({ error: 'not_found', message: `No route ${request.method} ${path}.` });
  });
}
