import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AreaPack, LsoaWardShare } from '../domain/areas/pack';
import { parsePack } from '../domain/areas/validate';
import { AreaBoundary, readBoundaryFile } from './boundaries';
import { ImportRefused } from './policeCsv';

export interface AreaFiles {
  /** Ward boundaries, GeoJSON with ONS properties (WDyyCD/WDyyNM, LADyyCD). */
  wards: string;
  /** LSOA boundaries, GeoJSON (LSOAyyCD/LSOAyyNM). */
  lsoas: string;
  /** LSOA→ward lookup CSV: an LSOA code column, a ward code column, optionally a share column. */
  lookup: string;
  /** LSOA populations CSV: an LSOA code column and a population column. */
  population: string;
}

export interface AreaImportOptions {
  /** District code; else the wards' LADyyCD property. */
  code?: string;
  name?: string;
  /** police.uk force id, e.g. "derbyshire". */
  force?: string;
  /** First day the ward set is in force, YYYY-MM-DD. */
  wardsFrom?: string;
}

export interface BuiltPack {
  pack: AreaPack;
  wards: AreaBoundary[];
  lsoas: AreaBoundary[];
  warnings: string[];
}

// Column names as ONS and others write them: lsoa_code, LSOA21CD, "LSOA 2021 Code"…
const LSOA_CODE = [/^lsoa_?code$/i, /^LSOA\d{2}CD$/i, /^lsoa\s*(?:20\d{2}\s*)?code$/i, /^lsoa$/i];
const LSOA_NAME = [/^lsoa_?name$/i, /^LSOA\d{2}NM$/i, /^lsoa\s*(?:20\d{2}\s*)?name$/i, /^name$/i];
const WARD_CODE = [/^ward_?code$/i, /^WD\d{2}CD$/i, /^ward\s*(?:20\d{2}\s*)?code$/i, /^ward$/i];
const POPULATION = [/^population$/i, /^(total|all ages)$/i, /population/i, /^pop/i];

/** A CSV file with a header row, read whole; refused with the file's name when it cannot be read. */
export async function readCsv(path: string): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ImportRefused('cannot be read (no such file?)', path);
  }
  try {
    return parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (e) {
    throw new ImportRefused(`is not readable CSV (${(e as Error).message})`, basename(path));
  }
}

function column(rows: Record<string, string>[], file: string, patterns: RegExp[], what: string, required = true): string | undefined {
  const headers = Object.keys(rows[0] ?? {});
  for (const p of patterns) {
    const found = headers.find((h) => p.test(h));
    if (found) return found;
  }
  if (required) throw new ImportRefused(`has no ${what} column (columns: ${headers.join(', ') || 'none'})`, file);
  return undefined;
}

/**
 * Builds an area pack for another district from boundary, lookup and population files (ONS
 * downloads), and checks it hangs together (every LSOA in a ward, every ward known).
 */
export async function buildPackFromFiles(files: AreaFiles, options: AreaImportOptions = {}): Promise<BuiltPack> {
  const warnings: string[] = [];
  const wardsAll = await readBoundaryFile(files.wards, 'ward');
  const code = options.code ?? [...new Set(wardsAll.map((w) => w.districtCode).filter((c): c is string => !!c))].join(',');
  if (!/^[EW]0[6-9]\d{6}$/.test(code)) {
    throw new ImportRefused(`cannot tell which district this is (found "${code || 'no LADyyCD property'}"): give --code`, basename(files.wards));
  }
  // A national file holds every ward: keep the district's (or all, when the file has no district column).
  const wards = wardsAll.filter((w) => w.districtCode === null || w.districtCode === code);
  if (wards.length === 0) throw new ImportRefused(`has no wards of district ${code}`, basename(files.wards));
  const wardCodes = new Set(wards.map((w) => w.code));

  const lookupRows = await readCsv(files.lookup);
  const lookupFile = basename(files.lookup);
  const lsoaCol = column(lookupRows, lookupFile, LSOA_CODE, 'LSOA code (lsoa_code or LSOAyyCD)')!;
  const wardCol = column(lookupRows, lookupFile, WARD_CODE, 'ward code (ward_code or WDyyCD)')!;
  const shareCol = column(lookupRows, lookupFile, [/share/i], 'share', false);
  const lookup: LsoaWardShare[] = [];
  for (const [i, r] of lookupRows.entries()) {
    if (!wardCodes.has(r[wardCol])) continue;
    const share = shareCol && r[shareCol] !== '' ? Number(r[shareCol]) : 1;
    if (!Number.isFinite(share) || share < 0 || share > 1) throw new ImportRefused(`line ${i + 2}: share "${r[shareCol!]}" is not between 0 and 1`, lookupFile);
    lookup.push({ lsoa: r[lsoaCol], ward: r[wardCol], share });
  }
  if (lookup.length === 0) throw new ImportRefused(`links no LSOA to a ward of ${code}`, lookupFile);
  const lsoaCodes = new Set(lookup.map((l) => l.lsoa));

  const lsoaBoundaries = (await readBoundaryFile(files.lsoas, 'lsoa')).filter((l) => lsoaCodes.has(l.code));
  const withBoundary = new Set(lsoaBoundaries.map((l) => l.code));
  const noBoundary = [...lsoaCodes].filter((c) => !withBoundary.has(c));
  if (noBoundary.length > 0) warnings.push(`${noBoundary.length} LSOA(s) of the lookup have no boundary in ${basename(files.lsoas)}: ${noBoundary.slice(0, 5).join(', ')}`);

  const popRows = await readCsv(files.population);
  const popFile = basename(files.population);
  const popLsoa = column(popRows, popFile, LSOA_CODE, 'LSOA code')!;
  const popCol = column(popRows, popFile, POPULATION, 'population')!;
  const popName = column(popRows, popFile, LSOA_NAME, 'name', false);
  const population = new Map<string, { n: number; name?: string }>();
  for (const [i, r] of popRows.entries()) {
    if (!lsoaCodes.has(r[popLsoa])) continue;
    const n = Number(r[popCol].replace(/,/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new ImportRefused(`line ${i + 2}: population "${r[popCol]}" is not a whole number`, popFile);
    population.set(r[popLsoa], { n, name: popName ? r[popName] : undefined });
  }
  const noPopulation = [...lsoaCodes].filter((c) => !population.has(c));
  if (noPopulation.length > 0) throw new ImportRefused(`has no population for ${noPopulation.length} LSOA(s): ${noPopulation.slice(0, 5).join(', ')}`, popFile);

  const nameOf = new Map(lsoaBoundaries.map((l) => [l.code, l.name]));
  const year = /WD(\d{2})CD/i.exec(Object.keys(lookupRows[0]).join(' '))?.[1];
  const name = options.name ?? code;
  if (!options.name) warnings.push(`no --name given: the district is called ${code} in answers`);
  if (!options.force) warnings.push('no --force given: police.uk files cannot be checked against the force (set it, e.g. --force derbyshire)');
  const pack = parsePack({
    district: { code, name, aliases: [name] },
    policeForce: options.force ?? 'unknown',
    wardSets: [
      {
        id: year ? `20${year}` : 'imported',
        from: options.wardsFrom ?? '2000-01-01',
        to: null,
        wards: wards.map((w) => ({ code: w.code, name: w.name })),
        lookup,
      },
    ],
    lsoas: [...lsoaCodes].sort().map((c) => ({ code: c, name: nameOf.get(c) ?? population.get(c)?.name ?? c, population: population.get(c)!.n })),
    groups: [],
    wardAliases: {},
  });
  return { pack, wards, lsoas: lsoaBoundaries, warnings };
}
