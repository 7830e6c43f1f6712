import { createPublicKey } from 'node:crypto';
import { DAY_MS } from '../kernel/clock.js';
import { BadUserInputError, checkAll } from '../kernel/errors.js';
import { humanDate } from '../kernel/human-date.js';
import { SYSTEM_LIMITS } from '../tenants/tenant.entity.js';
import { CredentialType } from './credential.entity.js';

/**
 * A tenant's credential policy (docs/credential-policy.md) as small pure functions: what it holds, how an update is
 * checked, and the refusal of a new credential that breaks it. Each refusal names the rule in people's words and
 * carries its id in `extensions.policyRule`. The policy applies to what is created from now on; what already exists
 * and breaks it is listed (credential-policy.service.ts), never revoked.
 */

/** The rules, by the id a refusal and a listed violation carry. */
export const POLICY_RULES = [
  'allowedKinds',
  'maxLifetimeDays',
  'minRsaKeyBits',
  'allowedKeyCurves',
  'personalApiKeyMaxLifetimeDays',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export const POLICY_RULE_WORDS: Record<PolicyRule, string> = {
  allowedKinds: 'allowed kinds',
  maxLifetimeDays: 'maximum lifetime per kind',
  minRsaKeyBits: 'minimum RSA key size',
  allowedKeyCurves: 'allowed key curves',
  personalApiKeyMaxLifetimeDays: 'personal API key maximum lifetime',
};

/** The RSA sizes a minimum may be set to; 2048 is what Keyward accepts anyway. */
export const RSA_KEY_SIZES = [2048, 3072, 4096] as const;
/** The non-RSA keys Keyward accepts somewhere (CSRs: P-256, P-384, Ed25519; private_key_jwt: P-256, Ed25519). */
export const KEY_CURVES = ['P-256', 'P-384', 'Ed25519'] as const;
export type KeyCurve = (typeof KEY_CURVES)[number];

const ALL_KINDS = Object.values(CredentialType);

export interface CredentialPolicy {
  allowedKinds: CredentialType[];
  /** Per kind; a kind left out (or null) lasts up to the tenant's maxCredentialLifetimeDays. */
  maxLifetimeDays: Partial<Record<CredentialType, number>>;
  minRsaKeyBits: number;
  allowedKeyCurves: KeyCurve[];
  /** Null: the personal-key rules alone (365 days, or the tenant's credential maximum when shorter). */
  personalApiKeyMaxLifetimeDays: number | null;
}

export const DEFAULT_CREDENTIAL_POLICY: CredentialPolicy = {
  allowedKinds: [...ALL_KINDS],
  maxLifetimeDays: {},
  minRsaKeyBits: 2048,
  allowedKeyCurves: [...KEY_CURVES],
  personalApiKeyMaxLifetimeDays: null,
};

/** The tenant's stored policy (jsonb, written only by `checkPolicyUpdate`) with the defaults filled in; anything unreadable counts as the default. */
export function readCredentialPolicy(stored: Record<string, unknown> | null | undefined): CredentialPolicy {
  const s = stored ?? {};
  const kinds = Array.isArray(s.allowedKinds) ? ALL_KINDS.filter((k) => (s.allowedKinds as unknown[]).includes(k)) : null;
  const curves = Array.isArray(s.allowedKeyCurves) ? KEY_CURVES.filter((c) => (s.allowedKeyCurves as unknown[]).includes(c)) : null;
  const lifetimes: Partial<Record<CredentialType, number>> = {};
  if (s.maxLifetimeDays && typeof s.maxLifetimeDays === 'object') {
    for (const kind of ALL_KINDS) {
      const days = (s.maxLifetimeDays as Record<string, unknown>)[kind];
      if (Number.isInteger(days) && (days as number) > 0) lifetimes[kind] = days as number;
    }
  }
  return {
    allowedKinds: kinds && kinds.length > 0 ? kinds : [...ALL_KINDS],
    maxLifetimeDays: lifetimes,
    minRsaKeyBits: (RSA_KEY_SIZES as readonly unknown[]).includes(s.minRsaKeyBits) ? (s.minRsaKeyBits as number) : 2048,
    allowedKeyCurves: curves ?? [...KEY_CURVES],
    personalApiKeyMaxLifetimeDays:
      Number.isInteger(s.personalApiKeyMaxLifetimeDays) && (s.personalApiKeyMaxLifetimeDays as number) > 0
        ? (s.personalApiKeyMaxLifetimeDays as number)
        : null,
  };
}

/** A refusal by the credential policy: a bad input of `field`, with the rule it broke in `extensions.policyRule`. */
export class CredentialPolicyError extends BadUserInputError {
  constructor(
    field: string,
    readonly policyRule: PolicyRule,
    message: string,
  ) {
    super(field, message);
  }
  override get extensions(): Record<string, unknown> {
    return { ...super.extensions, policyRule: this.policyRule };
  }
}

const KIND_WORDS: Record<CredentialType, { one: string; many: string }> = {
  CLIENT_SECRET: { one: 'client secret', many: 'client secrets' },
  CERTIFICATE: { one: 'certificate', many: 'certificates' },
  PRIVATE_KEY_JWT: { one: 'private_key_jwt key', many: 'private_key_jwt keys' },
  FEDERATED: { one: 'federated credential', many: 'federated credentials' },
};
const ASK = 'or ask a security administrator to change the policy';

const orList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** The refusal of a kind the policy does not allow, naming the kinds it does. */
export function checkKindAllowed(policy: CredentialPolicy, kind: CredentialType): void {
  if (policy.allowedKinds.includes(kind)) return;
  const others = policy.allowedKinds.map((k) => `a ${KIND_WORDS[k].one}`);
  throw new CredentialPolicyError(
    'type',
    'allowedKinds',
    `Your tenant's credential policy does not allow ${KIND_WORDS[kind].many} (rule: ${POLICY_RULE_WORDS.allowedKinds}). Use ${orList(others)} instead, ${ASK}.`,
  );
}

/** The longest a credential of `kind` may last: the policy's maximum for it, within the tenant's (and the system's). */
export function kindMaxLifetimeDays(policy: CredentialPolicy, kind: CredentialType, tenantMaxDays: number): number {
  const tenantMax = Math.min(tenantMaxDays, SYSTEM_LIMITS.maxCredentialLifetimeDays);
  return Math.min(policy.maxLifetimeDays[kind] ?? tenantMax, tenantMax);
}

/**
 * The refusal of an expiry past the policy's maximum for its kind. Runs after checkExpiry, which keeps the tenant's
 * own maximum (and its message) for every kind the policy does not make shorter.
 */
export function checkKindLifetime(policy: CredentialPolicy, kind: CredentialType, expiresAt: Date, now: Date, tenantMaxDays: number): void {
  const days = kindMaxLifetimeDays(policy, kind, tenantMaxDays);
  const latest = new Date(now.getTime() + days * DAY_MS);
  if (expiresAt.getTime() <= latest.getTime()) return;
  throw new CredentialPolicyError(
    'expiresAt',
    'maxLifetimeDays',
    `Your tenant's credential policy lets ${KIND_WORDS[kind].many} last at most ${days} days (rule: ${POLICY_RULE_WORDS.maxLifetimeDays}). Choose ${humanDate(latest)} or earlier, ${ASK}.`,
  );
}

/** A public key as the strength rules see it: RSA with its size, or a curve. */
export type KeyStrength = { type: 'rsa'; bits: number } | { type: 'curve'; curve: KeyCurve } | { type: 'unknown' };

/** A certificate's key, from its stored algorithm (pki/types.ts); RSA_OTHER is a size Keyward did not record. */
export function certificateKeyStrength(algorithm: string | null | undefined): KeyStrength {
  switch (algorithm) {
    case 'RSA_2048':
      return { type: 'rsa', bits: 2048 };
    case 'RSA_3072':
      return { type: 'rsa', bits: 3072 };
    case 'RSA_4096':
      return { type: 'rsa', bits: 4096 };
    case 'EC_P256':
      return { type: 'curve', curve: 'P-256' };
    case 'EC_P384':
      return { type: 'curve', curve: 'P-384' };
    case 'ED25519':
      return { type: 'curve', curve: 'Ed25519' };
    default:
      return { type: 'unknown' };
  }
}

/** An uploaded public JWK's key (private_key_jwt), read from the stored JWK. */
export function jwkKeyStrength(jwk: Record<string, unknown> | null | undefined): KeyStrength {
  if (!jwk) return { type: 'unknown' };
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string') return { type: 'rsa', bits: rsaBits(Buffer.from(jwk.n, 'base64url')) };
  const curve = KEY_CURVES.find((c) => c === jwk.crv);
  return curve ? { type: 'curve', curve } : { type: 'unknown' };
}

/** A DER SubjectPublicKeyInfo's key (a CSR's). */
export function spkiKeyStrength(spki: Buffer): KeyStrength {
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return { type: 'rsa', bits: details?.modulusLength ?? 0 };
  if (key.asymmetricKeyType === 'ed25519') return { type: 'curve', curve: 'Ed25519' };
  const curve = { prime256v1: 'P-256', secp384r1: 'P-384' }[details?.namedCurve ?? ''] as KeyCurve | undefined;
  return curve ? { type: 'curve', curve } : { type: 'unknown' };
}

function rsaBits(modulus: Buffer): number {
  let i = 0;
  while (i < modulus.length && modulus[i] === 0) i++;
  return modulus.length === i ? 0 : (modulus.length - i - 1) * 8 + (32 - Math.clz32(modulus[i]));
}

/** Which strength rule a key breaks, or null. */
export function keyStrengthViolation(policy: CredentialPolicy, key: KeyStrength): 'minRsaKeyBits' | 'allowedKeyCurves' | null {
  if (key.type === 'rsa') return key.bits < policy.minRsaKeyBits ? 'minRsaKeyBits' : null;
  if (key.type === 'curve') return policy.allowedKeyCurves.includes(key.curve) ? null : 'allowedKeyCurves';
  return null;
}

/** The refusal of a key weaker than the policy's minimum, for the field that carried it (publicKey, csr, keyAlgorithm). */
export function checkKeyStrength(policy: CredentialPolicy, key: KeyStrength, field: string): void {
  const broken = keyStrengthViolation(policy, key);
  if (broken === 'minRsaKeyBits' && key.type === 'rsa') {
    const curves = policy.allowedKeyCurves.length > 0 ? `, or a key on ${orList([...policy.allowedKeyCurves])}` : '';
    throw new CredentialPolicyError(
      field,
      'minRsaKeyBits',
      `This RSA key has ${key.bits} bits; your tenant's credential policy asks for at least ${policy.minRsaKeyBits} (rule: ${POLICY_RULE_WORDS.minRsaKeyBits}). Use an RSA key of ${policy.minRsaKeyBits} bits or more${curves}, ${ASK}.`,
    );
  }
  if (broken === 'allowedKeyCurves' && key.type === 'curve') {
    const allowed = policy.allowedKeyCurves.length > 0 ? `a key on ${orList([...policy.allowedKeyCurves])} or ` : '';
    throw new CredentialPolicyError(
      field,
      'allowedKeyCurves',
      `Your tenant's credential policy does not allow keys on ${key.curve} (rule: ${POLICY_RULE_WORDS.allowedKeyCurves}). Use ${allowed}an RSA key of at least ${policy.minRsaKeyBits} bits, ${ASK}.`,
    );
  }
}

/** The longest a personal API key may last under the policy, within `rulesMaxDays` (personal-api-key.rules.ts keyLifetimeDays). */
export function personalKeyMaxLifetimeDays(policy: CredentialPolicy, rulesMaxDays: number): number {
  return Math.min(policy.personalApiKeyMaxLifetimeDays ?? rulesMaxDays, rulesMaxDays);
}

/** The refusal of a personal API key's expiry past the policy's maximum (the key rules' own maximum is checked by keyExpiry). */
export function checkPersonalKeyLifetime(
  policy: CredentialPolicy,
  expiresAt: Date | null | undefined,
  now: Date,
  rulesMaxDays: number,
): void {
  const days = policy.personalApiKeyMaxLifetimeDays;
  if (days === null || days >= rulesMaxDays || !(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) return;
  const latest = new Date(now.getTime() + days * DAY_MS);
  if (expiresAt.getTime() <= latest.getTime()) return;
  throw new CredentialPolicyError(
    'expiresAt',
    'personalApiKeyMaxLifetimeDays',
    `Your tenant's credential policy lets personal API keys last at most ${days} days (rule: ${POLICY_RULE_WORDS.personalApiKeyMaxLifetimeDays}). Choose ${humanDate(latest)} or earlier, or leave the expiry out, ${ASK}.`,
  );
}

export interface CredentialPolicyChanges {
  allowedKinds?: readonly CredentialType[] | null;
  /** Per kind: days, or null for the tenant's maximum. */
  kindLifetimes?: readonly { kind: CredentialType; maxLifetimeDays?: number | null }[] | null;
  minRsaKeyBits?: number | null;
  allowedKeyCurves?: readonly string[] | null;
  personalApiKeyMaxLifetimeDays?: number | null;
}

/**
 * The policy after an update: a field left out stays as it is; null puts it back to the default. Every field is
 * checked and every refusal named at once. A per-kind maximum may not exceed the tenant's credential maximum.
 */
export function checkPolicyUpdate(
  current: CredentialPolicy,
  input: CredentialPolicyChanges,
  tenantMaxDays: number,
  personalRulesMaxDays: number,
): CredentialPolicy {
  const tenantMax = Math.min(tenantMaxDays, SYSTEM_LIMITS.maxCredentialLifetimeDays);
  const checked = checkAll({
    allowedKinds: () => {
      if (input.allowedKinds === undefined) return current.allowedKinds;
      if (input.allowedKinds === null) return [...ALL_KINDS];
      const kinds = ALL_KINDS.filter((k) => input.allowedKinds?.includes(k));
      if (kinds.length === 0)
        throw new BadUserInputError(
          'allowedKinds',
          'Allowed kinds must name at least one kind of credential (CLIENT_SECRET, CERTIFICATE, PRIVATE_KEY_JWT, FEDERATED); with none, no API client could get a new credential.',
        );
      return kinds;
    },
    kindLifetimes: () => {
      if (input.kindLifetimes === undefined) return current.maxLifetimeDays;
      const lifetimes: Partial<Record<CredentialType, number>> = input.kindLifetimes === null ? {} : { ...current.maxLifetimeDays };
      const listed = (input.kindLifetimes ?? []).map((entry) => entry.kind);
      const repeated = listed.find((kind, index) => listed.indexOf(kind) !== index);
      if (repeated)
        throw new BadUserInputError(
          'kindLifetimes',
          `Maximum lifetimes name ${KIND_WORDS[repeated].many} more than once; give each kind of credential once.`,
        );
      const bad: string[] = [];
      for (const { kind, maxLifetimeDays } of input.kindLifetimes ?? []) {
        if (maxLifetimeDays === null || maxLifetimeDays === undefined) delete lifetimes[kind];
        else if (!Number.isInteger(maxLifetimeDays) || maxLifetimeDays < 1 || maxLifetimeDays > tenantMax) bad.push(kind);
        else lifetimes[kind] = maxLifetimeDays;
      }
      if (bad.length > 0)
        throw new BadUserInputError(
          'kindLifetimes',
          `The maximum lifetime of ${bad.map((k) => KIND_WORDS[k as CredentialType].many).join(' and ')} must be a whole number of days from 1 to ${tenantMax}, the tenant's maximum credential lifetime; leave it empty to use that maximum, or raise the tenant's maximum first.`,
          bad,
        );
      return lifetimes;
    },
    minRsaKeyBits: () => {
      if (input.minRsaKeyBits === undefined) return current.minRsaKeyBits;
      if (input.minRsaKeyBits === null) return 2048;
      if (!(RSA_KEY_SIZES as readonly number[]).includes(input.minRsaKeyBits))
        throw new BadUserInputError(
          'minRsaKeyBits',
          `The minimum RSA key size must be ${orList(RSA_KEY_SIZES.map(String))} bits; ${input.minRsaKeyBits} was given.`,
        );
      return input.minRsaKeyBits;
    },
    allowedKeyCurves: () => {
      if (input.allowedKeyCurves === undefined) return current.allowedKeyCurves;
      if (input.allowedKeyCurves === null) return [...KEY_CURVES];
      const unknown = input.allowedKeyCurves.filter((c) => !(KEY_CURVES as readonly string[]).includes(c));
      if (unknown.length > 0)
        throw new BadUserInputError(
          'allowedKeyCurves',
          `Allowed key curves may only be ${orList([...KEY_CURVES])}; ${unknown.map((c) => c.slice(0, 20)).join(', ')} is not one Keyward accepts.`,
          unknown,
        );
      return KEY_CURVES.filter((c) => input.allowedKeyCurves?.includes(c));
    },
    personalApiKeyMaxLifetimeDays: () => {
      const days = input.personalApiKeyMaxLifetimeDays;
      if (days === undefined) return current.personalApiKeyMaxLifetimeDays;
      if (days === null) return null;
      if (!Number.isInteger(days) || days < 1 || days > personalRulesMaxDays)
        throw new BadUserInputError(
          'personalApiKeyMaxLifetimeDays',
          `The personal API key maximum lifetime must be a whole number of days from 1 to ${personalRulesMaxDays} (the longest a personal API key may last in this tenant); ${days} was given. Leave it empty for no limit beyond that.`,
        );
      return days;
    },
  });
  return {
    allowedKinds: checked.allowedKinds,
    maxLifetimeDays: checked.kindLifetimes,
    minRsaKeyBits: checked.minRsaKeyBits,
    allowedKeyCurves: checked.allowedKeyCurves,
    personalApiKeyMaxLifetimeDays: checked.personalApiKeyMaxLifetimeDays,
  };
}

/** What a policy holds, as stored (and as the audit trail compares it). */
export function storedCredentialPolicy(policy: CredentialPolicy): Record<string, unknown> {
  return {
    allowedKinds: policy.allowedKinds,
    maxLifetimeDays: policy.maxLifetimeDays,
    minRsaKeyBits: policy.minRsaKeyBits,
    allowedKeyCurves: policy.allowedKeyCurves,
    personalApiKeyMaxLifetimeDays: policy.personalApiKeyMaxLifetimeDays,
  };
}

/** Facts of one existing credential the rules are checked against. */
export interface ExistingCredentialFacts {
  type: CredentialType;
  createdAt: Date;
  expiresAt: Date;
  key: KeyStrength;
}

/** The rules an existing credential breaks: its kind, its lifetime from creation, its key. */
export function credentialViolations(policy: CredentialPolicy, credential: ExistingCredentialFacts): PolicyRule[] {
  const rules: PolicyRule[] = [];
  if (!policy.allowedKinds.includes(credential.type)) rules.push('allowedKinds');
  const kindMax = policy.maxLifetimeDays[credential.type];
  if (kindMax !== undefined && credential.expiresAt.getTime() - credential.createdAt.getTime() > kindMax * DAY_MS)
    rules.push('maxLifetimeDays');
  const key = keyStrengthViolation(policy, credential.key);
  if (key) rules.push(key);
  return rules;
}

/** Whether a personal API key's lifetime (from its creation or last regeneration) breaks the policy's maximum. */
export function personalKeyViolates(policy: CredentialPolicy, issuedAt: Date, expiresAt: Date): boolean {
  const days = policy.personalApiKeyMaxLifetimeDays;
  return days !== null && expiresAt.getTime() - issuedAt.getTime() > days * DAY_MS;
}
