/** Where promises are kept by key: a Map, a WeakMap, an LRU cache. */
export interface PromiseKeeper<K, V> {
  get(key: K): Promise<V> | undefined;
  set(key: K, value: Promise<V>): unknown;
  delete(key: K): unknown;
}

/**
 * The promise kept under `key`, made once and shared by everyone who asks while it is kept. One
 * that fails is forgotten (unless something newer has taken its place), so the next ask tries again.
 */
export function keptPromise<K, V>(keeper: PromiseKeeper<K, V>, key: K, make: () => Promise<V>): Promise<V> {
  const found = keeper.get(key);
  if (found) return found;
  const made = make();
  keeper.set(key, made);
  made.catch(() => {
    if (keeper.get(key) === made) keeper.delete(key);
  });
  return made;
}
