import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BoundedLogStream } from './log-stream.js';

/** A standard output whose reader is stalled until `resume()`: nothing written is taken until then. */
function stalledOutput() {
  const written: string[] = [];
  let held: (() => void)[] = [];
  let flowing = false;
  const out = new Writable({
    highWaterMark: 64,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      const take = () => {
        written.push(chunk);
        callback();
      };
      if (flowing) take();
      else held.push(take);
    },
  });
  return {
    out,
    written,
    resume() {
      flowing = true;
      for (const take of held) take();
      held = [];
    },
  };
}

const line = (n: number) => `{"msg":"line ${String(n).padStart(3, '0')}"}\n`; // 19 characters

describe('BoundedLogStream', () => {
  it('holds at most its limit for a stalled reader and counts the lines it drops', () => {
    const { out } = stalledOutput();
    const stream = new BoundedLogStream(out, 200);
    for (let n = 0; n < 100; n++) stream.write(line(n));
    // Ten lines of 19 characters fit in 200; an eleventh would not (the one being written counts too).
    expect(out.writableLength).toBe(190);
    expect(stream.dropped).toBe(90);
  });

  it('tells once, when the reader catches up, how many lines were dropped, and writes again', async () => {
    const { out, written, resume } = stalledOutput();
    const stream = new BoundedLogStream(out, 200);
    const resumed: number[] = [];
    stream.onResume((dropped) => {
      resumed.push(dropped);
      stream.write('{"msg":"resumed"}\n');
    });
    for (let n = 0; n < 50; n++) stream.write(line(n));
    expect(resumed).toEqual([]);
    resume();
    await new Promise((resolve) => setImmediate(resolve));
    expect(resumed).toEqual([40]);
    stream.write(line(99));
    expect(written.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, n) => line(n)));
    expect(written.slice(10)).toEqual(['{"msg":"resumed"}\n', line(99)]);
    expect(stream.dropped).toBe(40);
  });

  it('drops a single line larger than the whole limit and reports it at once', async () => {
    const { out, resume } = stalledOutput();
    resume();
    const stream = new BoundedLogStream(out, 100);
    const resumed: number[] = [];
    stream.onResume((dropped) => resumed.push(dropped));
    stream.write(`{"msg":"${'x'.repeat(200)}"}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(resumed).toEqual([1]);
  });

  it('applies the limit to the formatted text', () => {
    const { out } = stalledOutput();
    const stream = new BoundedLogStream(out, 100, (json) => `${json.trim()}${' '.repeat(80)}\n`);
    stream.write(line(1));
    stream.write(line(2));
    expect(stream.dropped).toBe(1);
  });

  it('flushes within a time limit: false while the reader is stalled, true once it has everything', async () => {
    const { out, resume } = stalledOutput();
    const stream = new BoundedLogStream(out, 1000);
    stream.write(line(1));
    stream.write(line(2));
    const started = performance.now();
    expect(await stream.flush(100)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    setTimeout(resume, 50);
    expect(await stream.flush(2000)).toBe(true);
  });

  it('keeps the process alive when the reader is gone (EPIPE): later lines are dropped and counted', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stream = new BoundedLogStream(out, 1000);
    stream.write(line(1));
    await new Promise((resolve) => setImmediate(resolve));
    stream.write(line(2));
    stream.write(line(3));
    expect(stream.dropped).toBe(2);
    expect(await stream.flush(100)).toBe(true);
  });
});
