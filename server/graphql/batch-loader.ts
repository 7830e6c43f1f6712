/**
 * Collects the keys that resolvers ask for while one response is being built and loads them with one call, so
 * a list page of N items costs one query per field instead of N (what DataLoader does, in a few lines).
 * One instance per request: nothing is cached across requests, so every answer is current.
 */
export class BatchLoader<K, V> {
  private pending = new Map<K, { resolve: (value: V) => void; reject: (error: unknown) => void }[]>();

  constructor(private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      // setImmediate, not a microtask: graphql-shield's async rules spread one page's resolvers over several ticks.
      if (this.pending.size === 0) setImmediate(() => void this.flush());
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const values = await this.loadMany([...batch.keys()]);
      for (const [key, waiting] of batch) {
        const value = values.get(key);
        for (const { resolve, reject } of waiting) {
          if (value === undefined) reject(new Error(`BatchLoader: no value for ${String(key)}`));
          else resolve(value);
        }
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
    }
  }
}
