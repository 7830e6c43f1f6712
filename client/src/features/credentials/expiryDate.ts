/**
 * The expiry date picker works in whole UTC days and a chosen day is sent as its start, 00:00 UTC.
 * So tomorrow is always in the future and today + the tenant's maximum is never further ahead than
 * the API allows (now + maximum days), whatever the viewer's time zone.
 */

export const DEFAULT_LIFETIME_DAYS = 90;

/** `YYYY-MM-DD` of the UTC day `days` after the current one. */
export function utcDayFromToday(days: number, now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

export interface ExpiryRange {
  min: string;
  max: string;
  initial: string;
}

export function expiryRange(maxLifetimeDays: number, now: Date = new Date()): ExpiryRange {
  return {
    min: utcDayFromToday(1, now),
    max: utcDayFromToday(maxLifetimeDays, now),
    initial: utcDayFromToday(Math.min(DEFAULT_LIFETIME_DAYS, maxLifetimeDays), now),
  };
}

/** The API's `expiresAt` for a picked day. */
export function expiresAtOf(day: string): string {
  return `${day}T00:00:00.000Z`;
}
