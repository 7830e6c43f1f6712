import { UserStatus } from '../auth/user.entity.js';
import { DAY_MS } from '../clock.js';
import { BadUserInputError } from '../errors.js';
import { requiredText } from '../text-rules.js';
import { PersonalApiKeyStatus } from './personal-api-key.entity.js';

/** The rules of SPEC §8 as small pure functions; each refusal names the field, the rule and the fix. */
export const API_KEY_RULES = {
  nameMax: 100,
  defaultLifetimeDays: 90,
  maxLifetimeDays: 365,
} as const;

/** Only a person manages their keys, so a leaked key or access token cannot mint more keys. */
export const KEYS_NEED_THEIR_OWNER =
  'Personal API keys are managed by their owner, signed in to Keyward; an API key or access token cannot create or change keys. Sign in and use My API keys.';

/** "2027-02-20 14:05 UTC": unambiguous for every reader, whatever their time zone. */
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function normalizeKeyName(value: string | null | undefined): string {
  return requiredText(
    'name',
    value,
    API_KEY_RULES.nameMax,
    `Name is required: give the key a name of 1 to ${API_KEY_RULES.nameMax} characters that says where it is used, e.g. "ERP integration".`,
  );
}

/** A new key's expiry: 90 days from now when not given; otherwise in the future and at most 365 days ahead. */
export function keyExpiry(expiresAt: Date | null | undefined, now: Date): Date {
  const { defaultLifetimeDays, maxLifetimeDays } = API_KEY_RULES;
  if (expiresAt === null || expiresAt === undefined) return new Date(now.getTime() + defaultLifetimeDays * DAY_MS);
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
    throw new BadUserInputError(
      'expiresAt',
      `expiresAt must be a date and time (ISO 8601, e.g. 2027-01-31T00:00:00Z), or left out for ${defaultLifetimeDays} days from now.`,
    );
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BadUserInputError(
      'expiresAt',
      `expiresAt must be in the future; ${expiresAt.toISOString()} has already passed. Choose a date within the next ${maxLifetimeDays} days, or leave it out for ${defaultLifetimeDays} days.`,
    );
  }
  const latest = new Date(now.getTime() + maxLifetimeDays * DAY_MS);
  if (expiresAt.getTime() > latest.getTime()) {
    throw new BadUserInputError(
      'expiresAt',
      `expiresAt is more than ${maxLifetimeDays} days ahead, the longest a personal API key may last. Choose ${latest.toISOString()} or earlier, and make a new key before then.`,
    );
  }
  return expiresAt;
}

/**
 * A regenerated key's expiry: it lasts as long as its current value was given (from its creation or last
 * regeneration to its expiry), counted from now, and never more than 365 days.
 */
export function regeneratedExpiry(key: { createdAt: Date; regeneratedAt?: Date | null; expiresAt: Date }, now: Date): Date {
  const issuedAt = key.regeneratedAt ?? key.createdAt;
  const lifetime = Math.min(key.expiresAt.getTime() - issuedAt.getTime(), API_KEY_RULES.maxLifetimeDays * DAY_MS);
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
