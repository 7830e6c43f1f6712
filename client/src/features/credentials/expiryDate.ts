import { formatUtcDay } from '../../components/format';

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

/**
 * Why a day from the picker cannot be sent, in people's words, or undefined when it can. A day can be typed past the
 * picker's max or before its min (browsers do not stop that), so the form checks before it sends anything.
 */
export function expiryDayProblem(day: string, range: ExpiryRange, maxLifetimeDays: number): string | undefined {
  if (!day) return 'Choose the day it stops working: every secret, certificate and API key expires.';
  if (day < range.min) return `The expiry day must be in the future. Choose ${formatUtcDay(expiresAtOf(range.min))} or later.`;
  if (day > range.max) {
    return `The expiry day is more than ${maxLifetimeDays} days ahead, the longest allowed. Choose ${formatUtcDay(expiresAtOf(range.max))} or earlier.`;
  }
  return undefined;
}
