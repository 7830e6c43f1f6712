import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../users/auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request from a page that is not Keyward's, with that page's origin when the browser named it; null for
 * Keyward's own pages and for requests that do not say (a script).
 */
function foreignPage(request: FastifyRequest, ownOrigin: string): { origin: string | undefined } | null {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') return { origin };
  if (origin !== undefined) {
    // Only KEYWARD_PUBLIC_URL's origin: not whatever Host the request names (a forwarded or rebound name), nor the
    // same host on another port, which is another origin a browser keeps apart.
    return origin === ownOrigin ? null : { origin };
  }
  // Browsers that send Sec-Fetch-Site send Origin on these methods too; same-site without one cannot be checked.
  return fetchSite === 'same-site' ? { origin } : null;
}

/**
 * Cross-site request forgery protection for the session cookie. A state-changing request that carries the
 * cookie (and no Authorization header, which a cross-site page cannot add without CORS) must come from
 * Keyward's own pages: an Origin other than KEYWARD_PUBLIC_URL's (scheme, host and port), or Sec-Fetch-Site
 * cross-site/same-site without it, is refused. Sign-in is checked the same way, cookie or not (login CSRF). Requests
 * with neither header (curl, scripts) pass: they cannot hold a victim's cookie. SameSite=Strict is the first
 * line; this one also covers browsers and sibling subdomains that SameSite does not.
 *
 * Returns the check for app.ts's one onRequest hook (after the cookie parser): true when it has answered 403.
 */
export function crossSiteGuard(publicUrl: string): (request: FastifyRequest, reply: FastifyReply) => boolean {
  const ownOrigin = new URL(publicUrl).origin;
  return (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return false;
    const usesSession = request.cookies[SESSION_COOKIE] !== undefined && request.headers.authorization === undefined;
    // Cheap checks first: the token endpoint passes here on every request.
    if (!usesSession && !request.url.startsWith('/auth/login')) return false;
    const path = request.url.split('?')[0];
    const isLogin = path === '/auth/login';
    if (!isLogin && !usesSession) return false;
    const foreign = foreignPage(request, ownOrigin);
    if (!foreign) return false;
    const site = foreign.origin ? `another site (${foreign.origin.slice(0, 200)})` : 'another site';
    const message = isLogin
      ? `This sign-in came from ${site}, so it was refused. Sign in on Keyward's own page at ${publicUrl}.`
      : `This request came from ${site} and carries your Keyward session, so it was refused. Nothing was changed. ` +
        `Use Keyward at ${publicUrl}; scripts should send an API key or access token as "Authorization: Bearer <token>" instead of the session cookie.`;
    request.log.warn(
      { origin: request.headers.origin ?? null, fetchSite: request.headers['sec-fetch-site'] ?? null, path },
      'cross-site request refused',
    );
    reply.status(403).header('cache-control', 'no-store');
    // /graphql answers in GraphQL's shape, like its other refusals; the REST routes as http/errors.ts does.
    if (path === '/graphql') reply.send({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] });
    else reply.send({ error: 'cross_site_request', message });
    return true;
  };
}
