import type { CrimeFigures } from './answer';
import { SharedResults } from '../../store/answerCache';

/** The reads of CrimeFigures; `notes` is computed from the area pack alone. */
const READS = ['dataRange', 'series', 'total', 'ranking', 'breakdown', 'provenance', 'isSampleData', 'hasData'] as const;

/**
 * Crime figures change only when data is loaded, and every load gives the data a new version
 * token (store/dataVersions). Figures read at one version are shared by every answer at that
 * version: the district ranking read for one ward's question serves every other ward's. A new
 * token is a new key, so nothing read before a load is used after it.
 */
export function versionedFigures(figures: CrimeFigures, max = 5000): (version: string) => CrimeFigures {
  const results = new SharedResults<object>(max);
  return (version) => {
    const view = Object.create(figures) as CrimeFigures;
    for (const name of READS) {
      const read = figures[name] as (...args: unknown[]) => Promise<unknown>;
      (view as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
        results.get(JSON.stringify([version, name, args]), () => read.apply(figures, args).then(boxed)).then(unboxed);
    }
    return view;
  };
}

// Some reads answer a boolean or null; the shared results hold objects.
function boxed(value: unknown): { value: unknown } {
  return { value };
}
function unboxed(box: object): never {
  return (box as { value: unknown }).value as never;
}
