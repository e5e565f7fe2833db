import type { CrimeFigures } from '../domain/crime/answer';

/**
 * Facts about the dataset as a whole (its months, whether it is sample data, its sources) change
 * only when data is imported, yet every answer asks for them. They are kept for a few seconds;
 * the figures themselves are always read afresh.
 */
export function withCachedDatasetFacts(figures: CrimeFigures, ttlMs = 10_000, now: () => number = Date.now): CrimeFigures {
  const memo = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    const cache = new Map<string, { at: number; value: Promise<R> }>();
    return (...args: A): Promise<R> => {
      const key = JSON.stringify(args);
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = fn(...args);
      cache.set(key, { at: now(), value });
      value.catch(() => cache.delete(key));
      return value;
    };
  };
  const wrapped = Object.create(figures) as CrimeFigures;
  wrapped.dataRange = memo(figures.dataRange.bind(figures));
  wrapped.isSampleData = memo(figures.isSampleData.bind(figures));
  wrapped.provenance = memo(figures.provenance.bind(figures));
  wrapped.hasData = memo(figures.hasData.bind(figures));
  return wrapped;
}
