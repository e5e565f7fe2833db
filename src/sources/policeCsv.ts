import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Clock } from '../core/clock';
import type { AreaPack } from '../domain/areas/pack';
import { POLICE_CATEGORIES, policeCategoryByCsvName } from '../domain/crime/categories';
import { CrimeCountRow, CrimeRepo, CrimeSource, MonthImport } from '../store/crimeRepo';
import type { Store } from '../store/db';
import { MAX_RECORD_LENGTH, readCsvRecords, RecordTooLong } from './csvRecords';

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
  /** Rows that have coordinates but whose LSOA is not one of the district's (or is not given). */
  outsideArea: number;
  /** Rows with no location at all: no coordinates and no LSOA (police.uk leaves them unmapped). */
  unmapped: number;
  badRows: RowProblem[];
  /** Every skipped row is counted, even past the reporting limit. */
  badRowCount: number;
  months: { month: string; records: number; files: string[] }[];
  /** What the import changes (or, when refused, would have changed): records per month before and after. */
  changes: MonthChange[];
  warnings: string[];
}

export interface MonthChange {
  month: string;
  /** Records the store held for this month (null: none). */
  before: number | null;
  after: number;
}

/** Limits that keep memory and time bounded whatever a file holds. */
export interface ReadLimits {
  /** Longest record, in characters. */
  maxRecordLength: number;
  /** Largest uncompressed size of one zip entry, in bytes. */
  maxEntryBytes: number;
  /** Largest ratio of uncompressed to compressed size of one zip entry. */
  maxCompressionRatio: number;
}

/**
 * police.uk's largest monthly street-level file (the Metropolitan Police) is tens of MB and
 * compresses about tenfold; these bounds leave ample room and still refuse a zip bomb at once.
 */
export const DEFAULT_LIMITS: ReadLimits = { maxRecordLength: MAX_RECORD_LENGTH, maxEntryBytes: 512 * 1024 * 1024, maxCompressionRatio: 100 };

/** A month is not replaced by markedly less than it holds (a cut-off file, or the wrong one) without --replace. */
export const SHRINK_FLOOR = 0.8;

/** More bad rows than the operator allowed: nothing is written. */
export class BadRowsRefused extends ImportRefused {
  constructor(
    readonly badRows: RowProblem[],
    readonly badRowCount: number,
    allowed: number,
  ) {
    const shown = badRows.slice(0, 50);
    super(
      `${badRowCount} malformed row${badRowCount === 1 ? '' : 's'}${allowed > 0 ? ` (more than the ${allowed} allowed)` : ''}; nothing was changed:\n` +
        shown.map((p) => `  ${p.file}, line ${p.line}: ${p.reason}`).join('\n') +
        (badRowCount > shown.length ? `\n  … and ${badRowCount - shown.length} more` : '') +
        `\nIf these rows may be left out, run again with --allow-bad-rows ${badRowCount}.`,
      shown.length ? shown[0].file : 'import',
    );
    this.name = 'BadRowsRefused';
  }
}

/** Months that would shrink markedly: nothing is written unless --replace is given. */
export class ShrinkRefused extends ImportRefused {
  constructor(
    readonly changes: MonthChange[],
    readonly shrinking: MonthChange[],
  ) {
    super(
      `would replace ${shrinking.length === 1 ? 'a month' : `${shrinking.length} months`} with markedly fewer records than the store holds; nothing was changed.\n` +
        `This import would change:\n${changes.map((c) => `  ${describeChange(c)}`).join('\n')}\n` +
        `A file cut off in transfer, or the wrong file, looks like this. If the smaller figures are right (police.uk revised the month), run again with --replace.`,
      'import',
    );
    this.name = 'ShrinkRefused';
  }
}

export function describeChange(c: MonthChange): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  if (c.before === null) return `${c.month}: new, ${n(c.after)} records`;
  if (c.before === c.after) return `${c.month}: ${n(c.after)} records, as before`;
  const pct = c.before > 0 ? ` (${c.after < c.before ? '−' : '+'}${Math.abs(((c.after - c.before) / c.before) * 100).toFixed(1)} %)` : '';
  return `${c.month}: ${n(c.before)} → ${n(c.after)} records${pct}`;
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
const NAMED_MONTH = /^(\d{4}-(?:0[1-9]|1[0-2]))-/;
const FOLDER_MONTH = /(?:^|\/)(\d{4}-(?:0[1-9]|1[0-2]))\/[^/]*$/;
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

/**
 * The month a police.uk file says it holds: its name (`2024-03-derbyshire-street.csv`) and, in the
 * archive, its folder (`2024-03/`). Refused when the two disagree; undefined when neither says.
 */
export function monthNamed(entryPath: string, label: string): string | undefined {
  const name = basename(entryPath);
  const byName = NAMED_MONTH.exec(name)?.[1];
  const byFolder = FOLDER_MONTH.exec(entryPath.replace(/\\/g, '/'))?.[1];
  if (byName && byFolder && byName !== byFolder) {
    throw new ImportRefused(`is named for ${byName} but filed in the folder ${byFolder}/: check the archive`, label);
  }
  return byName ?? byFolder;
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
  namedMonth: string | undefined,
  lsoas: ReadonlySet<string>,
  tally: Tally,
  counts: FileCounts,
  limits: ReadLimits,
  onRows?: (rows: number) => void,
  onBytes?: (n: number) => void,
): Promise<void> {
  let iMonth = -1;
  let iLsoa = -1;
  let iType = -1;
  let iLong = -1;
  let iLat = -1;
  let width = 0;
  let lastProblemLine = -1;
  const otherMonths = new Map<string, { rows: number; firstLine: number }>();
  let lastMonth = '';
  let lastMonthCounts: Map<string, Uint32Array> | undefined;
  let sawHeader = false;
  const bad = (line: number, reason: string) => {
    lastProblemLine = line;
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
      iLong = index('Longitude');
      iLat = index('Latitude');
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
      if (namedMonth && month !== namedMonth) {
        const other = otherMonths.get(month) ?? { rows: 0, firstLine: line };
        other.rows += 1;
        otherMonths.set(month, other);
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
    if (lsoa === '' && record[iLong] === '' && record[iLat] === '') {
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

  let end;
  try {
    end = await readCsvRecords(input, onRecord, bad, onBytes, limits.maxRecordLength);
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    if (e instanceof RecordTooLong) throw new ImportRefused(e.message, file);
    throw new ImportRefused(`could not be read to the end (${(e as Error).message})`, file);
  } finally {
    // Stop reading a refused file at once (a zip entry or a file stream left open would hold the import up).
    input.destroy();
  }
  if (!sawHeader) throw new ImportRefused('is empty', file);
  // A last record that is malformed and has no line break after it was cut off: rows are missing
  // beyond it, so no allowance for bad rows can make the file whole.
  if (end.unclosedQuoteAtEnd || (end.unterminatedLine !== null && lastProblemLine === end.unterminatedLine)) {
    throw new ImportRefused(`is cut off: its last record (line ${end.unterminatedLine ?? lastProblemLine}) is incomplete, so rows after it are missing — download it again; nothing was changed`, file);
  }
  if (otherMonths.size > 0) {
    const list = [...otherMonths].map(([m, o]) => `${o.rows} for ${m} (first on line ${o.firstLine})`).join(', ');
    throw new ImportRefused(`is named for ${namedMonth} but holds rows of another month: ${list}. Nothing was changed: check it is the right file, or rename it for the month it holds`, file);
  }
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)));
  });
}

/** Calls `each` for every `*-street.csv` entry of a zip, one at a time; an entry too large or too compressed refuses the archive before it is inflated. */
async function forEachStreetEntry(path: string, limits: ReadLimits, each: (name: string, stream: Readable, size: number) => Promise<void>): Promise<number> {
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
      const label = `${basename(path)}:${entry.fileName}`;
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        return fail(new ImportRefused(`would unpack to ${mb(entry.uncompressedSize)}, more than the ${mb(limits.maxEntryBytes)} any police.uk file needs: refused unread`, label));
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (ratio > limits.maxCompressionRatio) {
        return fail(new ImportRefused(`is compressed ${Math.round(ratio)} to 1, far more than a CSV compresses (at most ${limits.maxCompressionRatio} to 1): refused unread`, label));
      }
      // yauzl checks each entry's bytes against its declared size, so a header that understates it stops there.
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
export async function readPoliceCsv(
  paths: string[],
  lsoas: ReadonlySet<string>,
  options: { onProgress?: (p: ImportProgress) => void; limits?: Partial<ReadLimits> } = {},
): Promise<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
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
    let namedMonth: string | undefined;
    try {
      namedMonth = monthNamed(name, label);
    } catch (e) {
      stream.destroy();
      throw e;
    }
    await readStreetCsv(stream, label, namedMonth, lsoas, tally, counts, limits, report, countBytes ? (n) => (bytesDone += n) : undefined);
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
      const found = await forEachStreetEntry(path, limits, async (entry, stream, size) => {
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
    changes: [],
    warnings,
  };
  return { summary, months: out };
}

/** What the import would do to each month it holds, against what the store has for that source. */
export async function monthChanges(repo: CrimeRepo, source: CrimeSource, months: { month: string; records: number }[], scope = '*'): Promise<MonthChange[]> {
  const held = new Map((await repo.imports({ source: [source], scope: [scope] })).map((r) => [r.month, r.records]));
  return months.map((m) => ({ month: m.month, before: held.get(m.month) ?? null, after: m.records }));
}

/** Months the import would shrink below the floor. */
export function shrinking(changes: MonthChange[]): MonthChange[] {
  return changes.filter((c) => c.before !== null && c.before > 0 && c.after < c.before * SHRINK_FLOOR);
}

export interface PoliceImportOptions {
  onProgress?: (p: ImportProgress) => void;
  beforeWrite?: () => Promise<void>;
  /** How many malformed rows may be left out (default 0: any refuses the import). */
  allowBadRows?: number;
  /** Replace months even with markedly fewer records than the store holds. */
  replace?: boolean;
  limits?: Partial<ReadLimits>;
}

/**
 * `csp import police-csv`: reads the files, then replaces every month they hold in one
 * transaction (so a re-supplied month never double-counts, and a refused file writes nothing).
 * Every check (bad rows, a cut-off file, a month that disagrees with the file's name, a month
 * that would shrink) is made before anything is written.
 */
export async function importPoliceCsv(deps: { store: Store; pack: AreaPack; clock: Clock }, paths: string[], options: PoliceImportOptions = {}): Promise<PoliceCsvSummary> {
  const lsoas = new Set(deps.pack.lsoas.map((l) => l.code));
  const { summary, months } = await readPoliceCsv(paths, lsoas, options);
  const allowed = options.allowBadRows ?? 0;
  if (summary.badRowCount > allowed) throw new BadRowsRefused(summary.badRows, summary.badRowCount, allowed);
  const force = deps.pack.policeForce.toLowerCase();
  for (const m of summary.months) {
    // A month is replaced as a whole: importing only, say, the BTP file would leave the force's crimes out.
    if (!m.files.some((f) => f.toLowerCase().endsWith(`-${force}-street.csv`))) {
      summary.warnings.push(`${m.month} was replaced from ${m.files.join(', ')}, which holds no ${deps.pack.policeForce} street-level file: check that is everything for that month`);
    }
  }
  const repo = new CrimeRepo(deps.store);
  summary.changes = await monthChanges(repo, 'police.uk', summary.months);
  const shrunk = shrinking(summary.changes);
  if (shrunk.length > 0 && !options.replace) throw new ShrinkRefused(summary.changes, shrunk);
  const importedAt = deps.clock.now().toISOString();
  const batch: { imp: MonthImport; rows: CrimeCountRow[] }[] = [...months].map(([month, m]) => ({
    imp: { source: 'police.uk', month, origin: m.files.map((f) => f.split(':').pop()).join(', ').slice(0, 500), importedAt, records: m.records },
    rows: m.rows,
  }));
  if (batch.length > 0) {
    await options.beforeWrite?.();
    await repo.replaceMonths(batch);
  }
  return summary;
}
