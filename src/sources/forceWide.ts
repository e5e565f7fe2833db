import type { AreaPack } from '../domain/areas/pack';
import type { CrimeCountRow, CrimeRepo, MonthImport } from '../store/crimeRepo';
import type { MonthChange } from './policeCsv';

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

/** The police.uk force id of a street-level file name (`2024-03-derbyshire-street.csv` → derbyshire). */
export function forceOfFile(label: string): string | undefined {
  const name = label.split(':').pop() ?? label;
  return /^\d{4}-\d{2}-(.+)-street\.csv$/i.exec(name.split(/[\\/]/).pop() ?? '')?.[1]?.toLowerCase();
}

/**
 * Splits each month's LSOA rows by district: one import per district and month. A district is
 * covered by a month when the month holds rows in its LSOAs, or a street file of its own force
 * (then a district with no crime that month is stored as such, not left holding an older import).
 */
export function districtImports(
  months: Map<string, { rows: CrimeCountRow[]; files: string[] }>,
  packs: readonly AreaPack[],
  importedAt: string,
): { batch: { imp: MonthImport; rows: CrimeCountRow[] }[]; fills: DistrictFill[] } {
  const districtOf = districtOfLsoa(packs);
  const byCode = new Map(packs.map((p) => [p.district.code, p]));
  const fills = new Map<string, DistrictFill>();
  const batch: { imp: MonthImport; rows: CrimeCountRow[] }[] = [];
  for (const [month, m] of months) {
    const split = new Map<string, CrimeCountRow[]>();
    const forces = new Set(m.files.map(forceOfFile).filter((f): f is string => !!f));
    for (const p of packs) if (forces.has(p.policeForce.toLowerCase())) split.set(p.district.code, []);
    for (const r of m.rows) {
      const d = districtOf.get(r.areaCode);
      if (!d) continue; // the reader keeps only known LSOAs; nothing else reaches here
      const list = split.get(d) ?? [];
      list.push(r);
      split.set(d, list);
    }
    const origin = m.files.map((f) => f.split(':').pop()).join(', ').slice(0, 500);
    for (const [code, rows] of [...split].sort(([a], [b]) => a.localeCompare(b))) {
      const records = rows.reduce((s, r) => s + r.count, 0);
      batch.push({ imp: { source: 'police.uk', month, district: code, origin, importedAt, records }, rows });
      const fill = fills.get(code) ?? { code, name: byCode.get(code)?.district.name ?? code, months: [], records: 0 };
      fill.months.push(month);
      fill.records += records;
      fills.set(code, fill);
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
