import { DAY_MS } from '../kernel/clock.js';

/**
 * The reminder cadence (docs/reminders.md#cadence): 30 and 15 days before expiry, then every day from 7 days to 1 day.
 * Pure: the scan's SQL computes the same thing, and the tests hold both to this module.
 */
export const REMINDER_STAGES = [30, 15, 7, 6, 5, 4, 3, 2, 1] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** Whole days left, rounded up: 29 days and 1 hour left is 30 days left. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/**
 * The stage due now: the smallest stage ≥ the days left, or null when the credential expires more than
 * 30 days ahead or has expired. Only the current stage is ever due, so after downtime the stages that
 * passed meanwhile are skipped rather than sent late in a flood.
 */
export function dueStage(expiresAt: Date, now: Date): ReminderStage | null {
  const left = daysLeft(expiresAt, now);
  if (left <= 0) return null;
  let due: ReminderStage | null = null;
  for (const stage of REMINDER_STAGES) if (stage >= left) due = stage;
  return due;
}
