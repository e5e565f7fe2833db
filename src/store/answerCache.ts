import { LRUCache } from 'lru-cache';
import type { Store } from './db';

/**
 * Freezes a value and everything reachable from it, so that a value shared between answers can
 * never be changed by one of them (a change would throw instead of corrupting the next answer).
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/**
 * Results of work that is a pure function of its key, kept (most recently used first, bounded)
 * and shared. The key must name everything the result depends on, data versions included; a
 * result is frozen before it is shared, and a failure is never kept.
 */
export class SharedResults<V extends object> {
  private readonly cache: LRUCache<string, Promise<V>>;

  constructor(max: number) {
    this.cache = new LRUCache({ max });
  }

  /** The result for `key`, computing it once even when asked for several times at the same moment. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const value = compute().then(deepFreeze);
    this.cache.set(key, value);
    value.catch(() => {
      if (this.cache.get(key) === value) this.cache.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.cache.size;
  }
}

/** Shared results kept apart for each store (one process can hold several: the tests, the CLI). */
export function sharedPerStore<V extends object>(max: number): (store: Store) => SharedResults<V> {
  const byStore = new WeakMap<Store, SharedResults<V>>();
  return (store) => {
    let results = byStore.get(store);
    if (!results) {
      results = new SharedResults<V>(max);
      byStore.set(store, results);
    }
    return results;
  };
}
