import type { Writable } from 'node:stream';

/**
 * Where a Keyward process's log lines go: standard output, written without blocking and with a bounded backlog.
 *
 * pino's default destination writes synchronously. When the reader of standard output stops (a hung log shipper, a
 * `| tee` onto a full disk, a blocked container log driver), the pipe fills: pino keeps every later line in memory, and
 * its flush at exit waits for the pipe in a loop that holds the main thread for good, so a SIGTERM never ends the
 * process. Here each line goes to `process.stdout`, whose pipe writes are asynchronous (libuv, non-blocking), and when
 * more than `limitBytes` are waiting, new lines are dropped and counted instead of queued. When the reader catches up
 * (the stream drains), `onResume` hears how many were dropped, so the log itself says where the gap is.
 */
export class BoundedLogStream {
  private droppedTotal = 0;
  private droppedSinceResume = 0;
  private awaitingResume = false;
  private resumeListener: (dropped: number) => void = () => {};

  constructor(
    private readonly out: Writable,
    private readonly limitBytes: number,
    /** Turns pino's JSON line into what is written (the readable format); the bound applies to the written text. */
    private readonly format: (line: string) => string = (line) => line,
  ) {
    // EPIPE and the like: the reader is gone for good. Every later line is dropped and counted; the process lives on.
    out.on('error', () => {});
  }

  /** Called by pino with each serialized line. */
  write(line: string): boolean {
    const text = this.format(line);
    if (!this.out.writable || this.out.writableLength + text.length > this.limitBytes) this.drop();
    else this.out.write(text);
    return true;
  }

  /** Log lines dropped since the process started. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** `listener` hears, each time writing resumes after lines were dropped, how many were dropped since the last time. */
  onResume(listener: (dropped: number) => void): void {
    this.resumeListener = listener;
  }

  /**
   * Resolves once every line written so far has left the process, or after `timeoutMs`, whichever comes first: with a
   * stalled reader the lines still waiting are lost rather than holding up the exit. True when everything was written.
   */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.out.writable && this.out.writableLength > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.out.writableLength === 0;
  }

  private drop(): void {
    this.droppedTotal++;
    this.droppedSinceResume++;
    if (this.awaitingResume || !this.out.writable) return;
    this.awaitingResume = true;
    // 'drain' comes once the backlog is written. With no backlog (a single line larger than the whole limit) none will
    // come, so the gap is reported at once.
    if (this.out.writableNeedDrain) this.out.once('drain', () => this.resume());
    else setImmediate(() => this.resume());
  }

  private resume(): void {
    const dropped = this.droppedSinceResume;
    this.droppedSinceResume = 0;
    this.awaitingResume = false;
    this.resumeListener(dropped);
  }
}
