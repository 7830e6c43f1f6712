import { DAY_MS } from '../kernel/clock.js';
import { BadUserInputError } from '../kernel/errors.js';
import { humanDate } from '../kernel/human-date.js';
import { SYSTEM_LIMITS } from '../tenants/tenant.entity.js';

/** Every credential expires: in the future, and at most the tenant's maximum (≤ 365 days) ahead. */
export function checkExpiry(expiresAt: Date | null | undefined, now: Date, tenantMaxDays: number): Date {
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
    throw new BadUserInputError(
      'expiresAt',
      'The expiry date is required: give the date and time (ISO 8601, e.g. 2027-01-31T00:00:00Z) when this credential stops working.',
    );
  }
  const maxDays = Math.min(tenantMaxDays, SYSTEM_LIMITS.maxCredentialLifetimeDays);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BadUserInputError(
      'expiresAt',
      `The expiry date must be in the future; ${humanDate(expiresAt)} has already passed. Choose a date within the next ${maxDays} days.`,
    );
  }
  const latest = new Date(now.getTime() + maxDays * DAY_MS);
  if (expiresAt.getTime() > latest.getTime()) {
    throw new BadUserInputError(
      'expiresAt',
      `The expiry date is more than ${maxDays} days ahead, the longest this tenant allows. Choose ${humanDate(latest)} or earlier, and renew the credential before then.`,
    );
  }
  return expiresAt;
}
