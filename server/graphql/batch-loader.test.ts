import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.js';

describe('BatchLoader', () => {
  it('loads the keys asked for across several ticks of one response with one call, each key once', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((key) => [key, key.length]));
    });
    // As resolvers behind async permission rules do: the same page's fields arrive a few microtasks apart.
    const values = await Promise.all(
      ['a', 'bb', 'a', 'ccc'].map(async (key, i) => {
        for (let tick = 0; tick < i * 3; tick++) await Promise.resolve();
        return loader.load(key);
      }),
    );
    expect(values).toEqual([1, 2, 1, 3]);
    expect(calls).toEqual([['a', 'bb', 'ccc']]);
    expect(await loader.load('dddd')).toBe(4);
    expect(calls).toHaveLength(2);
  });

  it('rejects every waiting load when the batch fails, and a key the batch did not answer', async () => {
    const failing = new BatchLoader<string, number>(async () => {
      throw new Error('database unavailable');
    });
    await expect(Promise.all([failing.load('a'), failing.load('b')])).rejects.toThrow('database unavailable');
    const partial = new BatchLoader<string, number>(async () => new Map([['a', 1]]));
    const [a, b] = await Promise.allSettled([partial.load('a'), partial.load('b')]);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(b.status).toBe('rejected');
  });
});
