import type { Readable } from 'node:stream';
import type { Clock } from '../core/clock';
import type { AreaPack } from '../domain/areas/pack';
import { POLICE_CATEGORIES, policeCategoryByCsvName } from '../domain/crime/categories';
import { CrimeRepo, CrimeSource } from '../store/crimeRepo';
import type { Store } from '../store/db';
import { CsvLineHandlers, readCsvLines, RecordTooLong } from './csvRecords';
import { districtImports, DistrictFill, districtMonthChanges, GRID_CATEGORIES, lsoaRows, MonthGrid } from './forceWide';
import { ImportRefused } from './importRefused';
import { knownPacks } from '../store/areaRegistry';
import { ArchiveRead, DEFAULT_LIMITS, ForceChoice, forceOfFile, listStreetFiles, ReadLimits } from './streetFiles';

export { ImportRefused };

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
  /** What each district this store knows received (an import fills every district it covers). */
  districts?: DistrictFill[];
  /** Archives read: which forces' files were read, and how many others were skipped unread. */
  archives: ArchiveRead[];
  /** How the forces read from archives were chosen. */
  forceChoice: ForceChoice;
}

export interface MonthChange {
  month: string;
  /** The district whose month this is, by name (an import may fill several). */
  district?: string;
  /** Records the store held for this month (null: none). */
  before: number | null;
  after: number;
}

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
  const m = c.district ? `${c.district} ${c.month}` : c.month;
  if (c.before === null) return `${m}: new, ${n(c.after)} records`;
  if (c.before === c.after) return `${m}: ${n(c.after)} records, as before`;
  const pct = c.before > 0 ? ` (${c.after < c.before ? '−' : '+'}${Math.abs(((c.after - c.before) / c.before) * 100).toFixed(1)} %)` : '';
  return `${m}: ${n(c.before)} → ${n(c.after)} records${pct}`;
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
const MAX_REPORTED = 1000;

interface Tally {
  rows: number;
  kept: number;
  outsideArea: number;
  unmapped: number;
  badRowCount: number;
  badRows: RowProblem[];
}

const WIDTH = GRID_CATEGORIES.length;
const CATEGORY_INDEX = new Map(POLICE_CATEGORIES.map((c, i) => [c.csvName, i]));
/** police.uk's own spellings of the categories by length, to be matched where they lie in a line. */
const CATEGORY_BY_LENGTH = new Map<number, [string, number][]>();
POLICE_CATEGORIES.forEach((c, i) => CATEGORY_BY_LENGTH.set(c.csvName.length, [...(CATEGORY_BY_LENGTH.get(c.csvName.length) ?? []), [c.csvName, i]]));

/** The column of a crime type (police.uk's name, or another spelling of it); -1 for none. */
function categoryIndex(name: string): number {
  const exact = CATEGORY_INDEX.get(name);
  if (exact !== undefined) return exact;
  const cat = policeCategoryByCsvName(name);
  return cat ? CATEGORY_INDEX.get(cat.csvName)! : -1;
}

/** categoryIndex of `text.slice(start, end)`, with no slice made for police.uk's own spelling. */
function categoryAt(text: string, start: number, end: number): number {
  const candidates = CATEGORY_BY_LENGTH.get(end - start);
  if (candidates) for (const [name, i] of candidates) if (text.startsWith(name, start)) return i;
  return categoryIndex(text.slice(start, end));
}

function describeOtherFormat(header: string[]): string {
  const h = header.map((c) => c.trim().toLowerCase());
  if (h.includes('measure') && h.includes('area_code')) return 'this is a local extract; load it with `csp import local-csv`';
  if (h.includes('outcome type')) return 'this is a police.uk outcomes file, not a street-level file';
  if (h.includes('object of search')) return 'this is a police.uk stop-and-search file, not a street-level file';
  return `the header is not police.uk's street-level header (${STREET_COLUMNS.join(', ')})`;
}

/** Where a street-level file's counts go: a grid per month over the known LSOAs. */
interface Counting {
  row: ReadonlyMap<string, number>;
  size: number;
  months: Map<string, MonthGrid>;
  tally: Tally;
}

/**
 * The reading of one street-level file: its header, its rows counted into the month grids, its
 * bad rows. readCsvLines calls these methods for every line; one class for every file keeps
 * those calls alike from file to file, which the JIT rewards over millions of rows.
 */
class StreetFileCounter implements CsvLineHandlers {
  sawHeader = false;
  lastProblemLine = -1;
  /** Rows of months other than the one the file is named for. */
  readonly otherMonths = new Map<string, { rows: number; firstLine: number }>();
  private iMonth = -1;
  private iLsoa = -1;
  private iType = -1;
  private iLong = -1;
  private iLat = -1;
  private width = 0;
  /** Field i of the line being read runs from bounds[i] + 1 to bounds[i + 1] (its commas, and the line's ends). */
  private bounds = new Int32Array(0);
  private lastMonth = '';
  private grid: MonthGrid | undefined;

  constructor(
    private readonly file: string,
    private readonly namedMonth: string | undefined,
    private readonly into: Counting,
    private readonly onRows?: (rows: number) => void,
  ) {}

  problem(line: number, reason: string): void {
    const { tally } = this.into;
    this.lastProblemLine = line;
    tally.badRowCount += 1;
    if (tally.badRows.length < MAX_REPORTED) tally.badRows.push({ file: this.file, line, reason });
  }

  /** A record with no quotes: only the fields needed are taken out of the line. */
  plain(text: string, start: number, end: number, line: number): void {
    if (!this.sawHeader) return this.header(text.slice(start, end).split(','));
    this.counted();
    const { bounds, width } = this;
    bounds[0] = start - 1;
    let n = 1;
    let at = text.indexOf(',', start);
    for (; at >= 0 && at < end && n < width; at = text.indexOf(',', at + 1)) bounds[n++] = at;
    if (n !== width || (at >= 0 && at < end)) {
      this.problem(line, `has ${text.slice(start, end).split(',').length} fields, expected ${width}`);
      return;
    }
    bounds[width] = end;
    const m0 = bounds[this.iMonth] + 1;
    const m1 = bounds[this.iMonth + 1];
    const last = this.lastMonth;
    const month = m1 - m0 === last.length && text.startsWith(last, m0) ? last : text.slice(m0, m1);
    if (month !== this.lastMonth && !this.startMonth(month, line)) return;
    const t0 = bounds[this.iType] + 1;
    const t1 = bounds[this.iType + 1];
    const cat = categoryAt(text, t0, t1);
    if (cat < 0) return this.unknownType(text.slice(t0, t1), line);
    const located = bounds[this.iLong + 1] > bounds[this.iLong] + 1 || bounds[this.iLat + 1] > bounds[this.iLat] + 1;
    this.count(text.slice(bounds[this.iLsoa] + 1, bounds[this.iLsoa + 1]), cat, located);
  }

  quoted(record: string[], line: number): void {
    if (!this.sawHeader) return this.header(record);
    this.counted();
    if (record.length !== this.width) {
      this.problem(line, `has ${record.length} fields, expected ${this.width}`);
      return;
    }
    const month = record[this.iMonth];
    if (month !== this.lastMonth && !this.startMonth(month, line)) return;
    const cat = categoryIndex(record[this.iType]);
    if (cat < 0) return this.unknownType(record[this.iType], line);
    this.count(record[this.iLsoa], cat, record[this.iLong] !== '' || record[this.iLat] !== '');
  }

  private header(record: string[]): void {
    this.sawHeader = true;
    const names = record.map((c) => c.trim().toLowerCase());
    const index = (col: string) => names.indexOf(col.toLowerCase());
    if (STREET_COLUMNS.some((c) => index(c) < 0)) throw new ImportRefused(describeOtherFormat(record), this.file);
    this.iMonth = index('Month');
    this.iLsoa = index('LSOA code');
    this.iType = index('Crime type');
    this.iLong = index('Longitude');
    this.iLat = index('Latitude');
    this.width = record.length;
    this.bounds = new Int32Array(this.width + 1);
  }

  private counted(): void {
    const { tally } = this.into;
    tally.rows += 1;
    if ((tally.rows & 0x3fff) === 0) this.onRows?.(tally.rows);
  }

  private unknownType(type: string, line: number): void {
    this.problem(line, `crime type "${type}" is not a police.uk category`);
  }

  /** Counts a row of the current month, of category column `cat`; `located`: it has coordinates. */
  private count(lsoa: string, cat: number, located: boolean): void {
    const { tally } = this.into;
    if (lsoa === '' && !located) {
      tally.unmapped += 1;
      return;
    }
    const r = this.into.row.get(lsoa);
    if (r === undefined) {
      tally.outsideArea += 1;
      return;
    }
    const grid = this.grid!;
    const cell = r * WIDTH + cat;
    // Counts start as 16 bits (a country's month is then under 1 MB); a month with a count past
    // 65,535 in one LSOA and category (none so far) is widened to 32 bits.
    if (grid.counts[cell] === 0xffff && grid.counts instanceof Uint16Array) grid.counts = Uint32Array.from(grid.counts);
    grid.counts[cell] += 1;
    grid.records += 1;
    tally.kept += 1;
  }

  /** Rows of a month other than the last row's: whether they are counted, and into which grid. */
  private startMonth(month: string, line: number): boolean {
    if (!MONTH.test(month)) {
      this.problem(line, `month "${month}" is not YYYY-MM`);
      return false;
    }
    if (this.namedMonth && month !== this.namedMonth) {
      const other = this.otherMonths.get(month) ?? { rows: 0, firstLine: line };
      other.rows += 1;
      this.otherMonths.set(month, other);
      return false;
    }
    this.lastMonth = month;
    let grid = this.into.months.get(month);
    if (!grid) {
      grid = { counts: new Uint16Array(this.into.size * WIDTH), records: 0, files: [] };
      this.into.months.set(month, grid);
    }
    if (!grid.files.includes(this.file)) grid.files.push(this.file);
    this.grid = grid;
    return true;
  }
}

/** Reads one street-level CSV stream into the month grids, reporting bad rows; throws ImportRefused for a file of another shape. */
async function readStreetCsv(
  input: Readable,
  file: string,
  namedMonth: string | undefined,
  into: Counting,
  limits: ReadLimits,
  onRows?: (rows: number) => void,
  onBytes?: (n: number) => void,
): Promise<void> {
  const counter = new StreetFileCounter(file, namedMonth, into, onRows);
  let end;
  try {
    end = await readCsvLines(input, counter, onBytes, limits.maxRecordLength);
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    if (e instanceof RecordTooLong) throw new ImportRefused(e.message, file);
    throw new ImportRefused(`could not be read to the end (${(e as Error).message})`, file);
  } finally {
    // Stop reading a refused file at once (a zip entry or a file stream left open would hold the import up).
    input.destroy();
  }
  if (!counter.sawHeader) throw new ImportRefused('is empty', file);
  // A last record that is malformed and has no line break after it was cut off: rows are missing
  // beyond it, so no allowance for bad rows can make the file whole.
  if (end.unclosedQuoteAtEnd || (end.unterminatedLine !== null && counter.lastProblemLine === end.unterminatedLine)) {
    throw new ImportRefused(`is cut off: its last record (line ${end.unterminatedLine ?? counter.lastProblemLine}) is incomplete, so rows after it are missing — download it again; nothing was changed`, file);
  }
  if (counter.otherMonths.size > 0) {
    const list = [...counter.otherMonths].map(([m, o]) => `${o.rows} for ${m} (first on line ${o.firstLine})`).join(', ');
    throw new ImportRefused(`is named for ${namedMonth} but holds rows of another month: ${list}. Nothing was changed: check it is the right file, or rename it for the month it holds`, file);
  }
}

export interface ReadResult {
  summary: PoliceCsvSummary;
  /** month → its counts over every known LSOA */
  months: Map<string, MonthGrid>;
}

/**
 * Reads police.uk street-level CSVs (single files or archive zips, of the forces chosen) into a
 * grid of counts per month: LSOA (those of `lsoaRow`, each at its row) by category. Memory holds
 * the grids, whatever the number of rows. Nothing is written. A file of another shape, or a
 * damaged zip, refuses the whole import (ImportRefused); a bad row is reported and skipped.
 */
export async function readPoliceCsv(
  paths: string[],
  lsoas: { row: ReadonlyMap<string, number>; size: number },
  options: { onProgress?: (p: ImportProgress) => void; limits?: Partial<ReadLimits>; forces?: ForceChoice } = {},
): Promise<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const forceChoice: ForceChoice = options.forces ?? { kind: 'all' };
  const tally: Tally = { rows: 0, kept: 0, outsideArea: 0, unmapped: 0, badRowCount: 0, badRows: [] };
  const into: Counting = { row: lsoas.row, size: lsoas.size, months: new Map(), tally };
  const listed = await listStreetFiles(paths, forceChoice, limits);
  let bytesDone = 0;
  const files: string[] = [];
  try {
    for (const f of listed.files) {
      const report = () => options.onProgress?.({ file: f.label, bytesDone, bytesTotal: listed.bytesTotal, rows: tally.rows });
      report();
      const stream = await f.open();
      await readStreetCsv(stream, f.label, f.month, into, limits, report, f.streamsBytes ? (n) => (bytesDone += n) : undefined);
      if (!f.streamsBytes) bytesDone += f.bytes;
      files.push(f.label);
      report();
    }
  } finally {
    listed.close();
  }
  const months = new Map([...into.months].sort(([a], [b]) => a.localeCompare(b)));
  const summary: PoliceCsvSummary = {
    files,
    rows: tally.rows,
    kept: tally.kept,
    outsideArea: tally.outsideArea,
    unmapped: tally.unmapped,
    badRows: tally.badRows,
    badRowCount: tally.badRowCount,
    months: [...months].map(([month, m]) => ({ month, records: m.records, files: m.files })),
    changes: [],
    warnings: listed.warnings,
    archives: listed.archives,
    forceChoice,
  };
  return { summary, months };
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
  /**
   * Which forces' files of an archive to read (police.uk ids such as `derbyshire`), or 'all'.
   * Default: the forces of the districts the store knows, and British Transport Police, whose
   * crimes on the railways fall in every force's districts. Files given by name are always read.
   */
  forces?: string[] | 'all';
}

/** British Transport Police: its street-level files hold crimes in every force's area. */
export const BTP = 'btp';

/** The forces whose archive files an import reads when none are named. */
export function defaultForces(packs: readonly AreaPack[]): string[] {
  const own = packs.map((p) => p.policeForce.toLowerCase()).filter((f) => f !== 'unknown');
  return [...new Set([...own.sort(), BTP])];
}

/**
 * `csp import police-csv`: reads the files, then replaces, in one transaction, every month they
 * hold of every district this store knows that they cover (police.uk files are force-wide), so a
 * re-supplied month never double-counts, another district's months are never touched, and a
 * refused file writes nothing. Rows in LSOAs of no known district are counted (`outsideArea`).
 * Every check (bad rows, a cut-off file, a month that disagrees with the file's name, a
 * district's month that would shrink) is made before anything is written. Memory holds a grid
 * of counts per month (LSOAs by categories), never the rows: the rows are made district month by
 * district month as they are written.
 */
export async function importPoliceCsv(deps: { store: Store; pack: AreaPack; clock: Clock }, paths: string[], options: PoliceImportOptions = {}): Promise<PoliceCsvSummary> {
  const packs = await knownPacks(deps.store, deps.pack);
  const rows = lsoaRows(packs);
  const forces: ForceChoice =
    options.forces === 'all' ? { kind: 'all' } : options.forces ? { kind: 'chosen', forces: [...new Set(options.forces.map((f) => f.toLowerCase()))] } : { kind: 'default', forces: defaultForces(packs) };
  const { summary, months } = await readPoliceCsv(paths, rows, { ...options, forces });
  const allowed = options.allowBadRows ?? 0;
  if (summary.badRowCount > allowed) throw new BadRowsRefused(summary.badRows, summary.badRowCount, allowed);
  const force = deps.pack.policeForce.toLowerCase();
  for (const m of summary.months) {
    // A month is replaced as a whole: importing only, say, the BTP file would leave the force's crimes out.
    if (!m.files.some((f) => forceOfFile(f) === force)) {
      summary.warnings.push(`${m.month} was replaced from ${m.files.join(', ')}, which holds no ${deps.pack.policeForce} street-level file: check that is everything for that month`);
    }
  }
  const repo = new CrimeRepo(deps.store);
  const { batch, fills } = districtImports(months, rows, deps.clock.now().toISOString());
  summary.districts = fills;
  summary.changes = await districtMonthChanges(repo, batch, packs);
  const shrunk = shrinking(summary.changes);
  if (shrunk.length > 0 && !options.replace) throw new ShrinkRefused(summary.changes, shrunk);
  if (batch.length > 0) {
    await options.beforeWrite?.();
    await repo.replaceMonthGrids(batch);
    // Fresh planner statistics after a large import keep every later read on its indexes.
    await repo.analyze();
  }
  return summary;
}
