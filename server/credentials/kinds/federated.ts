import { createHash } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify } from 'jose';
import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../kernel/clock.js';
import { BadUserInputError } from '../../kernel/errors.js';
import { fetchJson, OutboundRefused, outboundUrl } from '../../outbound/outbound.js';
import { type Credential, CredentialType } from '../credential.entity.js';
import type { CachedCredential, CredentialKind } from './kind.js';
import { ASSERTION_ALGORITHMS, AssertionRefused, decodeAssertion, spendAssertionJti } from './private-key-jwt.js';
import type { RemoteKeySets } from './remote-key-sets.js';

/**
 * FEDERATED (workload identity federation, docs/concepts.md#credentials): the client proves itself with a JWT an external
 * OIDC issuer gave its workload — a GitHub Actions job, a Kubernetes service account — and Keyward holds no secret, only
 * the rule the token must meet: its issuer, audience, subject and optional claim conditions.
 */

/** A claim condition: the claim (a dotted path reaches into objects, e.g. `kubernetes.io.namespace`) and its value or glob. */
export interface ClaimCondition {
  name: string;
  value: string;
}

/** The validated form of `Credential.details` for this kind; `jwksUri` is the issuer's, read from its discovery document. */
export interface FederationRule {
  issuer: string;
  audience: string;
  subject: string;
  claims: ClaimCondition[];
  jwksUri: string;
}

export function federationRule(credential: Pick<Credential, 'type' | 'details'>): FederationRule | null {
  if (credential.type !== CredentialType.FEDERATED || !credential.details) return null;
  const details = credential.details as Partial<Record<string, unknown>>;
  if (
    typeof details.issuer !== 'string' ||
    typeof details.audience !== 'string' ||
    typeof details.subject !== 'string' ||
    typeof details.jwksUri !== 'string' ||
    !Array.isArray(details.claims)
  )
    return null;
  const claims = (details.claims as Partial<ClaimCondition>[]).flatMap((c) =>
    typeof c?.name === 'string' && typeof c.value === 'string' ? [{ name: c.name, value: c.value }] : [],
  );
  return { issuer: details.issuer, audience: details.audience, subject: details.subject, jwksUri: details.jwksUri, claims };
}

/**
 * Subject and claim values are exact, or globs: `*` stands for any run of characters (none included, `/` and `:` too),
 * `?` for exactly one; every other character stands for itself (it is escaped, so no pattern is read as a regular expression).
 */
export function globMatches(pattern: string, value: string): boolean {
  const source = Array.from(pattern, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'su').test(value);
}

/**
 * A claim by name, or by a dotted path into objects. Claim names may hold dots themselves (`kubernetes.io`): at each level
 * the longest name that exists wins, so `kubernetes.io.serviceaccount.name` reaches `{"kubernetes.io": {"serviceaccount": {"name": …}}}`.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  const parts = path.split('.');
  let current: unknown = claims;
  let at = 0;
  while (at < parts.length) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const object = current as Record<string, unknown>;
    let found = false;
    for (let end = parts.length; end > at; end--) {
      const name = parts.slice(at, end).join('.');
      if (Object.hasOwn(object, name)) {
        current = object[name];
        at = end;
        found = true;
        break;
      }
    }
    if (!found) return undefined;
  }
  return current;
}

/** A claim's value meets a condition when it (or, for a list, one of its entries) is a string, number or boolean that matches. */
function claimMeets(value: unknown, pattern: string): boolean {
  if (Array.isArray(value)) return value.some((entry) => claimMeets(entry, pattern));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return globMatches(pattern, String(value));
  return false;
}

const MAX_CLAIM_CONDITIONS = 10;
/** Claims the rule names in fields of their own, or that say nothing about who the workload is. */
const RESERVED_CLAIMS = new Set(['iss', 'aud', 'sub', 'exp', 'nbf', 'iat', 'jti']);

function requiredText(field: string, words: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInputError(field, `The ${words} is required.`);
  if (text.length > max) throw new BadUserInputError(field, `The ${words} is ${text.length} characters long; at most ${max} are allowed.`);
  return text;
}

/** The rule as given, checked; the issuer is checked against its discovery document later (`FederatedIssuers.discover`). */
export function checkRuleInput(input: {
  issuer?: string | null;
  audience?: string | null;
  subject?: string | null;
  claims?: readonly { name?: string | null; value?: string | null }[] | null;
}): Omit<FederationRule, 'jwksUri'> {
  const issuer = requiredText('issuer', 'issuer', input.issuer, 500);
  const audience = requiredText('audience', 'audience', input.audience, 300);
  const subject = requiredText('subject', 'subject', input.subject, 300);
  if (/^[*?]*$/.test(subject))
    throw new BadUserInputError(
      'subject',
      'The subject must name something besides * and ?: on its own it lets in every workload of the issuer (for GitHub Actions, any repository anywhere).',
    );
  const given = input.claims ?? [];
  if (given.length > MAX_CLAIM_CONDITIONS)
    throw new BadUserInputError('claims', `There are ${given.length} claim conditions; at most ${MAX_CLAIM_CONDITIONS} are allowed.`);
  const claims = given.map((condition, index) => {
    const name = requiredText('claims', `name of claim condition ${index + 1}`, condition.name, 100);
    const value = requiredText('claims', `value of claim condition ${index + 1} (${name.slice(0, 40)})`, condition.value, 300);
    if (RESERVED_CLAIMS.has(name))
      throw new BadUserInputError(
        'claims',
        `Claim condition ${index + 1} names ${name}, which cannot be a condition: the issuer, audience and subject have fields of their own, and exp, nbf, iat and jti are checked for every token.`,
      );
    return { name, value };
  });
  return { issuer, audience, subject, claims };
}

/** How soon an issuer's discovery document is read again when its tokens name keys its known key set lacks. */
const REDISCOVERY_COOLDOWN_MS = 60_000;

interface Rediscovery {
  /** The jwks_uri the issuer's discovery document named when it was last read again, if it moved. */
  jwksUri: string | null;
  checkedAt: number;
  pending: Promise<string | null> | null;
}

/**
 * The issuers' discovery documents, read through the outbound guard when a credential is created; the issuer's jwks_uri
 * is kept with the rule and its key set in the shared cache (remote-key-sets.ts), fetched again for an unknown kid. An
 * issuer may also move its key set to another jwks_uri: when a token names a key the known set lacks, its discovery
 * document is read again (at most once a minute per issuer, per process) and a new jwks_uri is followed from then on.
 */
export class FederatedIssuers {
  private readonly rediscovered = new Map<string, Rediscovery>();

  constructor(readonly keySets: RemoteKeySets) {}

  /** The issuer's jwks_uri, from its discovery document, its key set fetched now; refusals name the issuer field. */
  async discover(issuer: string): Promise<string> {
    let jwksUri: string;
    try {
      jwksUri = await this.readDiscovery(issuer);
    } catch (error) {
      if (error instanceof OutboundRefused) throw new BadUserInputError('issuer', error.message);
      throw error;
    }
    try {
      return await this.keySets.checkNew(jwksUri);
    } catch (error) {
      if (error instanceof BadUserInputError) throw new BadUserInputError('issuer', `The issuer’s jwks_uri: ${error.message}`);
      throw error;
    }
  }

  /** Where the rule's issuer publishes its keys now: the jwks_uri read at creation, unless it has moved since. */
  jwksUriOf(rule: FederationRule): string {
    return this.rediscovered.get(rule.issuer)?.jwksUri ?? rule.jwksUri;
  }

  /**
   * Reads the issuer's discovery document again (not within a minute of the last time) and returns its jwks_uri when it
   * differs from the one in use; null when it has not moved or cannot be read — the known key set stays in use.
   */
  async rediscover(rule: FederationRule): Promise<string | null> {
    const entry = this.rediscovered.get(rule.issuer) ?? { jwksUri: null, checkedAt: 0, pending: null };
    this.rediscovered.set(rule.issuer, entry);
    if (!entry.pending && Date.now() - entry.checkedAt < REDISCOVERY_COOLDOWN_MS) return null;
    const inUse = this.jwksUriOf(rule);
    entry.pending ??= this.readDiscovery(rule.issuer)
      .then(async (jwksUri) => {
        const url = outboundUrl(jwksUri, this.keySets.policy, 'The jwks_uri').toString();
        if (url === inUse) return null;
        await this.keySets.keysFor(url, undefined);
        entry.jwksUri = url;
        return url;
      })
      .catch(() => null)
      .finally(() => {
        entry.checkedAt = Date.now();
        entry.pending = null;
      });
    return entry.pending;
  }

  /** The jwks_uri the issuer's discovery document names; OutboundRefused says why there is none. */
  private async readDiscovery(issuer: string): Promise<string> {
    const url = outboundUrl(issuer, this.keySets.policy, 'The issuer');
    if (url.search || url.hash) throw new OutboundRefused('The issuer must be a URL without a query or fragment.');
    const discovery = (await fetchJson(
      `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      this.keySets.policy,
      'The issuer’s discovery document',
    )) as Partial<Record<string, unknown>> | null;
    if (!discovery || typeof discovery !== 'object' || typeof discovery.issuer !== 'string')
      throw new OutboundRefused('The issuer’s /.well-known/openid-configuration is not an OpenID discovery document (it names no issuer).');
    if (discovery.issuer !== issuer)
      throw new OutboundRefused(
        `The issuer’s discovery document names the issuer ${discovery.issuer.slice(0, 200)}; give exactly that (tokens carry it as iss).`,
      );
    if (typeof discovery.jwks_uri !== 'string')
      throw new OutboundRefused('The issuer’s discovery document names no jwks_uri, so its tokens cannot be verified.');
    return discovery.jwks_uri;
  }
}

/** A token's claim value in a refusal: error_description allows no double quote (RFC 6749 §5.2), so strings are in single quotes. */
function shown(value: unknown): string {
  return (typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? 'nothing')).slice(0, 120);
}

/** The client a federated token is presented for: named by client_id in the form. */
export interface FederatedClient {
  id: string;
  clientId: string;
}

/**
 * Checks a token from an external issuer against the client's federated credentials, oldest first: the first whose rule
 * it meets is the credential used. A token's jti, when it has one, is refused a second time (client_assertion, across processes).
 */
export class FederatedAssertions {
  constructor(
    private readonly orm: Orm,
    private readonly issuers: FederatedIssuers,
    private readonly clock: Clock,
  ) {}

  async verify(client: FederatedClient, credentials: CachedCredential[], token: string): Promise<CachedCredential> {
    const { header, claims } = decodeAssertion(token);
    const rules = credentials.flatMap((credential) => (credential.federation ? [{ credential, rule: credential.federation }] : []));
    if (rules.length === 0)
      throw new AssertionRefused(
        "This client has no usable federated credential. (A private_key_jwt client assertion's iss and sub must both be the client ID.)",
      );
    if (!header.alg || !(ASSERTION_ALGORITHMS as readonly string[]).includes(header.alg))
      throw new AssertionRefused(
        `The token is signed with alg '${String(header.alg).slice(0, 20)}'; Keyward accepts ${ASSERTION_ALGORITHMS.join(', ')}.`,
      );
    const reasons: string[] = [];
    for (const { credential, rule } of rules) {
      const reason = await this.mismatch(token, header.kid, claims, rule);
      if (reason) {
        if (!reasons.includes(reason)) reasons.push(reason);
        continue;
      }
      if (typeof claims.jti === 'string' && claims.jti !== '') {
        // Hashed with the issuer: jtis of different issuers never collide, and any length fits the column.
        const jti = `fed:${createHash('sha256').update(`${rule.issuer}\n${claims.jti}`).digest('base64url')}`;
        if (!(await spendAssertionJti(this.orm, client.id, jti, new Date((claims.exp as number) * 1000))))
          throw new AssertionRefused(
            'This token was already used (its jti was seen before); get a new one from its issuer for each request.',
          );
      }
      return credential;
    }
    throw new AssertionRefused(`The token meets no federated credential of this client: ${reasons.join('; ')}.`);
  }

  /** Why the token does not meet the rule, in the words of what the token holds (not the rule's values); null when it does. */
  private async mismatch(token: string, kid: string | undefined, claims: JWTPayload, rule: FederationRule): Promise<string | null> {
    if (claims.iss !== rule.issuer) return `its issuer (iss ${shown(claims.iss)}) is not the credential's issuer`;
    let failure = await this.signatureFailure(token, kid, claims, rule, this.issuers.jwksUriOf(rule));
    if (failure?.keyMissing) {
      // The issuer may have moved its keys to another jwks_uri: follow its discovery document once and try again.
      const moved = await this.issuers.rediscover(rule);
      if (moved) failure = await this.signatureFailure(token, kid, claims, rule, moved);
    }
    if (failure) return failure.reason;
    if (typeof claims.sub !== 'string' || !globMatches(rule.subject, claims.sub))
      return `its subject (sub ${shown(claims.sub)}) does not match the credential's subject`;
    for (const condition of rule.claims) {
      const value = claimAt(claims, condition.name);
      if (value === undefined) return `it has no ${condition.name.slice(0, 100)} claim, which the credential requires`;
      if (!claimMeets(value, condition.value))
        return `its ${condition.name.slice(0, 100)} claim (${shown(value)}) does not match the credential's condition`;
    }
    return null;
  }

  /**
   * Why the token's signature or time and audience claims fail with the issuer's keys at `jwksUri`; `keyMissing` when
   * the keys could not be had or none of them is the token's key (the case where the issuer may have moved them).
   */
  private async signatureFailure(
    token: string,
    kid: string | undefined,
    claims: JWTPayload,
    rule: FederationRule,
    jwksUri: string,
  ): Promise<{ reason: string; keyMissing: boolean } | null> {
    let keys: Awaited<ReturnType<RemoteKeySets['keysFor']>>;
    try {
      keys = await this.issuers.keySets.keysFor(jwksUri, kid);
    } catch (error) {
      const reason =
        error instanceof OutboundRefused
          ? `the issuer's keys could not be fetched (${error.message})`
          : "the issuer's keys could not be fetched";
      return { reason, keyMissing: true };
    }
    try {
      await jwtVerify(token, keys, {
        algorithms: [...ASSERTION_ALGORITHMS],
        issuer: rule.issuer,
        audience: rule.audience,
        requiredClaims: ['exp'],
        currentDate: this.clock.now(),
        clockTolerance: 5,
      });
      return null;
    } catch (error) {
      const failed = (reason: string) => ({ reason, keyMissing: false });
      if (error instanceof errors.JWTExpired) return failed('it has expired (exp is in the past)');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
        return failed('it is not valid yet (nbf is in the future)');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        return failed(`its audience (aud ${shown(claims.aud)}) is not the credential's audience`);
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') return failed('it has no exp (expiry time)');
      if (error instanceof errors.JWTClaimValidationFailed) return failed(`its ${error.claim} claim is not valid (${error.reason})`);
      return {
        reason: "its signature does not verify with the issuer's published keys",
        keyMissing: error instanceof errors.JWKSNoMatchingKey,
      };
    }
  }
}

export const FEDERATED_KIND: CredentialKind = {
  type: CredentialType.FEDERATED,
  words: 'federated credential',
  hint: (credential) => {
    const rule = federationRule({ type: CredentialType.FEDERATED, details: credential.details });
    return rule ? `${rule.issuer} ${rule.subject}` : null;
  },
  auditLabel: (credential) => `federated credential ${FEDERATED_KIND.hint(credential) ?? ''}`,
  snapshot: (credential) => {
    const rule = federationRule(credential);
    return rule ? { issuer: rule.issuer, audience: rule.audience, subject: rule.subject, claims: rule.claims } : {};
  },
  deletionChanges: (credential) => {
    const rule = federationRule(credential);
    return rule ? { issuer: { from: rule.issuer, to: null }, subject: { from: rule.subject, to: null } } : {};
  },
  cached: (credential) => ({ secretHash: null, thumbprint: null, assertionKeys: null, federation: federationRule(credential) }),
};
