import type { AreaPack } from '../domain/areas/pack';
import { POLICE_CATEGORIES } from '../domain/crime/categories';
import type { CountGrid, CrimeRepo, MonthImport } from '../store/crimeRepo';
import type { MonthChange } from './policeCsv';
import { forceOfFile } from './streetFiles';

export { forceOfFile };

/** What a police.uk import stored for one district. */
export interface DistrictFill {
  code: string;
  name: string;
  months: string[];
  records: number;
}

/** LSOA code → district code, over every district given. */
export function districtOfLsoa(packs: readonly AreaPack[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of packs) for (const l of p.lsoas) out.set(l.code, p.district.code);
  return out;
}

/** The police.uk categories, in the order of a month grid's columns. */
export const GRID_CATEGORIES: readonly string[] = POLICE_CATEGORIES.map((c) => c.slug);

/** A district's place in a month grid: its LSOAs are the rows from `start`. */
export interface DistrictRows {
  code: string;
  name: string;
  /** police.uk force id, lower case. */
  force: string;
  start: number;
  lsoas: string[];
}

/**
 * Where every LSOA of the districts a store knows sits in a month grid (one row per LSOA, one
 * column per police.uk category): each district's LSOAs are consecutive, so a district's month
 * is a view of the grid, not a copy.
 */
export interface LsoaRows {
  row: ReadonlyMap<string, number>;
  districts: DistrictRows[];
  size: number;
}

export function lsoaRows(packs: readonly AreaPack[]): LsoaRows {
  const byDistrict = new Map<string, string[]>();
  for (const [lsoa, district] of districtOfLsoa(packs)) {
    const list = byDistrict.get(district) ?? [];
    list.push(lsoa);
    byDistrict.set(district, list);
  }
  const row = new Map<string, number>();
  const districts: DistrictRows[] = [];
  for (const p of [...packs].sort((a, b) => a.district.code.localeCompare(b.district.code))) {
    const lsoas = byDistrict.get(p.district.code);
    if (!lsoas || districts.some((d) => d.code === p.district.code)) continue;
    districts.push({ code: p.district.code, name: p.district.name, force: p.policeForce.toLowerCase(), start: row.size, lsoas });
    for (const l of lsoas) row.set(l, row.size);
  }
  return { row, districts, size: row.size };
}

/** A month's counts over every known LSOA: counts[row × GRID_CATEGORIES.length + category]. */
export interface MonthGrid {
  counts: Uint16Array | Uint32Array;
  /** Records counted in the grid. */
  records: number;
  files: string[];
}

/**
 * Splits each month's grid by district: one import per district and month. A district is
 * covered by a month when the month holds rows in its LSOAs, or a street file of its own force
 * (then a district with no crime that month is stored as such, not left holding an older import).
 */
export function districtImports(months: Map<string, MonthGrid>, rows: LsoaRows, importedAt: string): { batch: { imp: MonthImport; grid: CountGrid }[]; fills: DistrictFill[] } {
  const width = GRID_CATEGORIES.length;
  const fills = new Map<string, DistrictFill>();
  const batch: { imp: MonthImport; grid: CountGrid }[] = [];
  for (const [month, m] of [...months].sort(([a], [b]) => a.localeCompare(b))) {
    const forces = new Set(m.files.map(forceOfFile).filter((f): f is string => !!f));
    const origin = m.files.map((f) => f.split(':').pop()).join(', ').slice(0, 500);
    for (const d of rows.districts) {
      const counts = m.counts.subarray(d.start * width, (d.start + d.lsoas.length) * width);
      let records = 0;
      for (let i = 0; i < counts.length; i++) records += counts[i];
      if (records === 0 && !forces.has(d.force)) continue;
      batch.push({ imp: { source: 'police.uk', month, district: d.code, origin, importedAt, records }, grid: { areaType: 'lsoa', areas: d.lsoas, categories: GRID_CATEGORIES, counts } });
      const fill = fills.get(d.code) ?? { code: d.code, name: d.name, months: [], records: 0 };
      fill.months.push(month);
      fill.records += records;
      fills.set(d.code, fill);
    }
  }
  return { batch, fills: [...fills.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * What the import would do to each district's month, against what the store holds for that
 * district's month (so a shrinking month is caught district by district).
 */
export async function districtMonthChanges(repo: CrimeRepo, batch: { imp: MonthImport }[], packs: readonly AreaPack[]): Promise<MonthChange[]> {
  const names = new Map(packs.map((p) => [p.district.code, p.district.name]));
  const several = new Set(batch.map((b) => b.imp.district)).size > 1;
  const out: MonthChange[] = [];
  for (const district of [...new Set(batch.map((b) => b.imp.district))]) {
    const held = new Map((await repo.forDistrict(district).imports({ source: ['police.uk'], scope: ['*'] })).map((r) => [r.month, r.records]));
    for (const { imp } of batch.filter((b) => b.imp.district === district)) {
      out.push({ ...(several ? { district: names.get(district) ?? district } : {}), month: imp.month, before: held.get(imp.month) ?? null, after: imp.records });
    }
  }
  return out;
}
