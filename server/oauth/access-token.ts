import { randomUUID } from 'node:crypto';
import { type JWTPayload, jwtVerify } from 'jose';
import type { Clock } from '../clock.js';
import { Es256Signer } from './es256-signer.js';
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
    private readonly signer = new Es256Signer(),
  ) {}

  async issue(options: {
    clientId: string;
    tenantSlug: string;
    credentialId: string;
    scopes: string[];
    audiences: string[];
    lifetimeSeconds: number;
    certificateThumbprint?: string;
  }): Promise<IssuedToken> {
    const { privateKey, header } = this.keys.signingKey();
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

  /** The claims of a token this Keyward signed, still within its lifetime; null otherwise (no reason given out). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys.verificationKeys(), {
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
