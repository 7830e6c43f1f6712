import type { FastifyRequest } from 'fastify';
import type { RequestMeta } from '../kernel/viewer.js';

export function requestMeta(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    // Fastify resolves X-Forwarded-For only when the peer is one of KEYWARD_TRUSTED_PROXIES.
    ipAddress: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
  };
}
