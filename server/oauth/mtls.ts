import { X509Certificate as X509, type X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { addressList, inList } from '../http/addresses.js';
import type { CertificateAuthorityService } from '../pki/ca.service.js';
import { issueServerCertificate } from '../pki/issue.js';
import { generateKeyPair } from '../pki/keys.js';
import { toPem } from '../pki/pem.js';
import { type OAuthEndpoints, registerFormParser, registerOAuthRoutes } from './oauth.routes.js';

/** The certificate of a request on the mTLS listener, when it chains to Keyward's CA. */
export function socketCertificate(request: FastifyRequest): X509Certificate | null {
  const socket = request.raw.socket as TLSSocket;
  if (!socket.encrypted || !socket.authorized) return null;
  return socket.getPeerX509Certificate() ?? null;
}

/**
 * Behind a TLS-terminating proxy: the client certificate arrives URL-encoded in `X-Client-Cert` (nginx's
 * $ssl_client_escaped_cert), believed only from KEYWARD_TRUSTED_PROXIES, and only when it was issued by
 * Keyward's intermediate and is within its validity.
 */
export function proxyCertificate(
  trustedProxies: string[],
  ca: CertificateAuthorityService,
  clock: Clock,
): (request: FastifyRequest) => X509Certificate | null {
  const trusted = addressList(trustedProxies);
  return (request) => {
    const header = request.headers['x-client-cert'];
    const peer = request.raw.socket.remoteAddress;
    if (typeof header !== 'string' || !peer || !trusted || !inList(trusted, peer)) return null;
    try {
      const certificate = new X509(decodeURIComponent(header));
      const intermediate = new X509(ca.intermediate.certificateDer);
      const now = clock.now().getTime();
      if (!certificate.verify(intermediate.publicKey)) return null;
      if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) return null;
      return certificate;
    } catch {
      return null;
    }
  };
}

export interface MtlsListener {
  app: FastifyInstance;
  /** https://<first host name>:<port>, for discovery's mtls_endpoint_aliases. */
  baseUrl: string;
  port: number;
}

/**
 * A TLS listener that asks for client certificates (RFC 8705 tls_client_auth). Its server certificate is
 * issued by Keyward's intermediate for the configured host names at every start and kept in memory only.
 */
export async function startMtlsListener(options: {
  port: number;
  host: string;
  hostnames: string[];
  ca: CertificateAuthorityService;
  endpoints: Omit<OAuthEndpoints, 'peerCertificate'>;
  logger: Logger;
  trustProxy: string[] | false;
}): Promise<MtlsListener> {
  const keys = await generateKeyPair('EC_P256');
  const ipAddresses = options.hostnames.filter((h) => /^\d+\.\d+\.\d+\.\d+$/.test(h));
  const dnsNames = options.hostnames.filter((h) => !ipAddresses.includes(h));
  const issued = await issueServerCertificate({
    issuer: options.ca.intermediate,
    subjectPublicKeySpki: keys.publicKeySpki,
    dnsNames: dnsNames.length > 0 ? dnsNames : ['localhost'],
    ipAddresses: [...new Set([...ipAddresses, '127.0.0.1'])],
    notAfter: new Date(Date.now() + 365 * 86_400_000),
  });
  const pem = options.ca.certificatesPem();
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: options.trustProxy,
    https: {
      key: toPem(keys.privateKeyPkcs8, 'PRIVATE KEY'),
      cert: toPem(issued.certificateDer, 'CERTIFICATE') + pem.intermediate,
      ca: pem.chain,
      requestCert: true,
      // Unverified certificates are answered with invalid_client instead of a failed handshake.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
  });
  registerFormParser(app);
  registerOAuthRoutes(app, { ...options.endpoints, peerCertificate: socketCertificate });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, port, baseUrl: `https://${options.hostnames[0] ?? 'localhost'}:${port}` };
}
