import { type KeyObject, randomUUID, sign } from 'node:crypto';
import { type JWTPayload, jwtVerify } from 'jose';
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
    // Compact JWS by hand: this is the token endpoint's hot path. The ECDSA signature runs on libuv's thread
    // pool (node's callback form of sign()), so the event loop goes on parsing and answering other requests
    // meanwhile — on two cores this nearly doubles throughput over signing inline. jose verifies the result (tests).
    const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = await signEs256(signingInput, privateKey);
    return { token: `${signingInput}.${signature}`, claims };
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

/** ES256 (ECDSA P-256 + SHA-256, JWS's raw r‖s encoding) on the thread pool; resolves to the base64url signature. */
function signEs256(signingInput: string, key: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, (error, signature) => {
      if (error) reject(error);
      else resolve(signature.toString('base64url'));
    });
  });
}
