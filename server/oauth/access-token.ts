import { KeyObject, randomUUID, sign } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { Clock } from '../clock.js';
import type { SigningKeyService } from './signing-keys.js';

/** Claims of a Keyward access token (RFC 9068), plus the tenant and the credential that obtained it. */
export interface AccessTokenClaims extends JWTPayload {
  client_id: string;
  scope: string;
  tenant: string;
  /** The credential (secret or certificate) that obtained the token: deleting it ends the token. */
  kw_cid: string;
  cnf?: { 'x5t#S256': string };
}

export interface IssuedToken {
  token: string;
  claims: AccessTokenClaims;
}

export class AccessTokens {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  issue(options: {
    clientId: string;
    tenantSlug: string;
    credentialId: string;
    scopes: string[];
    audiences: string[];
    lifetimeSeconds: number;
    certificateThumbprint?: string;
  }): IssuedToken {
    const { kid, privateKey } = this.keys.signingKey();
    const signer = this.signerFor(kid, privateKey);
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      sub: options.clientId,
      client_id: options.clientId,
      // RFC 9068 requires an audience: a token without scopes is for Keyward itself.
      aud: options.audiences.length === 1 ? options.audiences[0] : options.audiences.length > 0 ? options.audiences : this.issuer,
      scope: options.scopes.join(' '),
      iat,
      exp: iat + options.lifetimeSeconds,
      jti: randomUUID(),
      tenant: options.tenantSlug,
      kw_cid: options.credentialId,
      ...(options.certificateThumbprint ? { cnf: { 'x5t#S256': options.certificateThumbprint } } : {}),
    };
    // Compact JWS by hand with a synchronous ECDSA signature: this is the token endpoint's hot path, and
    // node's sign() avoids a thread-pool round trip per token. jose verifies what this produces (tests).
    const signingInput = `${signer.header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key: signer.key, dsaEncoding: 'ieee-p1363' });
    return { token: `${signingInput}.${signature.toString('base64url')}`, claims };
  }

  private signer: { kid: string; header: string; key: KeyObject } | null = null;

  private signerFor(kid: string, privateKey: Parameters<typeof KeyObject.from>[0]): { header: string; key: KeyObject } {
    if (this.signer?.kid !== kid) {
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid })).toString('base64url');
      this.signer = { kid, header, key: KeyObject.from(privateKey) };
    }
    return this.signer;
  }

  /** The claims of a token this Keyward signed, still within its lifetime; null otherwise (no reason given out). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(this.keys.jwks()), {
        issuer: this.issuer,
        typ: 'at+jwt',
        algorithms: ['ES256'],
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
