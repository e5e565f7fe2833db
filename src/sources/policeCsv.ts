import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Clock } from '../core/clock';
import type { AreaPack } from '../domain/areas/pack';
import { POLICE_CATEGORIES, policeCategoryByCsvName } from '../domain/crime/categories';
import { CrimeCountRow, CrimeRepo } from '../store/crimeRepo';
import type { Store } from '../store/db';
import { readCsvRecords } from './csvRecords';
import { districtImports, DistrictFill, districtOfLsoa } from './forceWide';
import { knownPacks } from '../store/areaRegistry';

/** A file (or a zip entry) that cannot be imported; nothing from the import is written. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportRefused';
  }
}

/** A row that was skipped, where it is and why. */
export interface RowProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  rows: number;
}

export interface PoliceCsvSummary {
  /** Street-level files read (zip entries as `archive.zip:entry`). */
  files: string[];
  /** Data rows read. */
  rows: number;
  /** Rows in the pack's LSOAs, now stored. */
  kept: number;
  /** Rows in LSOAs of other districts. */
  outsideArea: number;
  /** Rows with no location (police.uk leaves them unmapped). */
  unmapped: number;
  badRows: RowProblem[];
  /** Every skipped row is counted, even past the reporting limit. */
  badRowCount: number;
  months: { month: string; records: number; files: string[] }[];
  warnings: string[];
  /** What each district this store knows received (an import fills every district it covers). */
  districts?: DistrictFill[];
}

/** The header of a police.uk street-level CSV. */
export const STREET_COLUMNS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const STREET_ENTRY = /-street\.csv$/i;
const MAX_REPORTED = 1000;

/** Counts of one file: month → LSOA → count per category (index into POLICE_CATEGORIES). */
type FileCounts = Map<string, Map<string, Uint32Array>>;

interface Tally {
  rows: number;
  kept: number;
  outsideArea: number;
  unmapped: number;
  badRowCount: number;
  badRows: RowProblem[];
}

const CATEGORY_INDEX = new Map(POLICE_CATEGORIES.map((c, i) => [c.csvName, i]));

function categoryIndex(name: string): number | undefined {
  const exact = CATEGORY_INDEX.get(name);
  if (exact !== undefined) return exact;
  const cat = policeCategoryByCsvName(name);
  return cat ? CATEGORY_INDEX.get(cat.csvName) : undefined;
}

function describeOtherFormat(header: string[]): string {
  const h = header.map((c) => c.trim().toLowerCase());
  if (h.includes('measure') && h.includes('area_code')) return 'this is a local extract; load it with `csp import local-csv`';
  if (h.includes('outcome type')) return 'this is a police.uk outcomes file, not a street-level file';
  if (h.includes('object of search')) return 'this is a police.uk stop-and-search file, not a street-level file';
  return `the header is not police.uk's street-level header (${STREET_COLUMNS.join(', ')})`;
}

/** Reads one street-level CSV stream into `counts`, reporting bad rows; throws ImportRefused for a file of another shape. */
async function readStreetCsv(
  input: Readable,
  file: string,
  lsoas: ReadonlySet<string>,
  tally: Tally,
  counts: FileCounts,
  onRows?: (rows: number) => void,
  onBytes?: (n: number) => void,
): Promise<void> {
  let iMonth = -1;
  let iLsoa = -1;
  let iType = -1;
  let width = 0;
  let lastMonth = '';
  let lastMonthCounts: Map<string, Uint32Array> | undefined;
  let sawHeader = false;
  const bad = (line: number, reason: string) => {
    tally.badRowCount += 1;
    if (tally.badRows.length < MAX_REPORTED) tally.badRows.push({ file, line, reason });
  };

  const onRecord = (record: string[], line: number) => {
    if (!sawHeader) {
      sawHeader = true;
      const names = record.map((c) => c.trim().toLowerCase());
      const index = (col: string) => names.indexOf(col.toLowerCase());
      if (STREET_COLUMNS.some((c) => index(c) < 0)) throw new ImportRefused(describeOtherFormat(record), file);
      iMonth = index('Month');
      iLsoa = index('LSOA code');
      iType = index('Crime type');
      width = record.length;
      return;
    }
    tally.rows += 1;
    if ((tally.rows & 0x3fff) === 0) onRows?.(tally.rows);
    if (record.length !== width) {
      bad(line, `has ${record.length} fields, expected ${width}`);
      return;
    }
    const month = record[iMonth];
    if (month !== lastMonth) {
      if (!MONTH.test(month)) {
        bad(line, `month "${month}" is not YYYY-MM`);
        return;
      }
      lastMonth = month;
      lastMonthCounts = counts.get(month);
      if (!lastMonthCounts) {
        lastMonthCounts = new Map();
        counts.set(month, lastMonthCounts);
      }
    }
    const cat = categoryIndex(record[iType]);
    if (cat === undefined) {
      bad(line, `crime type "${record[iType]}" is not a police.uk category`);
      return;
    }
    const lsoa = record[iLsoa];
    if (lsoa === '') {
      tally.unmapped += 1;
      return;
    }
    if (!lsoas.has(lsoa)) {
      tally.outsideArea += 1;
      return;
    }
    let cells = lastMonthCounts!.get(lsoa);
    if (!cells) {
      cells = new Uint32Array(POLICE_CATEGORIES.length);
      lastMonthCounts!.set(lsoa, cells);
    }
    cells[cat] += 1;
    tally.kept += 1;
  };

  try {
    await readCsvRecords(input, onRecord, bad, onBytes);
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused(`could not be read to the end (${(e as Error).message})`, file);
  } finally {
    // Stop reading a refused file at once (a zip entry or a file stream left open would hold the import up).
    input.destroy();
  }
  if (!sawHeader) throw new ImportRefused('is empty', file);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)));
  });
}

/** Calls `each` for every `*-street.csv` entry of a zip, one at a time. */
async function forEachStreetEntry(path: string, each: (name: string, stream: Readable, size: number) => Promise<void>): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (e) {
    throw new ImportRefused(`is not a readable zip archive (${(e as Error).message}); it may be truncated — download it again`, basename(path));
  }
  return new Promise<number>((resolve, reject) => {
    let n = 0;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(e instanceof ImportRefused ? e : new ImportRefused(`is damaged (${(e as Error).message}); it may be truncated — download it again`, basename(path)));
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!failed) resolve(n);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (failed) return;
      if (entry.fileName.endsWith('/') || !STREET_ENTRY.test(entry.fileName)) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('entry unreadable'));
        each(entry.fileName, stream, entry.compressedSize).then(() => {
          n += 1;
          zip.readEntry();
        }, fail);
      });
    });
    zip.readEntry();
  });
}

export interface ReadResult {
  summary: PoliceCsvSummary;
  /** month → rows to store */
  months: Map<string, { rows: CrimeCountRow[]; records: number; files: string[] }>;
}

/**
 * Reads police.uk street-level CSVs (single files or the archive zip) into counts per LSOA, month
 * and category, keeping only the given LSOAs. Nothing is written. A file of another shape, or a
 * damaged zip, refuses the whole import (ImportRefused); a bad row is reported and skipped.
 */
export async function readPoliceCsv(paths: string[], lsoas: ReadonlySet<string>, options: { onProgress?: (p: ImportProgress) => void } = {}): Promise<ReadResult> {
  const tally: Tally = { rows: 0, kept: 0, outsideArea: 0, unmapped: 0, badRowCount: 0, badRows: [] };
  // Keyed by file name: a file given twice (a monthly file and the same file inside an archive) counts once, the later copy winning.
  const byFile = new Map<string, { label: string; counts: FileCounts }>();
  const warnings: string[] = [];
  const sizes = await Promise.all(
    paths.map(async (p) => {
      try {
        return (await stat(p)).size;
      } catch {
        throw new ImportRefused('cannot be read (no such file?)', p);
      }
    }),
  );
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let bytesDone = 0;
  const files: string[] = [];

  const take = async (name: string, label: string, stream: Readable, countBytes: boolean) => {
    const counts: FileCounts = new Map();
    const report = () => options.onProgress?.({ file: label, bytesDone, bytesTotal, rows: tally.rows });
    report();
    await readStreetCsv(stream, label, lsoas, tally, counts, report, countBytes ? (n) => (bytesDone += n) : undefined);
    const key = basename(name).toLowerCase();
    const earlier = byFile.get(key);
    if (earlier) warnings.push(`${basename(name)} was given twice; the copy in ${label} replaces the one in ${earlier.label}`);
    byFile.set(key, { label, counts });
    files.push(label);
    report();
  };

  for (const path of paths) {
    if (/\.zip$/i.test(path)) {
      const zipName = basename(path);
      let compressedDone = 0;
      const found = await forEachStreetEntry(path, async (entry, stream, size) => {
        await take(entry, `${zipName}:${entry}`, stream, false);
        compressedDone += size;
        bytesDone += size;
      });
      bytesDone += Math.max(0, sizes[paths.indexOf(path)] - compressedDone);
      if (found === 0) throw new ImportRefused('holds no street-level files (*-street.csv)', zipName);
    } else {
      await take(path, basename(path), createReadStream(path, { highWaterMark: 1 << 20 }), true);
    }
  }

  // Merge files into months.
  const months = new Map<string, { cells: Map<string, Uint32Array>; files: string[] }>();
  for (const { label, counts } of byFile.values()) {
    for (const [month, lsoaCounts] of counts) {
      const m = months.get(month) ?? { cells: new Map<string, Uint32Array>(), files: [] };
      m.files.push(label);
      for (const [lsoa, cells] of lsoaCounts) {
        const into = m.cells.get(lsoa);
        if (!into) m.cells.set(lsoa, Uint32Array.from(cells));
        else for (let i = 0; i < cells.length; i++) into[i] += cells[i];
      }
      months.set(month, m);
    }
  }
  const out = new Map<string, { rows: CrimeCountRow[]; records: number; files: string[] }>();
  for (const [month, { cells, files: monthFiles }] of [...months].sort(([a], [b]) => a.localeCompare(b))) {
    const rows: CrimeCountRow[] = [];
    let records = 0;
    for (const [lsoa, counts] of cells) {
      counts.forEach((n, i) => {
        if (n > 0) {
          rows.push({ areaType: 'lsoa', areaCode: lsoa, category: POLICE_CATEGORIES[i].slug, count: n });
          records += n;
        }
      });
    }
    out.set(month, { rows, records, files: monthFiles });
  }

  const summary: PoliceCsvSummary = {
    files,
    rows: tally.rows,
    kept: tally.kept,
    outsideArea: tally.outsideArea,
    unmapped: tally.unmapped,
    badRows: tally.badRows,
    badRowCount: tally.badRowCount,
    months: [...out].map(([month, m]) => ({ month, records: m.records, files: m.files })),
    warnings,
  };
  return { summary, months: out };
}

/**
 * `csp import police-csv`: reads the files, then replaces, in one transaction, every month they
 * hold of every district this store knows that they cover (police.uk files are force-wide), so a
 * re-supplied month never double-counts, another district's months are never touched, and a
 * refused file writes nothing. Rows in LSOAs of no known district are counted (`outsideArea`).
 */
export async function importPoliceCsv(
  deps: { store: Store; pack: AreaPack; clock: Clock },
  paths: string[],
  options: { onProgress?: (p: ImportProgress) => void; beforeWrite?: () => Promise<void> } = {},
): Promise<PoliceCsvSummary> {
  const packs = await knownPacks(deps.store, deps.pack);
  const lsoas = new Set(districtOfLsoa(packs).keys());
  const { summary, months } = await readPoliceCsv(paths, lsoas, options);
  const force = deps.pack.policeForce.toLowerCase();
  for (const m of summary.months) {
    // A month is replaced as a whole: importing only, say, the BTP file would leave the force's crimes out.
    if (!m.files.some((f) => f.toLowerCase().endsWith(`-${force}-street.csv`))) {
      summary.warnings.push(`${m.month} was replaced from ${m.files.join(', ')}, which holds no ${deps.pack.policeForce} street-level file: check that is everything for that month`);
    }
  }
  const { batch, fills } = districtImports(months, packs, deps.clock.now().toISOString());
  summary.districts = fills;
  if (batch.length > 0) {
    await options.beforeWrite?.();
    const repo = new CrimeRepo(deps.store);
    await repo.replaceMonths(batch);
    // Fresh planner statistics after a large import keep every later read on its indexes.
    await repo.analyze();
  }
  return summary;
}
