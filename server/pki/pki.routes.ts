import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CertificateAuthorityService, TenantCa } from './ca.service.js';

/**
 * Public PKI endpoints of every tenant's CA, under its issuer: `/pki/…` for the root tenant, `/tenants/<slug>/pki/…`
 * for the others. The CRLs and certificates are DER, at the URLs issued certificates name (CRL Distribution Point,
 * Authority Information Access), so relying parties that check revocation find them on their own.
 */
export function registerPkiRoutes(app: FastifyInstance, ca: CertificateAuthorityService): void {
  const routes = (prefix: string, tenantCa: (request: FastifyRequest) => Promise<TenantCa | null>) => {
    const serve = (path: string, send: (ca: TenantCa, reply: FastifyReply) => Promise<FastifyReply> | FastifyReply) =>
      app.get(`${prefix}/pki/${path}`, async (request, reply) => {
        const found = await tenantCa(request);
        if (!found) {
          return reply.status(404).send({ error: 'not_found', message: 'No tenant is served at this address. Check the slug in the URL.' });
        }
        return send(found, reply);
      });
    const crl = (kind: 'intermediate' | 'root', filename: string) => async (found: TenantCa, reply: FastifyReply) => {
      const der = await ca.crl(found, kind);
      // Revocation takes effect at once: relying parties must ask again rather than reuse a copy.
      reply.header('cache-control', 'no-cache').header('content-disposition', `attachment; filename="${filename}"`);
      return reply.type('application/pkix-crl').send(der);
    };
    const certificate = (kind: 'intermediate' | 'root') => (found: TenantCa, reply: FastifyReply) =>
      reply.header('cache-control', 'public, max-age=3600').type('application/pkix-cert').send(found[kind].certificateDer);

    serve('crl', crl('intermediate', 'keyward.crl'));
    serve('root.crl', crl('root', 'keyward-root.crl'));
    serve('intermediate.crt', certificate('intermediate'));
    serve('root.crt', certificate('root'));
    serve('ca-chain.pem', (found, reply) => reply.type('application/x-pem-file').send(found.pem.chain));
  };
  routes('', () => ca.forRootTenant());
  routes('/tenants/:slug', (request) => ca.forSlug((request.params as { slug: string }).slug));
}
