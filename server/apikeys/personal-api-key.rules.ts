import { DAY_MS } from '../kernel/clock.js';
import { BadUserInputError, ForbiddenError } from '../kernel/errors.js';
import { humanDate } from '../kernel/human-date.js';
import { ALL_PERMISSIONS, PERMISSION_LABELS, Permission } from '../kernel/permissions.js';
import { requiredText } from '../kernel/text-rules.js';
import { UserStatus } from '../users/user.entity.js';
import { PersonalApiKeyStatus } from './personal-api-key.entity.js';

/** The rules of personal API keys (docs/limits.md#personal-api-key-limits) as small pure functions; each refusal names the field, the rule and the fix. */
export const API_KEY_RULES = {
  nameMax: 100,
  defaultLifetimeDays: 90,
  maxLifetimeDays: 365,
  /** Live keys (not revoked, not expired) one user may hold at once (docs/limits.md#personal-api-key-limits). */
  maxLiveKeys: 20,
} as const;

/** Only a person manages their keys, so a leaked key or access token cannot mint more keys. */
export const KEYS_NEED_THEIR_OWNER =
  'Personal API keys are managed by their owner, signed in to Keyward; an API key or access token cannot create or change keys. Sign in and use My API keys.';

export function normalizeKeyName(value: string | null | undefined): string {
  return requiredText(
    'name',
    value,
    API_KEY_RULES.nameMax,
    `Name is required: give the key a name of 1 to ${API_KEY_RULES.nameMax} characters that says where it is used, e.g. "ERP integration".`,
  );
}

/** The longest a key may last in a tenant: 365 days, or the tenant's credential-lifetime maximum when that is shorter. */
export function keyLifetimeDays(tenantMaxDays: number): number {
  return Math.max(1, Math.min(API_KEY_RULES.maxLifetimeDays, tenantMaxDays));
}

/**
 * A new key's expiry: 90 days from now when not given (or the tenant's maximum when that is shorter); otherwise
 * in the future and at most `maxDays` (see keyLifetimeDays) ahead.
 */
export function keyExpiry(expiresAt: Date | null | undefined, now: Date, maxDays: number = API_KEY_RULES.maxLifetimeDays): Date {
  const defaultDays = Math.min(API_KEY_RULES.defaultLifetimeDays, maxDays);
  if (expiresAt === null || expiresAt === undefined) return new Date(now.getTime() + defaultDays * DAY_MS);
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
    throw new BadUserInputError(
      'expiresAt',
      `The expiry date must be a date and time (ISO 8601, e.g. 2027-01-31T00:00:00Z), or left out for ${defaultDays} days from now.`,
    );
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BadUserInputError(
      'expiresAt',
      `The expiry date must be in the future; ${humanDate(expiresAt)} has already passed. Choose a date within the next ${maxDays} days, or leave it out for ${defaultDays} days.`,
    );
  }
  const latest = new Date(now.getTime() + maxDays * DAY_MS);
  if (expiresAt.getTime() > latest.getTime()) {
    const longest =
      maxDays < API_KEY_RULES.maxLifetimeDays
        ? 'the longest this tenant allows a credential, and so a personal API key, to last'
        : 'the longest a personal API key may last';
    throw new BadUserInputError(
      'expiresAt',
      `The expiry date is more than ${maxDays} days ahead, ${longest}. Choose ${humanDate(latest)} or earlier, and make a new key before then.`,
    );
  }
  return expiresAt;
}

/**
 * A regenerated key's expiry: it lasts as long as its current value was given (from its creation or last
 * regeneration to its expiry), counted from now, and never more than `maxDays` (365, or the tenant's shorter maximum).
 */
export function regeneratedExpiry(
  key: { createdAt: Date; regeneratedAt?: Date | null; expiresAt: Date },
  now: Date,
  maxDays: number = API_KEY_RULES.maxLifetimeDays,
): Date {
  const issuedAt = key.regeneratedAt ?? key.createdAt;
  const lifetime = Math.min(key.expiresAt.getTime() - issuedAt.getTime(), maxDays * DAY_MS);
  return new Date(now.getTime() + Math.max(lifetime, 0));
}

/** REVOKED, then EXPIRED, then SUSPENDED (owner disabled), else VALID — as of `now`. */
export function keyStatus(
  key: { revokedAt?: Date | null; expiresAt: Date },
  ownerStatus: UserStatus | undefined,
  now: Date,
): PersonalApiKeyStatus {
  if (key.revokedAt) return PersonalApiKeyStatus.REVOKED;
  if (key.expiresAt.getTime() <= now.getTime()) return PersonalApiKeyStatus.EXPIRED;
  if (ownerStatus !== UserStatus.ACTIVE) return PersonalApiKeyStatus.SUSPENDED;
  return PersonalApiKeyStatus.VALID;
}

/** "CLIENT_CREATE (Security Create New Client)": the enum value a script sends and the label the SPA shows. */
function named(permissions: readonly Permission[]): string {
  return permissions.map((p) => `${p} (${PERMISSION_LABELS[p]})`).join(', ');
}

/** In the order of docs/permissions.md#the-permissions, each once. */
function inEnumOrder(permissions: Iterable<Permission>): Permission[] {
  const chosen = new Set(permissions);
  return ALL_PERMISSIONS.filter((p) => chosen.has(p));
}

/**
 * The permissions a new key carries (docs/permissions.md#personal-api-key-permissions). Left out: the owner's, except SECURITY_ADMINISTRATION, which
 * manages people and teams and so is given to a key only when chosen by name. Chosen: a non-empty subset of the
 * owner's; naming one the owner does not hold is an escalation, refused as FORBIDDEN like a missing permission.
 */
export function keyPermissions(chosen: readonly Permission[] | null | undefined, ownerHolds: ReadonlySet<Permission>): Permission[] {
  if (chosen === null || chosen === undefined) {
    const defaults = inEnumOrder([...ownerHolds].filter((p) => p !== Permission.SECURITY_ADMINISTRATION));
    if (defaults.length > 0) return defaults;
    throw new BadUserInputError(
      'permissions',
      ownerHolds.size > 0
        ? `A key gets SECURITY_ADMINISTRATION (${PERMISSION_LABELS.SECURITY_ADMINISTRATION}) only when it is chosen, and you hold no other permission: choose it in permissions, e.g. permissions: [SECURITY_ADMINISTRATION].`
        : 'You hold no permissions, so a key could do nothing: ask a security administrator to add you to a team, then create the key.',
    );
  }
  if (chosen.length === 0) {
    throw new BadUserInputError(
      'permissions',
      'Choose at least one permission for the key, or leave permissions out for all of yours except SECURITY_ADMINISTRATION.',
    );
  }
  const notHeld = inEnumOrder(chosen.filter((p) => !ownerHolds.has(p)));
  if (notHeld.length > 0) {
    throw new ForbiddenError(
      `A key can carry only permissions you hold, and you do not hold ${named(notHeld)}. Leave ${notHeld.length === 1 ? 'it' : 'them'} out of permissions, or ask a security administrator to add ${notHeld.length === 1 ? 'it' : 'them'} to one of your teams.`,
    );
  }
  return inEnumOrder(chosen);
}

/** What a key may do on this request: the permissions chosen for it that its owner still holds right now. */
export function effectiveKeyPermissions(keyPermissions: readonly Permission[], ownerHolds: ReadonlySet<Permission>): Set<Permission> {
  return new Set(keyPermissions.filter((p) => ownerHolds.has(p)));
}

export function liveKeyLimitMessage(max: number): string {
  return `You already have ${max} personal API keys that are not revoked or expired, the most one person may hold. Revoke a key you no longer need under My API keys (revokePersonalApiKey), then create the new one.`;
}
