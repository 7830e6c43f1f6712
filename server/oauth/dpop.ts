import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, errors, type JWK, jwtVerify } from 'jose';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';

/** Asymmetric algorithms a DPoP proof may be signed with (discovery's dpop_signing_alg_values_supported). */
export const DPOP_ALGORITHMS = ['ES256', 'EdDSA', 'RS256', 'PS256'];

/** How old a proof's iat may be; its jti is remembered this long, so a replay within it is refused. */
export const DPOP_PROOF_MAX_AGE_SECONDS = 300;
/** How far ahead of Keyward's clock a proof's iat may be (the client's clock running fast). */
export const DPOP_PROOF_MAX_SKEW_SECONDS = 60;

const MAX_JTI_LENGTH = 256;
/** Members of a JWK that only a private key has: a proof carries the public key only. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** A DPoP proof refused: `message` says why in words for the caller (RFC 9449 error invalid_dpop_proof). */
export class DpopProofError extends Error {}

/** What a proof is checked against: the request it came with and, on resource use, the access token it accompanies. */
export interface ProofRequest {
  method: string;
  /** The request's path and query as received (request.url); the query is not part of htu. */
  url: string;
  accessToken?: string;
}

/** RFC 9449 §4.3 ath: the base64url SHA-256 of the access token. */
export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * DPoP proofs (docs/token-service.md#dpop): a JWT signed with the key in its own header, naming the request (htm, htu),
 * fresh (iat), used once (jti, remembered in PostgreSQL so every process refuses a replay), and on resource use naming
 * the access token (ath). A good proof answers with the key's RFC 7638 thumbprint, the token's cnf.jkt.
 */
export class DpopProofs {
  private mtlsBase: () => string | null = () => null;

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    /** Keyward's public URL: htu is this plus the request's path. */
    private readonly publicUrl: string,
  ) {}

  /** The mTLS listener's base URL once it listens: a proof sent there names that address. */
  servedOnMtlsAt(base: () => string | null): void {
    this.mtlsBase = base;
  }

  /** The proof's key thumbprint; throws DpopProofError naming what is wrong. */
  async verify(proof: string | string[] | undefined, request: ProofRequest): Promise<string> {
    if (proof === undefined || proof === '') throw new DpopProofError('Send a DPoP proof in the DPoP header.');
    if (Array.isArray(proof)) throw new DpopProofError('Send one DPoP header, not several.');
    const { payload, protectedHeader } = await this.signed(proof);
    const jwk = protectedHeader.jwk as JWK;
    if (payload.htm !== request.method) throw new DpopProofError(`The DPoP proof's htm must be the request's method, ${request.method}.`);
    const expected = this.targets(request.url);
    if (typeof payload.htu !== 'string' || !expected.includes(withoutQuery(payload.htu)))
      throw new DpopProofError(`The DPoP proof's htu must be the address the request was sent to, ${expected[0]}.`);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (typeof payload.iat !== 'number') throw new DpopProofError('The DPoP proof needs an iat (when it was made).');
    if (payload.iat < now - DPOP_PROOF_MAX_AGE_SECONDS || payload.iat > now + DPOP_PROOF_MAX_SKEW_SECONDS) {
      throw new DpopProofError(
        `The DPoP proof's iat is outside the ${DPOP_PROOF_MAX_AGE_SECONDS} seconds Keyward accepts: make a new proof for each request, with the current time.`,
      );
    }
    if (request.accessToken !== undefined && payload.ath !== accessTokenHash(request.accessToken)) {
      throw new DpopProofError('The DPoP proof’s ath must be the base64url SHA-256 hash of the access token sent with it.');
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > MAX_JTI_LENGTH)
      throw new DpopProofError(`The DPoP proof needs a jti (a unique value, at most ${MAX_JTI_LENGTH} characters).`);
    const jkt = await calculateJwkThumbprint(jwk, 'sha256');
    await this.recordUse(jkt, payload.jti, payload.iat);
    return jkt;
  }

  private async signed(proof: string) {
    let jwk: unknown;
    try {
      jwk = decodeProtectedHeader(proof).jwk;
    } catch {
      throw new DpopProofError('The DPoP header is not a JWT.');
    }
    if (jwk && typeof jwk === 'object' && PRIVATE_MEMBERS.some((member) => member in jwk)) {
      throw new DpopProofError('The DPoP proof’s jwk header holds a private key: send the public key only, and replace that key.');
    }
    try {
      return await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGORITHMS });
    } catch (error) {
      if (error instanceof errors.JOSEAlgNotAllowed)
        throw new DpopProofError(`Sign the DPoP proof with one of ${DPOP_ALGORITHMS.join(', ')}.`);
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'typ')
        throw new DpopProofError('The DPoP proof’s typ header must be dpop+jwt.');
      if (error instanceof errors.JWSSignatureVerificationFailed)
        throw new DpopProofError('The DPoP proof’s signature does not verify with the key in its jwk header.');
      throw new DpopProofError('The DPoP proof is not a JWT signed with the public key in its jwk header (typ dpop+jwt).');
    }
  }

  /** The htu values this request may name: Keyward's address(es) plus the path it arrived at. */
  private targets(url: string): string[] {
    const path = withoutQuery(url);
    const mtls = this.mtlsBase();
    return mtls ? [`${this.publicUrl}${path}`, `${mtls}${path}`] : [`${this.publicUrl}${path}`];
  }

  /** Records the proof's jti for its key; a second use, in any process, is refused by the unique key. */
  private async recordUse(jkt: string, jti: string, iat: number): Promise<void> {
    const inserted = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(
        'insert into dpop_proof (jkt, jti_hash, expires_at) values (?, ?, ?) on conflict do nothing returning 1 as n',
        [jkt, createHash('sha256').update(jti).digest('base64url'), new Date((iat + DPOP_PROOF_MAX_AGE_SECONDS) * 1000)],
      );
    if (inserted.length === 0) throw new DpopProofError('This DPoP proof was used before: make a new proof (a new jti) for each request.');
  }
}

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
