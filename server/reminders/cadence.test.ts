import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../kernel/clock.js';
import { daysLeft, dueStage, REMINDER_STAGES, type ReminderStage } from './cadence.js';

const HOUR_MS = 60 * 60 * 1000;
const expiresAt = new Date('2027-03-01T12:00:00Z');
const beforeExpiry = (ms: number) => new Date(expiresAt.getTime() - ms);

/** Walks the clock hour by hour and returns each stage the first time it becomes due and is not yet sent. */
function walk(from: Date, to: Date, sent = new Set<ReminderStage>()): ReminderStage[] {
  const fired: ReminderStage[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += HOUR_MS) {
    const stage = dueStage(expiresAt, new Date(t));
    if (stage !== null && !sent.has(stage)) {
      sent.add(stage);
      fired.push(stage);
    }
  }
  return fired;
}

describe('the reminder cadence', () => {
  it('counts whole days left, rounding up', () => {
    expect(daysLeft(expiresAt, beforeExpiry(30 * DAY_MS))).toBe(30);
    expect(daysLeft(expiresAt, beforeExpiry(29 * DAY_MS + HOUR_MS))).toBe(30);
    expect(daysLeft(expiresAt, beforeExpiry(HOUR_MS))).toBe(1);
    expect(daysLeft(expiresAt, expiresAt)).toBe(0);
  });

  it('is due at 30 and 15 days, then daily from 7 to 1; nothing beyond 30 days or after expiry', () => {
    expect(dueStage(expiresAt, beforeExpiry(31 * DAY_MS))).toBeNull();
    expect(dueStage(expiresAt, beforeExpiry(30 * DAY_MS + 1))).toBeNull();
    expect(dueStage(expiresAt, beforeExpiry(30 * DAY_MS))).toBe(30);
    expect(dueStage(expiresAt, beforeExpiry(16 * DAY_MS))).toBe(30);
    expect(dueStage(expiresAt, beforeExpiry(15 * DAY_MS))).toBe(15);
    expect(dueStage(expiresAt, beforeExpiry(8 * DAY_MS))).toBe(15);
    expect(dueStage(expiresAt, beforeExpiry(7 * DAY_MS))).toBe(7);
    expect(dueStage(expiresAt, beforeExpiry(DAY_MS))).toBe(1);
    expect(dueStage(expiresAt, beforeExpiry(1))).toBe(1);
    expect(dueStage(expiresAt, expiresAt)).toBeNull();
  });

  it('from 31 days before expiry to expiry, hour by hour, fires each of the nine stages once, in order', () => {
    expect(walk(beforeExpiry(31 * DAY_MS), expiresAt)).toEqual([...REMINDER_STAGES]);
  });

  it('after downtime from 31 to 12 days left, fires only the current stage (15), then goes on at 7', () => {
    const sent = new Set<ReminderStage>();
    expect(walk(beforeExpiry(31 * DAY_MS), beforeExpiry(31 * DAY_MS), sent)).toEqual([]);
    expect(walk(beforeExpiry(12 * DAY_MS), expiresAt, sent)).toEqual([15, 7, 6, 5, 4, 3, 2, 1]);
  });
});
