import type { CrimeFigures } from './answer';
import type { DataSnapshot } from '../../store/snapshot';
import { CrimeQueries } from './queries';

/** The reads of CrimeFigures; `notes` is computed from the area pack alone. */
const READS = ['dataRange', 'series', 'total', 'ranking', 'breakdown', 'provenance', 'isSampleData', 'hasData'] as const;

/**
 * The crime figures as a snapshot holds them. Figures change only when data is loaded, and every
 * load gives the crime data a new version token, so a figure read at one version is shared by
 * every answer at that version: the district ranking read for one ward's question serves every
 * other ward's. What the store's figures learn about the data itself (whether it holds counts by
 * ward) is kept at that version too.
 */
export function figuresAt(snapshot: DataSnapshot, figures: CrimeFigures): CrimeFigures {
  const source = figures instanceof CrimeQueries ? figures.at(snapshot) : figures;
  const view = Object.create(source) as CrimeFigures;
  for (const name of READS) {
    const read = source[name] as (...args: unknown[]) => Promise<unknown>;
    (view as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => snapshot.keep(`figures.${name}`, ['crime'], args, () => read.apply(source, args));
  }
  return view;
}
