import type { FastifyInstance } from 'fastify';
import type { CertificateAuthorityService } from './ca.service.js';

/** Public PKI endpoints: the CRL of revoked client certificates and the CA chain to trust. */
export function registerPkiRoutes(app: FastifyInstance, ca: CertificateAuthorityService): void {
  app.get('/pki/crl', async (_request, reply) => {
    const crl = await ca.crl();
    // Revocation takes effect at once, so the list is signed fresh on every request and never cached.
    reply.header('cache-control', 'no-cache').header('content-disposition', 'attachment; filename="keyward.crl"');
    return reply.type('application/pkix-crl').send(crl);
  });
  app.get('/pki/ca-chain.pem', async (_request, reply) => {
    return reply.type('application/x-pem-file').send(ca.certificatesPem().chain);
  });
}
