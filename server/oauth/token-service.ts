import type { X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Orm } from '../db/orm.js';
import { inList } from '../http/addresses.js';
import type { AccessTokenClaims, AccessTokens } from './access-token.js';
import type { AuthenticatedClient, ClientAuthenticator, PresentedAuth } from './client-auth.js';
import type { CachedClient, ClientCache } from './client-cache.js';
import { InvalidRequest, InvalidScope, OAuthError, TooManyFailures, UnauthorizedClient, UnsupportedGrantType } from './errors.js';
import type { FailureLimiter } from './failure-limiter.js';
import { RevokedToken } from './oauth.entities.js';
import type { UsageRecorder } from './usage.js';

export const INTROSPECTION_SCOPE_NAME = 'keyward:tokens.introspect';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * The OAuth 2.0 endpoints' logic (RFC 6749 §4.4, RFC 7662, RFC 7009), independent of HTTP: the routes
 * parse requests and turn OAuthErrors into responses.
 */
export class TokenService {
  constructor(
    private readonly orm: Orm,
    private readonly cache: ClientCache,
    private readonly authenticator: ClientAuthenticator,
    private readonly tokens: AccessTokens,
    private readonly limiter: FailureLimiter,
    private readonly usage: UsageRecorder,
    private readonly clock: Clock,
  ) {}

  /** Stops the token signer's worker thread (at shutdown). */
  close(): Promise<void> {
    return this.tokens.close();
  }

  /** Authenticates the caller, counting failures per client and address and refusing repeat offenders. */
  private async authenticate(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
  ): Promise<AuthenticatedClient> {
    let presented: PresentedAuth | null = null;
    let malformed: unknown = null;
    try {
      presented = this.authenticator.presented(request, body, certificate);
    } catch (error) {
      malformed = error;
    }
    const claimed = presented?.clientId ?? null;
    const retryAfter = this.limiter.retryAfter(claimed, request.ip);
    if (retryAfter !== null) throw new TooManyFailures(retryAfter);
    try {
      if (!presented) throw malformed;
      return await this.authenticator.authenticate(presented);
    } catch (error) {
      if (error instanceof OAuthError) this.limiter.fail(claimed, request.ip);
      throw error;
    }
  }

  /** client_credentials: a JWT access token for the scopes asked for (all granted ones when none are). */
  async token(request: FastifyRequest, body: Record<string, string>, certificate: X509Certificate | null): Promise<TokenResponse> {
    if (!body.grant_type) throw new InvalidRequest('grant_type is required; Keyward supports grant_type=client_credentials.');
    if (body.grant_type !== 'client_credentials') {
      throw new UnsupportedGrantType(`grant_type "${body.grant_type.slice(0, 50)}" is not supported; use client_credentials.`);
    }
    const { client, credential, certificateThumbprint } = await this.authenticate(request, body, certificate);
    if (client.allowedAddresses && !inList(client.allowedAddresses, request.ip)) {
      this.limiter.fail(client.clientId, request.ip);
      throw new UnauthorizedClient(
        `Requests from ${request.ip} are not allowed for this client; its allowed IP ranges do not include this address.`,
      );
    }
    const grant = body.scope?.trim() ? this.requestedGrant(client, body.scope) : client.defaultGrant;

    const { token, claims } = await this.tokens.issue({
      clientId: client.clientId,
      tenantSlug: client.tenantSlug,
      credentialId: credential.id,
      scopes: grant.scopes,
      audiences: grant.audiences,
      lifetimeSeconds: client.accessTokenLifetimeSeconds,
      certificateThumbprint,
    });
    this.usage.record(client.id, credential.id, this.clock.now());
    return { access_token: token, token_type: 'Bearer', expires_in: (claims.exp as number) - (claims.iat as number), scope: claims.scope };
  }

  /** The scopes a request names (RFC 6749 §3.3), each of which must be granted to the client. */
  private requestedGrant(client: CachedClient, scope: string): { scopes: string[]; audiences: string[] } {
    const requested = [...new Set(scope.trim().split(/\s+/))];
    const ungranted = requested.filter((name) => !client.scopes.has(name));
    if (ungranted.length > 0)
      throw new InvalidScope(`Scope ${ungranted.map((s) => `"${s.slice(0, 100)}"`).join(', ')} is not granted to this client.`);
    return { scopes: requested, audiences: [...new Set(requested.map((name) => client.scopes.get(name) as string))] };
  }

  /**
   * The claims of a token that is still good: signed by Keyward, unexpired, not revoked, and its client and
   * credential still exist and are usable. Used by introspection and by GraphQL bearer authentication.
   */
  async activeClaims(token: string): Promise<AccessTokenClaims | null> {
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    const client = await this.cache.get(claims.client_id);
    const credential = client?.credentials.find((c) => c.id === claims.kw_cid);
    if (!client || !credential || !this.cache.isUsable(client, credential)) return null;
    if ((await this.orm.em.fork().count(RevokedToken, { jti: claims.jti as string })) > 0) return null;
    return claims;
  }

  /** RFC 7662: only a client holding keyward:tokens.introspect may ask, and only about its own tenant's tokens. */
  async introspect(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
  ): Promise<Record<string, unknown>> {
    const caller = await this.authenticate(request, body, certificate);
    if (!caller.client.scopes.has(INTROSPECTION_SCOPE_NAME)) {
      throw new UnauthorizedClient(`This client may not introspect tokens: grant it the ${INTROSPECTION_SCOPE_NAME} scope.`);
    }
    if (!body.token) throw new InvalidRequest('token is required.');
    const claims = await this.activeClaims(body.token);
    if (!claims || claims.tenant !== caller.client.tenantSlug) return { active: false };
    const { kw_cid: _credential, ...visible } = claims;
    return { active: true, token_type: 'Bearer', ...visible };
  }

  /** RFC 7009: a client revokes its own tokens; the answer is 200 whether or not the token was valid. */
  async revoke(request: FastifyRequest, body: Record<string, string>, certificate: X509Certificate | null): Promise<void> {
    const caller = await this.authenticate(request, body, certificate);
    if (!body.token) throw new InvalidRequest('token is required.');
    const claims = await this.tokens.verify(body.token);
    if (!claims || claims.client_id !== caller.client.clientId) return;
    await this.orm.em
      .fork()
      .getConnection()
      .execute('insert into revoked_token (jti, api_client_id, expires_at, revoked_at) values (?, ?, ?, ?) on conflict (jti) do nothing', [
        claims.jti,
        caller.client.id,
        new Date((claims.exp as number) * 1000),
        this.clock.now(),
      ]);
  }

  /** Expired revocations are no longer needed. */
  async pruneRevoked(): Promise<void> {
    await this.orm.em.fork().nativeDelete(RevokedToken, { expiresAt: { $lt: this.clock.now() } });
  }
}
