import { createHash, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { checkSecretShape, hashClientSecret } from '../credentials/client-secret.js';
import { CredentialType } from '../credentials/credential.entity.js';
import type { FederatedAssertions } from '../credentials/kinds/federated.js';
import { ASSERTION_TYPE, AssertionRefused, type ClientAssertions, subjectOfAssertion } from '../credentials/kinds/private-key-jwt.js';
import type { CachedClient, CachedCredential, ClientCache } from './client-cache.js';
import { InvalidClient, InvalidRequest } from './errors.js';

/** `federated`: a token from an external issuer as the client assertion, the client named by client_id (FEDERATED credentials). */
export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'tls_client_auth' | 'private_key_jwt' | 'federated';

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

/** The client authentication a request presents, read once: the client_id it names drives rate limiting. */
export type PresentedAuth =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientId: string; secret: string }
  | { method: 'tls_client_auth'; clientId: string; certificate: X509Certificate }
  | { method: 'private_key_jwt'; clientId: string; assertion: string }
  | { method: 'federated'; clientId: string; assertion: string };

/**
 * Exactly one client authentication per request (RFC 6749 §2.3): HTTP Basic, client_secret in the body, or
 * a Keyward-issued certificate (RFC 8705 tls_client_auth, with client_id in the body). Refusals never say
 * whether the client exists.
 */
export class ClientAuthenticator {
  /**
   * What a secret naming no client is compared with: the HMAC of a secret nobody holds, so a miss on an unknown client
   * ID runs the same hash and comparison as a wrong secret of a known one.
   */
  private readonly decoy: Buffer;

  constructor(
    private readonly cache: ClientCache,
    private readonly pepper: Buffer,
    /** The secret hash (HMAC-SHA-256 with the pepper); replaceable so tests can count how often it runs. */
    private readonly hashSecret: (secret: string, pepper: Buffer) => string = hashClientSecret,
    /** Verifies private_key_jwt client assertions (credentials/kinds/private-key-jwt.ts); null where none are expected (unit tests). */
    private readonly assertions: ClientAssertions | null = null,
    /** Verifies tokens of external issuers against FEDERATED credentials (credentials/kinds/federated.ts); null where none are expected. */
    private readonly federated: FederatedAssertions | null = null,
  ) {
    this.decoy = Buffer.from(hashClientSecret(randomBytes(32).toString('base64url'), pepper));
  }

  /**
   * Reads the authentication the request presents, without verifying it; malformed or ambiguous requests are refused.
   * Next to a client certificate, an empty client secret (in the body or as the Basic password) means none: client
   * libraries such as simple-oauth2 always send one. Without a certificate it is a secret that fails to verify.
   */
  presented(request: FastifyRequest, body: Record<string, string>, peerCertificate: X509Certificate | null): PresentedAuth {
    const header = request.headers.authorization;
    // Another scheme (Bearer, Digest) is a client authentication this endpoint does not accept: invalid_client, 401.
    if (header && !/^basic /i.test(header))
      throw new InvalidClient(
        'Only HTTP Basic client authentication is accepted in the Authorization header; send the client ID and secret as Basic, or client_secret in the body.',
      );
    const basic = header ? parseBasic(header) : null;
    const withCertificate = peerCertificate !== null;
    const basicSecret = basic && !(withCertificate && basic.secret === '') ? basic : null;
    const postSecret = body.client_secret !== undefined && !(withCertificate && body.client_secret === '');
    if (body.client_assertion !== undefined || body.client_assertion_type !== undefined) {
      if (basicSecret || postSecret)
        throw new InvalidRequest('Use exactly one client authentication method: a client assertion or a client secret, not both.');
      return this.presentedAssertion(body);
    }
    if (basicSecret && postSecret)
      throw new InvalidRequest('Use exactly one client authentication method: HTTP Basic or client_secret in the body, not both.');
    if (basic && body.client_id && body.client_id !== basic.clientId)
      throw new InvalidRequest('client_id in the body does not match the one in the Authorization header.');
    if (basicSecret) return { method: 'client_secret_basic', clientId: basicSecret.clientId, secret: basicSecret.secret };
    if (postSecret) {
      if (!body.client_id) throw new InvalidRequest('client_id is required with client_secret in the body.');
      return { method: 'client_secret_post', clientId: body.client_id, secret: body.client_secret };
    }
    if (peerCertificate) {
      // The client ID comes from the body (RFC 8705) or from a Basic header with an empty password.
      const clientId = body.client_id || basic?.clientId;
      if (!clientId) throw new InvalidRequest('client_id is required with a client certificate (tls_client_auth); send it in the body.');
      return { method: 'tls_client_auth', clientId, certificate: peerCertificate };
    }
    throw new InvalidClient(
      'Client authentication is required: HTTP Basic, client_secret in the body, or a client certificate on the mTLS endpoint.',
    );
  }

  /**
   * RFC 7523 §2.2: client_assertion_type jwt-bearer, the JWT in client_assertion; client_id optional, and then its `sub`.
   * A JWT whose `sub` is not the client_id given is an external issuer's token for a FEDERATED credential.
   */
  private presentedAssertion(body: Record<string, string>): PresentedAuth {
    if (body.client_assertion_type !== ASSERTION_TYPE)
      throw new InvalidClient(`client_assertion_type must be ${ASSERTION_TYPE} (a JWT signed with the client's private key).`);
    if (!body.client_assertion) throw new InvalidRequest('client_assertion is required with client_assertion_type; send the signed JWT.');
    const subject = subjectOfAssertion(body.client_assertion);
    if (body.client_id && body.client_id !== subject)
      return { method: 'federated', clientId: body.client_id, assertion: body.client_assertion };
    const clientId = body.client_id || subject;
    if (!clientId) throw new InvalidClient('client_assertion is not a signed JWT naming the client in sub.');
    return { method: 'private_key_jwt', clientId, assertion: body.client_assertion };
  }

  /**
   * Verifies what `presented` read. A client already in the cache costs no database round trip and no await. The
   * secret's HMAC (or the certificate's thumbprint) is computed whether or not the client exists, and an unknown
   * client's is compared with a decoy: a miss costs the same for an unknown client ID as for a known one.
   */
  async authenticate(presented: PresentedAuth): Promise<AuthenticatedClient> {
    // A mistyped or foreign secret fails its checksum here, before any lookup or hashing.
    if (presented.method === 'private_key_jwt' || presented.method === 'federated') return this.byAssertion(presented);
    if (presented.method !== 'tls_client_auth' && !checkSecretShape(presented.secret).ok)
      throw new InvalidClient('Client authentication failed.');
    // No client ID holds U+0000 (PostgreSQL text cannot), so such a one names no client; looking it up would fail.
    if (presented.clientId.includes('\u0000')) throw new InvalidClient('Client authentication failed.');
    const thumbprint = presented.method === 'tls_client_auth' ? createHash('sha256').update(presented.certificate.raw).digest('hex') : '';
    const hash = presented.method === 'tls_client_auth' ? null : Buffer.from(this.hashSecret(presented.secret, this.pepper));
    const cached = this.cache.peek(presented.clientId);
    const client = cached === undefined ? await this.cache.get(presented.clientId) : cached;
    if (!client) {
      if (hash) this.matches(this.decoy, hash);
      throw new InvalidClient('Client authentication failed.');
    }
    // The one dispatch over the ways a client proves itself: a new credential kind's method is one case here.
    switch (presented.method) {
      case 'client_secret_basic':
      case 'client_secret_post':
        return this.bySecret(client, hash as Buffer, presented.method);
      case 'tls_client_auth':
        return this.byCertificate(client, thumbprint);
    }
  }

  /**
   * A client assertion: checked against the client's usable private_key_jwt credentials, or an external token against its
   * usable federated credentials (oldest first); a jti is used up.
   */
  private async byAssertion({ method, clientId, assertion }: Extract<PresentedAuth, { assertion: string }>): Promise<AuthenticatedClient> {
    const verifier = method === 'federated' ? this.federated : this.assertions;
    if (clientId.includes('\u0000') || !verifier) throw new InvalidClient('Client authentication failed.');
    const client = await this.cache.get(clientId);
    if (!client) throw new InvalidClient('Client authentication failed.');
    const type = method === 'federated' ? CredentialType.FEDERATED : CredentialType.PRIVATE_KEY_JWT;
    const usable = client.credentials.filter((c) => c.type === type && this.cache.isUsable(client, c));
    try {
      const named = { id: client.id, clientId: client.clientId, slug: client.tenantSlug, rootIssuer: client.rootIssuer };
      const credential = await verifier.verify(named, usable, assertion);
      return { client, credential, method };
    } catch (error) {
      if (error instanceof AssertionRefused) throw new InvalidClient(error.message);
      throw error;
    }
  }

  /** Constant-time comparison of two secret hashes. */
  private matches(stored: Buffer, presented: Buffer): boolean {
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  }

  private bySecret(client: CachedClient, presented: Buffer, method: AuthMethod): AuthenticatedClient {
    const credential = client.credentials.find((c) => c.secretHash !== null && this.matches(c.secretHash, presented));
    if (!credential || !this.cache.isUsable(client, credential)) throw new InvalidClient('Client authentication failed.');
    return { client, credential, method };
  }

  private byCertificate(client: CachedClient, thumbprintHex: string): AuthenticatedClient {
    const credential = client.credentials.find((c) => c.type === CredentialType.CERTIFICATE && c.thumbprint === thumbprintHex);
    if (!credential || !this.cache.isUsable(client, credential)) throw new InvalidClient('Client authentication failed.');
    const thumbprint = Buffer.from(thumbprintHex, 'hex').toString('base64url');
    return { client, credential, method: 'tls_client_auth', certificateThumbprint: thumbprint };
  }
}
