import { BadUserInputError } from '../kernel/errors.js';
import { ALL_PERMISSIONS, isPermission, type Permission } from '../kernel/permissions.js';
import { isEmail, requiredText } from '../kernel/text-rules.js';
import { SYSTEM_LIMITS, TOKEN_SIGNING_ALGORITHMS, type TokenSigningAlgorithm } from '../tenants/tenant.entity.js';

/** The rules for users, teams and tenant settings as small pure functions; each refusal names the field, the rule and the fix. */
export const SECURITY_RULES = {
  userNameMax: 100,
  teamNameMax: 100,
  teamsPerUserMax: 50,
} as const;

/** Emails are stored lowercased: sign-in accepts any case. */
export function normalizeEmail(value: string | null | undefined): string {
  const email = (value ?? '').trim().toLowerCase();
  if (!email) throw new BadUserInputError('email', 'Email is required: enter the address the person signs in with.');
  if (!isEmail(email)) {
    throw new BadUserInputError('email', `"${email.slice(0, 100)}" is not a valid email address. Enter an address like name@example.com.`);
  }
  return email;
}

export function normalizeUserName(value: string | null | undefined): string {
  return requiredText('name', value, SECURITY_RULES.userNameMax, 'Name is required: enter the person’s name (1 to 100 characters).');
}

export function normalizeTeamName(value: string | null | undefined): string {
  return requiredText(
    'name',
    value,
    SECURITY_RULES.teamNameMax,
    'Team name is required: give the team a name of 1 to 100 characters.',
    'Team name',
  );
}

/** Deduplicated, in the enum's order, so the audit trail compares like with like. */
export function normalizePermissions(values: readonly string[] | null | undefined): Permission[] {
  const given = values ?? [];
  const unknown = given.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw new BadUserInputError('permissions', `Unknown permission ${unknown.join(', ')}. Choose from ${ALL_PERMISSIONS.join(', ')}.`);
  }
  return ALL_PERMISSIONS.filter((p) => given.includes(p));
}

export function normalizeTeamIds(values: readonly string[] | null | undefined): string[] {
  const ids = [...new Set((values ?? []).map((id) => id.trim()))];
  if (ids.length > SECURITY_RULES.teamsPerUserMax) {
    throw new BadUserInputError('teamIds', `A user may belong to at most ${SECURITY_RULES.teamsPerUserMax} teams; choose fewer.`);
  }
  return ids;
}

export type TenantLimit = keyof typeof SYSTEM_LIMITS;

/** Each tenant limit as messages name it; `extensions.field` keeps the setting's name. */
const TENANT_LIMIT_WORDS: Record<TenantLimit, string> = {
  maxClients: 'The tenant’s maximum number of API clients',
  maxCredentialsPerClient: 'The tenant’s maximum number of secrets and certificates per API client',
  maxCredentialLifetimeDays: 'The tenant’s maximum credential lifetime (in days)',
};

/** A tenant limit is at least 1 and at most the system-wide ceiling. */
export function checkTenantLimit(field: TenantLimit, value: number): number {
  const max = SYSTEM_LIMITS[field];
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(
      field,
      `${TENANT_LIMIT_WORDS[field]} must be a whole number from 1 to ${max} (the system maximum); ${value} is outside that range.`,
    );
  }
  return value;
}

/** GraphQL's enum already refuses other values; this guards every other caller of the service. */
export function checkTokenSigningAlgorithm(value: string): TokenSigningAlgorithm {
  const algorithm = TOKEN_SIGNING_ALGORITHMS.find((alg) => alg === value);
  if (!algorithm) {
    throw new BadUserInputError(
      'tokenSigningAlgorithm',
      `The token signing algorithm "${value.slice(0, 20)}" is not supported. Choose ${TOKEN_SIGNING_ALGORITHMS.join(', ')}.`,
    );
  }
  return algorithm;
}
