import type { CategoryRef } from '../../core/answer';

/** A police.uk street-level category: its API slug, its name, and its name in the bulk CSV files. */
export interface PoliceCategory extends CategoryRef {
  csvName: string;
  /** ASB is recorded as incidents, everything else as crimes. */
  unit: 'crimes' | 'incidents';
}

export const POLICE_CATEGORIES: readonly PoliceCategory[] = [
  { slug: 'anti-social-behaviour', name: 'Anti-social behaviour', csvName: 'Anti-social behaviour', unit: 'incidents' },
  { slug: 'bicycle-theft', name: 'Bicycle theft', csvName: 'Bicycle theft', unit: 'crimes' },
  { slug: 'burglary', name: 'Burglary', csvName: 'Burglary', unit: 'crimes' },
  { slug: 'criminal-damage-arson', name: 'Criminal damage and arson', csvName: 'Criminal damage and arson', unit: 'crimes' },
  { slug: 'drugs', name: 'Drugs', csvName: 'Drugs', unit: 'crimes' },
  { slug: 'other-crime', name: 'Other crime', csvName: 'Other crime', unit: 'crimes' },
  { slug: 'other-theft', name: 'Other theft', csvName: 'Other theft', unit: 'crimes' },
  { slug: 'possession-of-weapons', name: 'Possession of weapons', csvName: 'Possession of weapons', unit: 'crimes' },
  { slug: 'public-order', name: 'Public order', csvName: 'Public order', unit: 'crimes' },
  { slug: 'robbery', name: 'Robbery', csvName: 'Robbery', unit: 'crimes' },
  { slug: 'shoplifting', name: 'Shoplifting', csvName: 'Shoplifting', unit: 'crimes' },
  { slug: 'theft-from-the-person', name: 'Theft from the person', csvName: 'Theft from the person', unit: 'crimes' },
  { slug: 'vehicle-crime', name: 'Vehicle crime', csvName: 'Vehicle crime', unit: 'crimes' },
  { slug: 'violent-crime', name: 'Violence and sexual offences', csvName: 'Violence and sexual offences', unit: 'crimes' },
];

/** Measures police.uk does not publish; they come from a force or analyst extract (`csp import local-csv`). */
export interface LocalMeasure extends CategoryRef {
  unit: 'crimes' | 'incidents';
  /** The police.uk category it lies within, if any. */
  within?: string;
}

export const LOCAL_MEASURES: readonly LocalMeasure[] = [
  { slug: 'violence-with-injury', name: 'Violence with injury', unit: 'crimes', within: 'violent-crime' },
  { slug: 'violence-without-injury', name: 'Violence without injury', unit: 'crimes', within: 'violent-crime' },
  { slug: 'stalking-and-harassment', name: 'Stalking and harassment', unit: 'crimes', within: 'violent-crime' },
  { slug: 'hate-crime', name: 'Hate crime', unit: 'crimes' },
  { slug: 'domestic-abuse', name: 'Domestic abuse', unit: 'incidents' },
];

/** "All crime": every police.uk category except ASB (which is incidents, not crimes). */
export const ALL_CRIME_SLUGS: readonly string[] = POLICE_CATEGORIES.filter((c) => c.slug !== 'anti-social-behaviour').map((c) => c.slug);

const bySlug = new Map<string, PoliceCategory | LocalMeasure>([...POLICE_CATEGORIES, ...LOCAL_MEASURES].map((c) => [c.slug, c]));
const byCsvName = new Map(POLICE_CATEGORIES.map((c) => [c.csvName.toLowerCase(), c]));

export function categoryBySlug(slug: string): PoliceCategory | LocalMeasure | undefined {
  return bySlug.get(slug);
}

export function policeCategoryByCsvName(name: string): PoliceCategory | undefined {
  return byCsvName.get(name.trim().toLowerCase());
}

export function isLocalMeasure(slug: string): boolean {
  return LOCAL_MEASURES.some((m) => m.slug === slug);
}

/** The unit a count is in, for sentences: "412 incidents", "88 crimes". */
export function unitOf(slug: string | null | undefined): 'crimes' | 'incidents' {
  if (!slug) return 'crimes';
  return bySlug.get(slug)?.unit ?? 'crimes';
}
