import { basename } from 'node:path';
import type { AreaPack, LsoaWardShare } from '../domain/areas/pack';
import { parsePack } from '../domain/areas/validate';
import { ImportRefused } from './policeCsv';
import { readCsv } from './areaFiles';

/**
 * Area packs for any number of districts from ONS's lookups: "LSOA (2021) to Electoral Ward to
 * Local Authority District" (columns LSOA21CD, LSOA21NM, WDyyCD, WDyyNM, LADyyCD, LADyyNM; the
 * output-area version, one row per OA, works too), optionally LSOA populations (and land areas)
 * and ONS's "Local Authority District to Police Force Area" lookup for the police.uk force.
 */
export interface LookupOptions {
  /** Districts to build, by code; 'all' for every district in the lookup. */
  districts: string[] | 'all';
  /** First day the lookup's wards are in force, YYYY-MM-DD (default: 1 May of the WDyy year, after the May elections). */
  wardsFrom?: string;
  /** police.uk force id for every district built (else from `forces`). */
  force?: string;
}

export interface LookupPacks {
  packs: AreaPack[];
  /** The ward set id, e.g. "2023" from WD23CD. */
  wardSetId: string;
  wardsFrom: string;
  warnings: string[];
}


function col(headers: string[], file: string, pattern: RegExp, what: string): string {
  const found = headers.find((h) => pattern.test(h));
  if (!found) throw new ImportRefused(`has no ${what} column (columns: ${headers.join(', ') || 'none'})`, file);
  return found;
}

/** police.uk's force id from an ONS police force area name ("Devon & Cornwall" → devon-and-cornwall). */
export function policeForceId(pfaName: string): string {
  const slug = pfaName
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\bpolice\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug;
}

/** LAD code → police.uk force id, from ONS's LAD→PFA lookup. */
export async function readForceLookup(path: string): Promise<Map<string, string>> {
  const rows = await readCsv(path);
  const file = basename(path);
  const headers = Object.keys(rows[0] ?? {});
  const lad = col(headers, file, /^LAD\d{2}CD$/i, 'district code (LADyyCD)');
  const pfa = col(headers, file, /^PFA\d{2}NM$/i, 'police force area name (PFAyyNM)');
  return new Map(rows.map((r) => [r[lad], policeForceId(r[pfa])]));
}

/** LSOA code → population (and hectares when the file has a land-area column). */
export async function readPopulations(path: string): Promise<Map<string, { population: number; hectares?: number }>> {
  const rows = await readCsv(path);
  const file = basename(path);
  const headers = Object.keys(rows[0] ?? {});
  const code = col(headers, file, /^(lsoa(_?code)?|LSOA\d{2}CD|lsoa\s*(20\d{2}\s*)?code)$/i, 'LSOA code');
  const pop = col(headers, file, /population|^total$|^all ages$/i, 'population');
  const area = headers.find((h) => /hectare|land ?area/i.test(h));
  const out = new Map<string, { population: number; hectares?: number }>();
  for (const [i, r] of rows.entries()) {
    const n = Number(String(r[pop]).replace(/,/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new ImportRefused(`line ${i + 2}: population "${r[pop]}" is not a whole number`, file);
    const ha = area ? Number(String(r[area]).replace(/,/g, '')) : NaN;
    out.set(r[code], Number.isFinite(ha) && ha > 0 ? { population: n, hectares: ha } : { population: n });
  }
  return out;
}

/**
 * Builds one pack per district of the lookup (those asked for). Every LSOA lies in one ward and
 * one district (ONS's best-fit lookup); a lookup that places an LSOA in two wards is refused.
 */
export async function packsFromLookup(
  lookupPath: string,
  options: LookupOptions,
  extra: { populations?: Map<string, { population: number; hectares?: number }>; forces?: Map<string, string> } = {},
): Promise<LookupPacks> {
  const rows = await readCsv(lookupPath);
  const file = basename(lookupPath);
  const headers = Object.keys(rows[0] ?? {});
  if (rows.length === 0) throw new ImportRefused('has no rows', file);
  const lsoaCd = col(headers, file, /^LSOA21CD$/i, 'LSOA 2021 code (LSOA21CD)');
  const lsoaNm = headers.find((h) => /^LSOA21NM$/i.test(h));
  const wardCd = col(headers, file, /^WD\d{2}CD$/i, 'ward code (WDyyCD)');
  const wardNm = col(headers, file, /^WD\d{2}NM$/i, 'ward name (WDyyNM)');
  const ladCd = col(headers, file, /^LAD\d{2}CD$/i, 'district code (LADyyCD)');
  const ladNm = col(headers, file, /^LAD\d{2}NM$/i, 'district name (LADyyNM)');
  const year = `20${/^WD(\d{2})CD$/i.exec(wardCd)![1]}`;
  const wardsFrom = options.wardsFrom ?? `${year}-05-01`;
  const warnings: string[] = [];
  if (!options.wardsFrom) warnings.push(`no --wards-from given: the ${year} wards are taken to be in force from ${wardsFrom} (the May elections); give the date the district's new wards began if it differs`);

  const wanted = options.districts === 'all' ? null : new Set(options.districts);
  const byDistrict = new Map<string, { name: string; wards: Map<string, string>; lsoas: Map<string, { name: string; ward: string }> }>();
  for (const [i, r] of rows.entries()) {
    const lad = r[ladCd];
    if (wanted && !wanted.has(lad)) continue;
    if (!/^[EW]0[6-9]\d{6}$/.test(lad)) {
      if (wanted) throw new ImportRefused(`line ${i + 2}: district code "${lad}" is not an English or Welsh district`, file);
      continue; // Scotland and Northern Ireland have no police.uk street data in this form
    }
    const d = byDistrict.get(lad) ?? { name: r[ladNm], wards: new Map(), lsoas: new Map() };
    byDistrict.set(lad, d);
    d.wards.set(r[wardCd], r[wardNm]);
    const lsoa = r[lsoaCd];
    const earlier = d.lsoas.get(lsoa);
    if (earlier && earlier.ward !== r[wardCd]) throw new ImportRefused(`line ${i + 2}: LSOA ${lsoa} is placed in two wards (${earlier.ward} and ${r[wardCd]}); use ONS's best-fit LSOA lookup`, file);
    d.lsoas.set(lsoa, { name: lsoaNm ? r[lsoaNm] : lsoa, ward: r[wardCd] });
  }
  if (wanted) {
    const missing = [...wanted].filter((c) => !byDistrict.has(c));
    if (missing.length > 0) throw new ImportRefused(`holds no district ${missing.join(', ')}`, file);
  }
  if (byDistrict.size === 0) throw new ImportRefused('holds no English or Welsh district', file);

  let noPopulation = 0;
  const packs: AreaPack[] = [];
  for (const [code, d] of [...byDistrict].sort(([a], [b]) => a.localeCompare(b))) {
    const lookup: LsoaWardShare[] = [...d.lsoas].map(([lsoa, v]) => ({ lsoa, ward: v.ward, share: 1 }));
    const force = options.force ?? extra.forces?.get(code) ?? 'unknown';
    if (force === 'unknown') warnings.push(`${d.name} (${code}): no police force known (give --force or --forces): police.uk files cannot be checked against it`);
    packs.push(
      parsePack({
        district: { code, name: d.name, aliases: [d.name] },
        policeForce: force,
        wardSets: [{ id: year, from: wardsFrom, to: null, wards: [...d.wards].map(([c, n]) => ({ code: c, name: n })).sort((a, b) => a.name.localeCompare(b.name)), lookup }],
        lsoas: [...d.lsoas].sort(([a], [b]) => a.localeCompare(b)).map(([lsoa, v]) => {
          const p = extra.populations?.get(lsoa);
          if (!p) noPopulation += 1;
          return { code: lsoa, name: v.name, population: p?.population ?? 0, ...(p?.hectares ? { hectares: p.hectares } : {}) };
        }),
        groups: [],
        wardAliases: {},
      }),
    );
  }
  if (noPopulation > 0) {
    warnings.push(`${noPopulation.toLocaleString('en-GB')} LSOA(s) have no population${extra.populations ? ' in the population file' : ' (no --population given)'}: rates per 1,000 residents cannot be given where they are missing`);
  }
  return { packs, wardSetId: year, wardsFrom, warnings };
}
