import { createHash, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { checkSecretShape, hashClientSecret } from '../credentials/client-secret.js';
import { CredentialType } from '../credentials/credential.entity.js';
import type { CachedClient, CachedCredential, ClientCache } from './client-cache.js';
import { InvalidClient, InvalidRequest } from './errors.js';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'tls_client_auth';

export interface AuthenticatedClient {
  client: CachedClient;
  credential: CachedCredential;
  method: AuthMethod;
  /** base64url SHA-256 of the client certificate (RFC 8705 `x5t#S256`), for tls_client_auth. */
  certificateThumbprint?: string;
}

/** Where a client certificate can come from: the mTLS listener's socket, or a trusted proxy's header. */
export type PeerCertificateSource = (request: FastifyRequest) => X509Certificate | null;

function parseBasic(header: string): { clientId: string; secret: string } {
  const encoded = header.slice('basic '.length).trim();
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidRequest('The Authorization header is not valid HTTP Basic: expected base64 of client_id:client_secret.');
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new InvalidRequest(
      'The Authorization header is not valid HTTP Basic: the client_id or client_secret is not URL-encoded correctly.',
    );
  }
}

/**
 * Exactly one client authentication per request (RFC 6749 §2.3): HTTP Basic, client_secret in the body, or
 * a Keyward-issued certificate (RFC 8705 tls_client_auth, with client_id in the body). Refusals never say
 * whether the client exists.
 */
export class ClientAuthenticator {
  constructor(
    private readonly cache: ClientCache,
    private readonly pepper: Buffer,
  ) {}

  /** The client_id the request names, before authenticating it (for rate limiting). */
  claimedClientId(request: FastifyRequest, body: Record<string, string>): string | null {
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith('basic ')) {
      try {
        return parseBasic(header).clientId;
      } catch {
        return null;
      }
    }
    return body.client_id ?? null;
  }

  async authenticate(
    request: FastifyRequest,
    body: Record<string, string>,
    peerCertificate: X509Certificate | null,
  ): Promise<AuthenticatedClient> {
    const header = request.headers.authorization;
    const basic = header?.toLowerCase().startsWith('basic ') ? parseBasic(header) : null;
    if (header && !basic) throw new InvalidRequest('Only HTTP Basic client authentication is accepted in the Authorization header.');
    const post = body.client_secret !== undefined;
    const methods = [basic, post].filter(Boolean).length;
    if (methods > 1)
      throw new InvalidRequest('Use exactly one client authentication method: HTTP Basic or client_secret in the body, not both.');

    if (basic || post) {
      const clientId = basic ? basic.clientId : body.client_id;
      const secret = basic ? basic.secret : body.client_secret;
      if (!clientId) throw new InvalidRequest('client_id is required with client_secret_post.');
      if (basic && body.client_id && body.client_id !== basic.clientId)
        throw new InvalidRequest('client_id in the body does not match the Authorization header.');
      return { ...(await this.bySecret(clientId, secret)), method: basic ? 'client_secret_basic' : 'client_secret_post' };
    }
    if (peerCertificate) {
      if (!body.client_id) throw new InvalidRequest('client_id is required with tls_client_auth (RFC 8705).');
      return this.byCertificate(body.client_id, peerCertificate);
    }
    throw new InvalidClient(
      'Client authentication is required: HTTP Basic, client_secret_post, or a client certificate on the mTLS endpoint.',
    );
  }

  private async bySecret(clientId: string, secret: string): Promise<Omit<AuthenticatedClient, 'method'>> {
    // A mistyped or foreign secret fails its checksum here, before any lookup.
    if (!checkSecretShape(secret).ok) throw new InvalidClient('Client authentication failed.');
    const client = await this.cache.get(clientId);
    if (!client) throw new InvalidClient('Client authentication failed.');
    const presented = Buffer.from(hashClientSecret(secret, this.pepper));
    const credential = client.credentials.find(
      (c) =>
        c.type === CredentialType.CLIENT_SECRET &&
        c.secretHash !== null &&
        c.secretHash.length === presented.length &&
        timingSafeEqual(Buffer.from(c.secretHash), presented),
    );
    if (!credential || !this.cache.isUsable(client, credential)) throw new InvalidClient('Client authentication failed.');
    return { client, credential };
  }

  private async byCertificate(clientId: string, certificate: X509Certificate): Promise<AuthenticatedClient> {
    const client = await this.cache.get(clientId);
    const thumbprintHex = createHash('sha256').update(certificate.raw).digest('hex');
    const credential = client?.credentials.find((c) => c.type === CredentialType.CERTIFICATE && c.thumbprint === thumbprintHex);
    if (!client || !credential || !this.cache.isUsable(client, credential)) throw new InvalidClient('Client authentication failed.');
    const thumbprint = Buffer.from(thumbprintHex, 'hex').toString('base64url');
    return { client, credential, method: 'tls_client_auth', certificateThumbprint: thumbprint };
  }
}
