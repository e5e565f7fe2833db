/**
 * What the crime answers need from stored counts: the port the store implements. Counts are kept
 * per LSOA (or ward, for local extracts) and month; a slice names part of an area for a stretch
 * of months.
 */
export const ALL_CRIME_KEY = '_all-crime';

/**
 * A part of an area for a stretch of months: LSOAs or wards by code, or every area of that type.
 * 'lsoa' and 'ward' are the counts stored by LSOA or by ward; 'ward-total' the ward month totals
 * rolled up from the LSOA counts at import (the same counts as the 'lsoa' slices of the LSOAs of
 * those wards, read one row per ward and month).
 */
export interface AreaSlice {
  areaType: 'lsoa' | 'ward' | 'ward-total';
  /** 'all': every area of this type in the district read (the store reads one district at a time). */
  codes: string[] | 'all';
  /** Inclusive months, YYYY-MM. */
  from: string;
  to: string;
}

export interface ImportRecord {
  source: string;
  month: string;
  scope: string;
  origin: string;
  importedAt: string;
  records: number;
  asOf: string | null;
  sourceName: string | null;
}

/** A slice of the counts as stored (not of the totals rolled up from them). */
export type StoredSlice = Omit<AreaSlice, 'areaType'> & { areaType: 'lsoa' | 'ward' };

/** What reads need to know of a district's stored counts: it changes only with the data, so it is kept per data version. */
export interface CountFacts {
  /** Categories some of whose counts are stored by ward rather than by LSOA. */
  wardRowCategories: string[];
  /** The fingerprint (domain/areas/wardLookup.ts) of the lookup the district's ward month totals were rolled up through; null when none were. */
  wardTotalsLookup: string | null;
}

export interface CrimeCounts {
  /** The district read (a local authority code); undefined when the whole store is read. */
  readonly district?: string;
  datasetKind(): Promise<'empty' | 'demo' | 'real'>;
  latestMonth(source?: string | string[], scope?: string[]): Promise<string | null>;
  earliestMonth(source?: string | string[], scope?: string[]): Promise<string | null>;
  imports(filter?: { source?: string[]; scope?: string[] }): Promise<ImportRecord[]>;
  hasCategory(category: string): Promise<boolean>;
  anyRows(slices: StoredSlice[]): Promise<boolean>;
  facts(): Promise<CountFacts>;
  countsByMonth(slices: AreaSlice[], categories: string[]): Promise<{ month: string; count: number }[]>;
  countsByArea(slices: AreaSlice[], categories: string[]): Promise<{ areaType: 'lsoa' | 'ward'; areaCode: string; count: number }[]>;
  countsByAreaMonth(slices: AreaSlice[], categories: string[]): Promise<{ areaType: 'lsoa' | 'ward'; areaCode: string; month: string; count: number }[]>;
  countsByCategory(slices: AreaSlice[], categories: string[]): Promise<{ category: string; count: number }[]>;
  /** The district's month totals written at import (every count of it, by LSOA or by ward), per month. */
  totalsByMonth(categories: string[], from: string, to: string): Promise<{ month: string; count: number }[]>;
  /** The same, per category. */
  totalsByCategory(categories: string[], from: string, to: string): Promise<{ category: string; count: number }[]>;
}
