import type { FastifyInstance } from 'fastify';
import type { KeywardConfig } from '../config.js';
import { type AuthService, SESSION_COOKIE } from '../users/auth.service.js';
import { requestMeta } from './request-meta.js';

/** `POST /auth/login` sets an HttpOnly, SameSite=Strict session cookie; `POST /auth/logout` ends it. */
export function registerAuthRoutes(app: FastifyInstance, services: { auth: AuthService }, config: KeywardConfig): void {
  const secure = config.publicUrl.startsWith('https://');
  app.post('/auth/login', async (request, reply) => {
    const body = (request.body ?? {}) as { email?: unknown; password?: unknown };
    const { token, expiresAt, user } = await services.auth.login(body.email, body.password, requestMeta(request));
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: expiresAt });
    reply.header('cache-control', 'no-store');
    // A user on a temporary password must change it before anything else (the SPA asks for a new one).
    return {
      user: { id: user.id, email: user.email, name: user.name },
      expiresAt: expiresAt.toISOString(),
      mustChangePassword: user.mustChangePassword,
    };
  });
  app.post('/auth/logout', async (request, reply) => {
    await services.auth.logout(request.cookies[SESSION_COOKIE], requestMeta(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
    return { ok: true };
  });
}
