import { Worker } from 'node:worker_threads';

/** Exit code of a shutdown the deadline cut short (a clean one exits with 0). */
export const EXIT_SHUTDOWN_DEADLINE = 1;

/** How long after the deadline the watchdog kills a process whose main thread could not exit by itself. */
export const WATCHDOG_GRACE_MS = 5_000;

// Runs on its own thread and sleeps there, so nothing the main thread does (or fails to do) can delay it. Written to
// run as a script or a module alike, whatever flags the process was started with.
const watchdog = (ms: number) =>
  `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms}); process.kill(process.pid, 'SIGKILL');`;

/**
 * Makes sure the process ends within `seconds` of the start of its shutdown, whatever is still running. At the
 * deadline a timer calls `onDeadline`, which logs and exits with EXIT_SHUTDOWN_DEADLINE. That needs a free event loop;
 * if the main thread is stuck in a call that never returns (as a synchronous log flush into a pipe nobody reads was),
 * a watchdog thread kills the process WATCHDOG_GRACE_MS later (exit status 137, SIGKILL). An exit before then ends the
 * watchdog with the process.
 */
export function armShutdownDeadline(seconds: number, onDeadline: () => void): void {
  const ms = seconds * 1000;
  setTimeout(onDeadline, ms).unref();
  new Worker(watchdog(ms + WATCHDOG_GRACE_MS), { eval: true, execArgv: [] }).unref();
}
