import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import type { Clock } from '../kernel/clock.js';
import type { SigningKeyService, TenantKeys } from './signing-keys.js';
import { TokenSigner } from './token-signer.js';

/** Claims of a Keyward access token (RFC 9068), plus the tenant and the credential that obtained it. */
export interface AccessTokenClaims extends JWTPayload {
  client_id: string;
  scope: string;
  tenant: string;
  /** The credential (secret or certificate) that obtained the token: deleting it ends the token. */
  kw_cid: string;
  /** What the token is bound to: a client certificate (RFC 8705) and/or a DPoP key (RFC 9449). */
  cnf?: { 'x5t#S256'?: string; jkt?: string };
}

export interface IssuedToken {
  token: string;
  claims: AccessTokenClaims;
}

function confirmation(options: { certificateThumbprint?: string; dpopKeyThumbprint?: string }): NonNullable<AccessTokenClaims['cnf']> {
  return {
    ...(options.certificateThumbprint ? { 'x5t#S256': options.certificateThumbprint } : {}),
    ...(options.dpopKeyThumbprint ? { jkt: options.dpopKeyThumbprint } : {}),
  };
}

export class AccessTokens {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly clock: Clock,
    private readonly signer = new TokenSigner(),
  ) {}

  async issue(options: {
    tenantId: string;
    clientId: string;
    tenantSlug: string;
    credentialId: string;
    scopes: string[];
    /** The one API the token is for (RFC 8707); null for a token without scopes, which is for Keyward itself. */
    audience: string | null;
    lifetimeSeconds: number;
    certificateThumbprint?: string;
    /** The RFC 7638 thumbprint of the DPoP proof's key (docs/token-service.md#dpop). */
    dpopKeyThumbprint?: string;
    /** Chosen beforehand when the token's place among its credential's active tokens was taken (token-quotas.ts). */
    jti?: string;
    issuedAt?: number;
  }): Promise<IssuedToken> {
    const tenant = this.keys.peek(options.tenantId) ?? (await this.keys.forTenant(options.tenantId));
    const { privateKey, header } = this.keys.current(tenant);
    const iat = options.issuedAt ?? Math.floor(this.clock.now().getTime() / 1000);
    const claims: AccessTokenClaims = {
      iss: tenant.issuer,
      sub: options.clientId,
      client_id: options.clientId,
      // RFC 9068 requires an audience: a token without scopes is for the issuer itself.
      aud: options.audience ?? tenant.issuer,
      scope: options.scopes.join(' '),
      iat,
      exp: iat + options.lifetimeSeconds,
      jti: options.jti ?? randomUUID(),
      tenant: options.tenantSlug,
      kw_cid: options.credentialId,
      ...(options.certificateThumbprint || options.dpopKeyThumbprint ? { cnf: confirmation(options) } : {}),
    };
    // Compact JWS by hand: this is the token endpoint's hot path. The ECDSA signature is made on the signer's
    // worker thread, so the event loop goes on parsing and answering other requests meanwhile. jose verifies
    // the result (tests).
    const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = await this.signer.sign(signingInput, privateKey);
    return { token: `${signingInput}.${signature}`, claims };
  }

  /** Stops the signer's worker thread (at shutdown). */
  close(): Promise<void> {
    return this.signer.close();
  }

  /**
   * The claims of a token this Keyward signed, still within its lifetime; null otherwise (no reason given out). The
   * `kid` names the tenant whose keys and issuer the token must match; `tenantId` narrows it to one tenant.
   */
  async verify(token: string, tenantId?: string): Promise<AccessTokenClaims | null> {
    let tenant: TenantKeys | null;
    try {
      const { kid } = decodeProtectedHeader(token);
      tenant = typeof kid === 'string' ? this.keys.byKeyId(kid) : null;
    } catch {
      return null;
    }
    if (!tenant || (tenantId !== undefined && tenant.tenantId !== tenantId)) return null;
    try {
      const { payload } = await jwtVerify(token, tenant.verifier, {
        issuer: tenant.issuer,
        typ: 'at+jwt',
        algorithms: tenant.algorithms,
        currentDate: this.clock.now(),
        clockTolerance: 0,
      });
      if (typeof payload.client_id !== 'string' || typeof payload.kw_cid !== 'string' || typeof payload.jti !== 'string') return null;
      return payload as AccessTokenClaims;
    } catch {
      return null;
    }
  }
}
