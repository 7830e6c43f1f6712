import { X509Certificate as X509, type X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import { addressList, inList } from '../kernel/addresses.js';
import type { Clock } from '../kernel/clock.js';
import { type OAuthEndpoints, registerOAuth } from '../oauth/oauth.routes.js';
import type { CertificateAuthorityService } from '../pki/ca.service.js';
import { issueServerCertificate } from '../pki/issue.js';
import { generateKeyPair } from '../pki/keys.js';
import { toPem } from '../pki/pem.js';
import { logOneLinePerRequest } from './request-logger.js';
import type { ListenerTimeouts } from './timeouts.js';

/** Per connection: the client certificate once its chain checked out, or null when it did not. */
const verifiedSockets = new WeakMap<TLSSocket, X509Certificate | null>();

/**
 * The certificate of a request on the mTLS listener, when one of the tenants' intermediates issued it and it is
 * within its validity. The TLS handshake proved possession of its key; the chain is checked here, once per
 * connection, because the listener accepts every tenant's CA and so cannot hand TLS one fixed trust list.
 */
export function socketCertificate(ca: CertificateAuthorityService): (request: FastifyRequest) => X509Certificate | null {
  return (request) => {
    const socket = request.raw.socket as TLSSocket;
    if (!socket.encrypted) return null;
    let certificate = verifiedSockets.get(socket);
    if (certificate === undefined) {
      const presented = socket.getPeerX509Certificate() ?? null;
      const check = presented ? ca.intermediates.check(presented) : 'invalid';
      certificate = check === 'valid' ? presented : null;
      // An issuer not loaded yet was looked up before the request (startMtlsListener); not remembered, so it is checked again.
      if (check !== 'unknown-issuer') verifiedSockets.set(socket, certificate);
    }
    return certificate && ca.intermediates.withinValidity(certificate) ? certificate : null;
  };
}

/**
 * Behind a TLS-terminating proxy: the client certificate arrives URL-encoded in `X-Client-Cert` (nginx's
 * $ssl_client_escaped_cert), believed only from KEYWARD_TRUSTED_PROXIES, and only when one of the tenants'
 * intermediates issued it and it is within its validity. An intermediate made by another process since this one
 * started is loaded first (once; known ones cost no await).
 */
export function proxyCertificate(
  trustedProxies: string[],
  ca: CertificateAuthorityService,
  clock: Clock,
): (request: FastifyRequest) => X509Certificate | null | Promise<X509Certificate | null> {
  const trusted = addressList(trustedProxies);
  return (request) => {
    const header = request.headers['x-client-cert'];
    const peer = request.raw.socket.remoteAddress;
    if (typeof header !== 'string' || !peer || !trusted || !inList(trusted, peer)) return null;
    let certificate: X509Certificate;
    try {
      certificate = new X509(decodeURIComponent(header));
    } catch {
      return null;
    }
    const verdict = () => (ca.intermediates.check(certificate, clock.now()) === 'valid' ? certificate : null);
    if (!ca.intermediates.isUnknown(certificate)) return verdict();
    return ca.intermediates.learnIssuerOf(certificate).then(verdict, () => null);
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
 * issued by the root tenant's intermediate for the configured host names at every start and kept in memory only.
 */
export async function startMtlsListener(options: {
  port: number;
  host: string;
  hostnames: string[];
  ca: CertificateAuthorityService;
  endpoints: Omit<OAuthEndpoints, 'peerCertificate'>;
  /** Serves /graphql here too, where certificate-bound access tokens are accepted with their certificate (docs/permissions.md#certificate-bound-tokens-on-graphql). */
  mountGraphQL?: (app: FastifyInstance, certificate: (request: FastifyRequest) => X509Certificate | null) => Promise<void>;
  logger: Logger;
  trustProxy: string[] | false;
  /** The same request, body and handshake timeouts as the public listener (http/timeouts.ts). */
  timeouts: ListenerTimeouts;
}): Promise<MtlsListener> {
  const keys = await generateKeyPair('EC_P256');
  const serverCa = await options.ca.forRootTenant();
  const ipAddresses = options.hostnames.filter((h) => /^\d+\.\d+\.\d+\.\d+$/.test(h));
  const dnsNames = options.hostnames.filter((h) => !ipAddresses.includes(h));
  const issued = await issueServerCertificate({
    issuer: serverCa.intermediate,
    subjectPublicKeySpki: keys.publicKeySpki,
    dnsNames: dnsNames.length > 0 ? dnsNames : ['localhost'],
    ipAddresses: [...new Set([...ipAddresses, '127.0.0.1'])],
    notAfter: new Date(Date.now() + 365 * 86_400_000),
  });
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Fastify's own two lines per request off: logOneLinePerRequest writes one.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy,
    requestTimeout: options.timeouts.requestTimeout,
    keepAliveTimeout: options.timeouts.keepAliveTimeout,
    https: {
      ...options.timeouts.server,
      key: toPem(keys.privateKeyPkcs8, 'PRIVATE KEY'),
      cert: toPem(issued.certificateDer, 'CERTIFICATE') + serverCa.pem.intermediate,
      // Every tenant's certificates are welcome, from CAs made while the listener runs, so TLS gets no fixed `ca`
      // list (nor sends one, which would make clients such as Java hold back other tenants' certificates): the
      // handshake proves key possession and socketCertificate checks the chain. An unverified certificate is
      // answered with invalid_client instead of a failed handshake.
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
  });
  logOneLinePerRequest(app, options.logger as FastifyBaseLogger);
  // A certificate from a tenant CA this process has not loaded yet (made by another process) is looked up first.
  app.addHook('onRequest', (request, _reply, done) => {
    const socket = request.raw.socket as TLSSocket;
    const certificate = verifiedSockets.has(socket) ? null : socket.getPeerX509Certificate?.();
    if (!certificate || !options.ca.intermediates.isUnknown(certificate)) return done();
    options.ca.intermediates.learnIssuerOf(certificate).then(() => done(), done);
  });
  await registerOAuth(app, { ...options.endpoints, peerCertificate: socketCertificate(options.ca) });
  await options.mountGraphQL?.(app, socketCertificate(options.ca));
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, port, baseUrl: `https://${options.hostnames[0] ?? 'localhost'}:${port}` };
}
