import type { CrimeFigures } from './answer';
import type { DataSnapshot } from '../../store/snapshot';
import { CrimeQueries } from './queries';

/** The reads of CrimeFigures; `notes` is computed from the area pack alone. */
const READS = ['dataRange', 'series', 'total', 'ranking', 'breakdown', 'provenance', 'isSampleData', 'hasData', 'importedMonths'] as const;

/** Reads whose only argument is a category that matters only through its source (see CrimeFigures.sourceOf). */
const BY_SOURCE: ReadonlySet<string> = new Set(['dataRange', 'provenance', 'importedMonths']);

/**
 * The crime figures as a snapshot holds them. Figures change only when data is loaded, and every
 * load gives the crime data a new version token, so a figure read at one version is shared by
 * every answer at that version: the district ranking read for one ward's question serves every
 * other ward's, and the months held for burglary serve shoplifting. What the store's figures learn
 * about the data itself (whether it holds counts by ward) is kept at that version too.
 */
export function figuresAt(snapshot: DataSnapshot, figures: CrimeFigures): CrimeFigures {
  const source = figures instanceof CrimeQueries ? figures.at(snapshot) : figures;
  const view = Object.create(source) as CrimeFigures;
  for (const name of READS) {
    const read = source[name] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!read) continue;
    const keyOf = BY_SOURCE.has(name) && figures.sourceOf ? (args: unknown[]) => [figures.sourceOf!(args[0] as string | null)] : (args: unknown[]) => args;
    (view as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => snapshot.keep(`figures.${name}`, ['crime'], keyOf(args), () => read.apply(source, args));
  }
  return view;
}
