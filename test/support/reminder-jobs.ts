import { expect } from 'vitest';
import type { TestKeyward } from './keyward.js';

/**
 * Whether a reminder scan job started after `since` and has finished (Agenda's record of it). A scan drains what it
 * claims before it finishes, so once every due reminder is recorded, such a run is the point after which nothing
 * more of theirs is sent: the state in which "each was sent once" can be asserted without sleeping.
 */
async function reminderScanFinishedSince(kw: Pick<TestKeyward, 'sql'>, since: Date): Promise<boolean> {
  const [scan] = await kw.sql<{ done: boolean | null }>(
    `select last_run_at > ? and last_finished_at >= last_run_at as done from agenda_jobs where name = 'reminders.scan'`,
    [since],
  );
  return scan?.done === true;
}

/**
 * Waits until `pending()` (the test's reminders still PENDING) is 0, then until a whole reminder scan has run after
 * that: from then on no further message of theirs can be sent, so "each was sent once" can be asserted.
 */
export async function remindersSettled(kw: Pick<TestKeyward, 'sql'>, pending: () => Promise<number>): Promise<void> {
  await expect.poll(pending, { message: 'reminders still PENDING', timeout: 30_000, interval: 100 }).toBe(0);
  const recorded = new Date();
  await expect
    .poll(() => reminderScanFinishedSince(kw, recorded), {
      message: 'a reminder scan started and finished after the last reminder was recorded',
      timeout: 30_000,
      interval: 100,
    })
    .toBe(true);
}
