import type { CrimeFigures } from './answer';
import type { DataSnapshot } from '../../store/snapshot';

/** The reads of CrimeFigures; `notes` is computed from the area pack alone. */
const READS = ['dataRange', 'series', 'total', 'ranking', 'breakdown', 'provenance', 'isSampleData', 'hasData', 'importedMonths'] as const;

/** Reads whose only argument is a category that matters only through its source (see CrimeFigures.sourceOf). */
const BY_SOURCE: ReadonlySet<string> = new Set(['dataRange', 'provenance', 'importedMonths']);

/**
 * The crime figures as a snapshot holds them. Figures change only when data is loaded, and every
 * load gives the crime data a new version token, so a figure read at one version is shared by
 * every answer at that version: the district ranking read for one ward's question serves every
 * other ward's, and the months held for burglary serve shoplifting.
 */
export function figuresAt(snapshot: DataSnapshot, figures: CrimeFigures): CrimeFigures {
  const view = Object.create(figures) as CrimeFigures;
  for (const name of READS) {
    const read = figures[name] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!read) continue;
    const keyOf = BY_SOURCE.has(name) && figures.sourceOf ? (args: unknown[]) => [figures.sourceOf!(args[0] as string | null)] : (args: unknown[]) => args;
    (view as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => snapshot.keep(`figures.${name}`, ['crime'], keyOf(args), () => read.apply(figures, args));
  }
  return view;
}
