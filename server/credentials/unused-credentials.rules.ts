import { BadUserInputError } from '../kernel/errors.js';

/** The tenant's `unusedCredentialDays`: its default and range (docs/usage-findings.md). */
export const UNUSED_CREDENTIAL_DAYS = { default: 90, min: 1, max: 3650 } as const;

export function checkUnusedCredentialDays(value: number): number {
  if (!Number.isInteger(value) || value < UNUSED_CREDENTIAL_DAYS.min || value > UNUSED_CREDENTIAL_DAYS.max) {
    throw new BadUserInputError(
      'unusedCredentialDays',
      `The days without use after which a credential counts as unused must be a whole number from ${UNUSED_CREDENTIAL_DAYS.min} to ${UNUSED_CREDENTIAL_DAYS.max} (10 years); ${value} is outside that range.`,
    );
  }
  return value;
}

/** Whole days from `since` (its last use, or its creation if never used) to `now`, rounded down. */
export function unusedDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}
