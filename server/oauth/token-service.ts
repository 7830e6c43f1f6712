import { randomUUID, type X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Orm } from '../db/orm.js';
import { inList } from '../kernel/addresses.js';
import type { Clock } from '../kernel/clock.js';
import type { AccessTokenClaims, AccessTokens, IssuedToken } from './access-token.js';
import type { AuthenticatedClient, ClientAuthenticator, PresentedAuth } from './client-auth.js';
import type { CachedClient, ClientCache } from './client-cache.js';
import type { DpopProofs } from './dpop.js';
import { DpopProofError } from './dpop.js';
import {
  InvalidClient,
  InvalidDpopProof,
  InvalidRequest,
  InvalidScope,
  InvalidTarget,
  OAuthError,
  TooManyFailures,
  UnauthorizedClient,
  UnsupportedGrantType,
} from './errors.js';
import type { FailureLimiter } from './failure-limiter.js';
import { RevokedToken } from './oauth.entities.js';
import type { TokenQuotas, TokenToIssue } from './token-quotas.js';
import type { UsageRecorder } from './usage.js';

export const INTROSPECTION_SCOPE_NAME = 'keyward:tokens.introspect';

/** Where a successful answer's header fields go (the RateLimit fields of a client with quotas): the HTTP reply. */
export interface ResponseHeaders {
  header(name: string, value: string): unknown;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer' | 'DPoP';
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
    private readonly dpop: DpopProofs,
    private readonly quotas: TokenQuotas,
  ) {}

  /** Stops the token signer's worker thread (at shutdown). */
  close(): Promise<void> {
    return this.tokens.close();
  }

  /**
   * Authenticates the caller of the token, introspection and revocation endpoints alike: its credentials, its tenant
   * (on a tenant's own endpoints, `tenantId` set, only that tenant's clients authenticate; the root endpoints take any
   * tenant's) and its allowedIpRanges. The failure budgets are consulted only once this has failed, so failures
   * others made naming the client never refuse a caller that authenticates, and a success costs no extra work.
   */
  private async authenticate(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
    tenantId: string | null,
  ): Promise<AuthenticatedClient> {
    let presented: PresentedAuth | null = null;
    try {
      presented = this.authenticator.presented(request, body, certificate);
      const authenticated = await this.authenticator.authenticate(presented);
      const { client } = authenticated;
      if (tenantId !== null && client.tenantId !== tenantId) throw new InvalidClient('Client authentication failed.');
      if (client.allowedAddresses && !inList(client.allowedAddresses, request.ip)) {
        throw new UnauthorizedClient(
          `Requests from ${request.ip} are not allowed for this client; its allowed IP ranges do not include this address.`,
        );
      }
      return authenticated;
    } catch (error) {
      throw this.refusal(error, presented?.clientId ?? null, request.ip);
    }
  }

  /** A failed authentication as answered: itself within the failure budgets, 429 with Retry-After past either. */
  private refusal(error: unknown, clientId: string | null, address: string): unknown {
    if (!(error instanceof OAuthError)) return error;
    const retryAfter = this.limiter.fail(clientId, address);
    return retryAfter === null ? error : new TooManyFailures(retryAfter);
  }

  /** client_credentials: a JWT access token for the scopes asked for (all granted ones when none are). */
  async token(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
    tenantId: string | null = null,
    response?: ResponseHeaders,
  ): Promise<TokenResponse> {
    if (!body.grant_type) throw new InvalidRequest('grant_type is required; Keyward supports grant_type=client_credentials.');
    if (body.grant_type !== 'client_credentials') {
      throw new UnsupportedGrantType(`grant_type '${body.grant_type.slice(0, 50)}' is not supported; use client_credentials.`);
    }
    const { client, credential, certificateThumbprint } = await this.authenticate(request, body, certificate, tenantId);
    const grant = this.grantFor(client, body.scope, body.resource);
    // Read and awaited only when sent: a token request without a DPoP header costs nothing more.
    const dpopKeyThumbprint = request.headers.dpop === undefined ? undefined : await this.proofKey(request);
    if (client.requireSenderConstrainedTokens && dpopKeyThumbprint === undefined && !certificateThumbprint) {
      // invalid_request, not invalid_client: the client authenticated; its request lacks what this client must send.
      throw new InvalidRequest(
        'This client may only get sender-constrained tokens: send a DPoP proof in the DPoP header, or authenticate with its client certificate (tls_client_auth).',
      );
    }

    // A client without token quotas costs this one field check: no database round trip (docs/token-service.md#quotas).
    const quota = client.quota === null ? undefined : await this.takeQuota(client, credential);
    let issued: IssuedToken;
    try {
      issued = await this.tokens.issue({
        tenantId: client.tenantId,
        clientId: client.clientId,
        tenantSlug: client.tenantSlug,
        credentialId: credential.id,
        scopes: grant.scopes,
        audience: grant.audience,
        lifetimeSeconds: client.accessTokenLifetimeSeconds,
        certificateThumbprint,
        dpopKeyThumbprint,
        jti: quota?.token.jti,
        issuedAt: quota?.token.iat,
      });
    } catch (error) {
      // Not issued after all: its place among the credential's active tokens is free again.
      if (quota?.recorded) await this.quotas.release(quota.token.jti).catch(() => undefined);
      throw error;
    }
    const { token, claims } = issued;
    if (quota && response) for (const [name, value] of Object.entries(quota.headers)) response.header(name, value);
    this.usage.record(client.id, credential.id, this.clock.now());
    return {
      access_token: token,
      token_type: dpopKeyThumbprint === undefined ? 'Bearer' : 'DPoP',
      expires_in: (claims.exp as number) - (claims.iat as number),
      scope: claims.scope,
    };
  }

  /** Counts the token about to be issued against the client's quotas (429 past them); the RateLimit fields to send. */
  private async takeQuota(
    client: CachedClient,
    credential: AuthenticatedClient['credential'],
  ): Promise<{ token: TokenToIssue; headers: Record<string, string>; recorded: boolean }> {
    const now = this.clock.now();
    const iat = Math.floor(now.getTime() / 1000);
    const token = { jti: randomUUID(), iat, exp: iat + client.accessTokenLifetimeSeconds };
    const quota = client.quota as NonNullable<CachedClient['quota']>;
    const headers = await this.quotas.take(
      {
        clientUuid: client.id,
        clientId: client.clientId,
        quota,
        credentialId: credential.id,
        tokensNotBefore: Math.max(client.tokensNotBefore ?? 0, credential.tokensNotBefore ?? 0) || null,
      },
      token,
      now,
    );
    // Recorded among the credential's active tokens only while its client limits them.
    return { token, headers, recorded: quota.maxActiveTokensPerCredential !== null };
  }

  /** The thumbprint of the key of the token request's DPoP proof; a bad proof is invalid_dpop_proof. */
  private async proofKey(request: FastifyRequest): Promise<string> {
    try {
      return await this.dpop.verify(request.headers.dpop, { method: request.method, url: request.url });
    } catch (error) {
      throw error instanceof DpopProofError ? new InvalidDpopProof(error.message) : error;
    }
  }

  /**
   * What a token is for: exactly one API (audience restriction, RFC 8707), chosen by `resource`, or by the API of the
   * scopes asked for (RFC 6749 §3.3), or — when neither is sent — the one API the client holds scopes of. A client
   * whose grants span several APIs must say which; a token for two APIs could be replayed from one to the other.
   */
  private grantFor(
    client: CachedClient,
    scope: string | undefined,
    resource: string | undefined,
  ): { scopes: string[]; audience: string | null } {
    const requested = scope?.trim() ? [...new Set(scope.trim().split(/\s+/))] : null;
    if (requested) {
      const ungranted = requested.filter((name) => !client.scopes.has(name));
      if (ungranted.length > 0)
        throw new InvalidScope(`Scope ${ungranted.map((s) => `'${s.slice(0, 100)}'`).join(', ')} is not granted to this client.`);
    }
    if (resource !== undefined) {
      const scopes = client.grantsByAudience.get(resource);
      if (!scopes) {
        throw new InvalidTarget(
          `resource '${resource.slice(0, 200)}' is not the audience of an API this client holds scopes of; send the audience URI of one of its APIs.`,
        );
      }
      const foreign = requested?.filter((name) => client.scopes.get(name) !== resource) ?? [];
      if (foreign.length > 0)
        throw new InvalidTarget(
          `Scope ${foreign.map((s) => `'${s}'`).join(', ')} belongs to another API than resource '${resource.slice(0, 200)}'.`,
        );
      return { scopes: requested ?? scopes, audience: resource };
    }
    if (requested) {
      const audiences = new Set(requested.map((name) => client.scopes.get(name) as string));
      if (audiences.size > 1) {
        throw new InvalidTarget(
          'The requested scopes belong to more than one API, and a token is for one API only: request the scopes of one API, or send resource with its audience URI.',
        );
      }
      return { scopes: requested, audience: [...audiences][0] };
    }
    if (client.grantsByAudience.size > 1) {
      throw new InvalidTarget(
        `This client holds scopes of ${client.grantsByAudience.size} APIs, and a token is for one API only: send resource with the audience URI of the API (${[...client.grantsByAudience.keys()].map((a) => a.slice(0, 100)).join(', ')}), or scope with scopes of one API.`,
      );
    }
    const [only] = client.grantsByAudience;
    return only ? { scopes: only[1], audience: only[0] } : { scopes: [], audience: null };
  }

  /**
   * The claims of a token that is still good: signed by Keyward, unexpired, not revoked, and its client and
   * credential still exist and are usable. Used by introspection and by GraphQL bearer authentication.
   */
  async activeClaims(token: string, tenantId?: string): Promise<AccessTokenClaims | null> {
    const claims = await this.tokens.verify(token, tenantId);
    if (!claims) return null;
    const client = await this.cache.get(claims.client_id);
    const credential = client?.credentials.find((c) => c.id === claims.kw_cid);
    if (!client || !credential || !this.cache.isUsable(client, credential)) return null;
    // Issued before the client was last disabled (within the same second counts as before): ended for good.
    if (client.tokensNotBefore !== null && (claims.iat as number) * 1000 <= client.tokensNotBefore) return null;
    // Likewise for the credential that obtained it: disabling a credential ends its tokens for good.
    if (credential.tokensNotBefore !== null && (claims.iat as number) * 1000 <= credential.tokensNotBefore) return null;
    if ((await this.orm.em.fork().count(RevokedToken, { jti: claims.jti as string })) > 0) return null;
    return claims;
  }

  /** RFC 7662: only a client holding keyward:tokens.introspect may ask, and only about its own tenant's tokens. */
  async introspect(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
    tenantId: string | null = null,
  ): Promise<Record<string, unknown>> {
    const caller = await this.authenticate(request, body, certificate, tenantId);
    if (!caller.client.scopes.has(INTROSPECTION_SCOPE_NAME)) {
      throw new UnauthorizedClient(`This client may not introspect tokens: grant it the ${INTROSPECTION_SCOPE_NAME} scope.`);
    }
    if (!body.token) throw new InvalidRequest('token is required.');
    const claims = await this.activeClaims(body.token, caller.client.tenantId);
    if (!claims) return { active: false };
    const { kw_cid: _credential, ...visible } = claims;
    return { active: true, token_type: claims.cnf?.jkt ? 'DPoP' : 'Bearer', ...visible };
  }

  /**
   * RFC 7009: a client revokes its own tokens. The answer is 200 whether or not the token was valid; a valid token
   * issued to another client is refused (RFC 7009 §2.1), and stays active.
   */
  async revoke(
    request: FastifyRequest,
    body: Record<string, string>,
    certificate: X509Certificate | null,
    tenantId: string | null = null,
  ): Promise<void> {
    const caller = await this.authenticate(request, body, certificate, tenantId);
    if (!body.token) throw new InvalidRequest('token is required.');
    // Another tenant's token is not this client's business at all: answered as for an invalid token.
    const claims = await this.tokens.verify(body.token, caller.client.tenantId);
    if (!claims) return;
    if (claims.client_id !== caller.client.clientId)
      throw new UnauthorizedClient('This token was issued to another client; a client may revoke only its own tokens.');
    await this.orm.em
      .fork()
      .getConnection()
      // A revoked token no longer counts among its credential's active tokens (docs/token-service.md#max-active-tokens).
      .execute(
        `with revoked as (insert into revoked_token (jti, api_client_id, expires_at, revoked_at) values (?, ?, ?, ?) on conflict (jti) do nothing)
         delete from active_token where jti = ?`,
        [claims.jti, caller.client.id, new Date((claims.exp as number) * 1000), this.clock.now(), claims.jti],
      );
  }
}
