import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { createLocalJWKSet } from 'jose';
import type { Credential, CredentialType } from '../credential.entity.js';
import type { FederationRule } from './federated.js';

/**
 * What the token endpoint keeps of one credential (oauth/client-cache.ts loads it, each kind fills in its own part):
 * the facts every kind has, and the one form of proof its kind checks.
 */
export interface CachedCredential {
  id: string;
  type: CredentialType;
  /** The stored HMAC of a client secret as bytes, ready for a constant-time comparison; null for every other kind. */
  secretHash: Buffer | null;
  /** The SHA-256 of a certificate (hex); null for every other kind. */
  thumbprint: string | null;
  /** Where a PRIVATE_KEY_JWT credential's public keys are: a ready key set, or its jwksUri; null for every other kind. */
  assertionKeys: AssertionKeys | null;
  /** The rule a FEDERATED credential's external tokens must meet; null for every other kind. */
  federation: FederationRule | null;
  expiresAt: Date;
  /** A disabled credential authenticates nothing, and the tokens it obtained are inactive. */
  enabled: boolean;
  /** Epoch milliseconds of the credential's last disable: tokens it obtained up to then are inactive for good; null = never disabled. */
  tokensNotBefore: number | null;
}

/**
 * An uploaded public key as node:crypto uses it, for the token endpoint's synchronous check of an assertion
 * (credentials/kinds/private-key-jwt.ts); what jose's key set would match it by comes along.
 */
export interface UploadedPublicKey {
  key: KeyObject;
  kid: string;
  /** The JWK's `alg`, when the upload named one: then only that algorithm matches the key. */
  alg: string | undefined;
  kty: string;
  crv: string | undefined;
}

/**
 * How the token endpoint finds a credential's public keys: a ready key set (and, when it can be, the key itself for the
 * fast check), or its jwksUri (fetched and cached when used).
 */
export type AssertionKeys =
  | { source: 'key'; keys: ReturnType<typeof createLocalJWKSet>; publicKey: UploadedPublicKey | null }
  | { source: 'jwksUri'; jwksUri: string };

/** The kind-specific part of a cached credential. */
export type CachedProof = Pick<CachedCredential, 'secretHash' | 'thumbprint' | 'assertionKeys' | 'federation'>;

/** The columns a kind may name a credential by (reminders read them in SQL, the rest from the entity). */
export type HintFacts = Pick<Credential, 'secretHint' | 'certSerial' | 'details'>;

/**
 * One credential kind (docs/architecture.md): how it is named to people and in the audit trail, what the token endpoint
 * caches of it, and what deleting it does besides. Creating and authenticating are the kind module's own functions,
 * called by the credential service and by oauth/client-auth.ts; the service keeps the lock, limit, transaction and audit.
 */
export interface CredentialKind {
  type: CredentialType;
  /** In people's words, lower case: "client secret". */
  words: string;
  /** What tells one credential of this kind from another to a person (e.g. `kwcs_…AbCd`); null when nothing does. */
  hint(credential: HintFacts): string | null;
  /** How the audit trail names it: the words and what tells it apart, e.g. "certificate 1a2b3c4d". */
  auditLabel(credential: HintFacts): string;
  /** What the audit trail records about a new credential of this kind, besides type, expiry and description. Never key material beyond a public key. */
  snapshot(credential: Credential): Record<string, unknown>;
  /** What the audit trail records as gone when it is deleted. */
  deletionChanges(credential: Credential): Partial<Record<string, { from: unknown; to: unknown }>>;
  /** Effects of deleting it inside the deletion's transaction, after its audit event (a certificate is revoked). */
  onDelete?(em: EntityManager, credential: Credential, now: Date): Promise<void>;
  /** The kind's part of the token endpoint's cached form. */
  cached(credential: Credential): CachedProof;
}
