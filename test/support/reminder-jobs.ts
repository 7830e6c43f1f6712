import type { TestKeyward } from './keyward.js';

/**
 * Whether a reminder scan job started after `since` and has finished (Agenda's record of it). A scan drains what it
 * claims before it finishes, so once every due reminder is recorded, such a run is the point after which nothing
 * more of theirs is sent: the state in which "each was sent once" can be asserted without sleeping.
 */
export async function reminderScanFinishedSince(kw: Pick<TestKeyward, 'sql'>, since: Date): Promise<boolean> {
  const [scan] = await kw.sql<{ done: boolean | null }>(
    `select last_run_at > ? and last_finished_at >= last_run_at as done from agenda_jobs where name = 'reminders.scan'`,
    [since],
  );
  return scan?.done === true;
}
