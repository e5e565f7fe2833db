import type { Kysely } from 'kysely';
import { CompiledQuery, sql } from 'kysely';
import { bulkInsert, type BulkColumn } from './bulkInsert';
import { ALL_CRIME_SLUGS, LOCAL_MEASURES, POLICE_CATEGORIES } from '../domain/crime/categories';
import type { Store } from './db';
import type { Schema } from './schema';
import { bumpDataVersion } from './dataVersions';
import { addWardTotals, deleteWardTotals, replaceWardLookup, rewriteWardTotals, storedWardLookup, writeWardTotals } from './wardTotals';
import { WardRollUp } from './wardRollUp';
import type { AreaPack } from '../domain/areas/pack';
import { byKeyOrder } from '../domain/keyOrder';

export type CrimeSource = 'police.uk' | 'demo' | 'local';

export interface CrimeCountRow {
  areaType: 'lsoa' | 'ward';
  areaCode: string;
  /** police.uk slug or a local measure's slug. */
  category: string;
  count: number;
}

export interface MonthImport {
  source: CrimeSource;
  /** YYYY-MM */
  month: string;
  /**
   * The district (local authority code) whose month this is: the import replaces that district's
   * month only, so a store can hold many districts (a force-wide file is one import per district).
   */
  district: string;
  /** File name, or 'api'. */
  origin: string;
  /** ISO-8601 UTC */
  importedAt: string;
  /** Records read for this month (crimes, or extract rows). */
  records: number;
  /** The data's own as-of date, YYYY-MM-DD (police.uk last update; an extract's extracted_on). */
  asOf?: string;
  /** Who supplied a local extract, e.g. "Derbyshire Constabulary" (the extract's `source` column). */
  sourceName?: string;
  /**
   * What the import replaces. police.uk and demo imports always replace the whole month. A local
   * extract replaces, for that month, only the measures it carries (those in its rows plus any
   * listed here, so an extract can clear a measure to zero): loading a hate-crime extract must not
   * wipe a stalking extract of the same month.
   */
  categories?: string[];
}

/**
 * Reserved category under which police.uk and demo imports also store "all crime" (every
 * police.uk category except ASB), summed at write time so that all-crime series and rankings
 * read one row per area and month instead of thirteen.
 */
import { ALL_CRIME_KEY, AreaSlice, CountFacts, CrimeCounts, ImportRecord, StoredSlice } from '../domain/crime/counts';
export { ALL_CRIME_KEY };
export type { AreaSlice, CountFacts, ImportRecord };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Every category a read can ask for (reads refuse others): police.uk's, all crime, the local measures. */
const KNOWN_CATEGORIES = [ALL_CRIME_KEY, ...POLICE_CATEGORIES.map((c) => c.slug), ...LOCAL_MEASURES.map((c) => c.slug)];
const ALL_CRIME = new Set(ALL_CRIME_SLUGS);
/** Codes per IN list: well under SQLite's bound-parameter limit. */
const IN_CHUNK = 5000;

type Db = Kysely<Schema>;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const DISTRICT = /^[EWSN]\d{8}$/;

function checkImport(imp: MonthImport): void {
  if (!MONTH.test(imp.month)) throw new Error(`month must be YYYY-MM, got "${imp.month}"`);
  if (!DISTRICT.test(imp.district ?? '')) throw new Error(`an import must name its district (a local authority code), got "${imp.district}"`);
  if (!['police.uk', 'demo', 'local'].includes(imp.source)) throw new Error(`unknown source "${imp.source}"`);
}

/** Sums duplicate (area, category) rows and checks each; throws on the first bad row. */
function aggregate(imp: MonthImport, rows: CrimeCountRow[]): Map<string, CrimeCountRow> {
  const sums = new Map<string, CrimeCountRow>();
  for (const [i, r] of rows.entries()) {
    if (r.areaType !== 'lsoa' && r.areaType !== 'ward') throw new Error(`${imp.month} row ${i + 1}: area type must be lsoa or ward`);
    if (!r.areaCode) throw new Error(`${imp.month} row ${i + 1}: area code is empty`);
    checkCategory(imp, r.category, `row ${i + 1}`);
    if (!Number.isInteger(r.count) || r.count < 0) throw new Error(`${imp.month} row ${i + 1}: count must be a whole number ≥ 0, got ${r.count}`);
    const key = `${r.areaType}|${r.areaCode}|${r.category}`;
    const cur = sums.get(key);
    if (cur) cur.count += r.count;
    else sums.set(key, { ...r });
  }
  if (imp.source !== 'local') {
    for (const r of [...sums.values()]) {
      if (!ALL_CRIME.has(r.category)) continue;
      const key = `${r.areaType}|${r.areaCode}|${ALL_CRIME_KEY}`;
      const cur = sums.get(key);
      if (cur) cur.count += r.count;
      else sums.set(key, { areaType: r.areaType, areaCode: r.areaCode, category: ALL_CRIME_KEY, count: r.count });
    }
  }
  return sums;
}

/**
 * One district's month of counts as a grid, area by category: a month of every LSOA in England
 * and Wales is a few MB this way, where one object per count would be hundreds.
 */
export interface CountGrid {
  areaType: 'lsoa' | 'ward';
  areas: readonly string[];
  categories: readonly string[];
  /** counts[a × categories.length + c] is area a's count of category c. */
  counts: Uint16Array | Uint32Array;
}

/** One district's month, checked and ready to write: its counts as rows or as a grid. */
type MonthPart = {
  imp: MonthImport;
  /** The measures a local extract replaces (see MonthImport.categories); null: the whole month. */
  scope: string[] | null;
} & ({ rows: CrimeCountRow[]; grid?: undefined } | { grid: CountGrid; rows?: undefined });

function localScope(imp: MonthImport, carried: Iterable<string>): string[] | null {
  return imp.source === 'local' ? [...new Set([...carried, ...(imp.categories ?? [])])] : null;
}

function checkCategory(imp: MonthImport, category: string, where: string): void {
  if (!category || category === ALL_CRIME_KEY) throw new Error(`${imp.month} ${where}: category "${category}" is not allowed`);
}

/** Rows in key order (category, area type, area): the summed, non-zero counts of the month. */
function rowsPart(imp: MonthImport, rows: CrimeCountRow[]): MonthPart {
  checkImport(imp);
  const sums = [...aggregate(imp, rows).values()].filter((r) => r.count > 0);
  sums.sort((a, b) => byKeyOrder(a.category, b.category) || byKeyOrder(a.areaType, b.areaType) || byKeyOrder(a.areaCode, b.areaCode));
  return { imp, scope: localScope(imp, rows.map((r) => r.category)), rows: sums };
}

function gridPart(imp: MonthImport, grid: CountGrid): MonthPart {
  checkImport(imp);
  const { areas, categories, counts, areaType } = grid;
  if (areaType !== 'lsoa' && areaType !== 'ward') throw new Error(`${imp.month}: area type must be lsoa or ward`);
  if (counts.length !== areas.length * categories.length) throw new Error(`${imp.month}: ${counts.length} counts for ${areas.length} areas × ${categories.length} categories`);
  areas.forEach((a, i) => {
    if (!a) throw new Error(`${imp.month} area ${i + 1}: area code is empty`);
  });
  categories.forEach((c, i) => checkCategory(imp, c, `category ${i + 1}`));
  if (new Set(areas).size !== areas.length || new Set(categories).size !== categories.length) throw new Error(`${imp.month}: an area or category is listed twice`);
  return { imp, scope: localScope(imp, categories), grid };
}

/** Each areas list's order by code, worked out once (a district's list serves every month). */
const areaOrders = new WeakMap<readonly string[], Uint32Array>();

function areaOrder(areas: readonly string[]): Uint32Array {
  let order = areaOrders.get(areas);
  if (!order) {
    order = Uint32Array.from(areas.keys()).sort((a, b) => byKeyOrder(areas[a], areas[b]));
    areaOrders.set(areas, order);
  }
  return order;
}

/** Receives a count of the part numbered `part`; returns nothing, the row is written at once. */
type AddCount = (part: number, areaType: string, areaCode: string, category: string, count: number) => void;

type GridPart = { imp: MonthImport; grid: CountGrid };

/**
 * A column of grids that share their areas and categories (one district's months): area a's
 * value in part k is values[k][a × stride + offset], a category of the grids or all crime.
 */
interface GridColumn {
  category: string;
  values: (Uint16Array | Uint32Array)[];
  stride: number;
  offset: number;
}

/** The columns of grids in key order; for police.uk and demo months all crime too, summed per area. */
function gridColumns(parts: GridPart[]): GridColumn[] {
  const { areas, categories } = parts[0].grid;
  const width = categories.length;
  const counts = parts.map((p) => p.grid.counts);
  const columns: GridColumn[] = categories.map((category, c) => ({ category, values: counts, stride: width, offset: c }));
  if (parts[0].imp.source !== 'local') {
    const alls = counts.map((grid) => {
      const all = new Uint32Array(areas.length);
      for (let c = 0; c < width; c++) {
        if (!ALL_CRIME.has(categories[c])) continue;
        for (let a = 0; a < areas.length; a++) all[a] += grid[a * width + c];
      }
      return all;
    });
    columns.push({ category: ALL_CRIME_KEY, values: alls, stride: 1, offset: 0 });
  }
  return columns.sort((x, y) => byKeyOrder(x.category, y.category));
}

/**
 * The counts of grids of one district's months, in key order: category, then area, then month,
 * so that rows land one after another in the table. Returns each part's total per category.
 */
function emitGrids(parts: GridPart[], columns: GridColumn[], add: AddCount): Map<string, number>[] {
  const { areas, areaType } = parts[0].grid;
  const order = areaOrder(areas);
  const totals = parts.map(() => new Map<string, number>());
  const sums = new Float64Array(parts.length);
  for (const { category, values, stride, offset } of columns) {
    sums.fill(0);
    for (let i = 0; i < order.length; i++) {
      const a = order[i];
      const at = a * stride + offset;
      for (let k = 0; k < values.length; k++) {
        const n = values[k][at];
        if (n === 0) continue;
        add(k, areaType, areas[a], category, n);
        sums[k] += n;
      }
    }
    sums.forEach((n, k) => {
      if (n > 0) totals[k].set(category, n);
    });
  }
  return totals;
}

/**
 * Writes the ward month totals of whole months of LSOA counts given as grids (one district's),
 * rolled up in memory through the district's stored lookup, in key order: category, ward, month.
 * A ward with nothing that month has no row, as with the SQL roll-up.
 */
async function writeGridWardTotals(store: Store, trx: Db, parts: GridPart[], columns: GridColumn[]): Promise<void> {
  const { source, district } = parts[0].imp;
  const rollUp = new WardRollUp(await storedWardLookup(trx, district), parts[0].grid.areas);
  const wards = rollUp.wards.length;
  if (wards === 0) return;
  const out = bulkInsert(store, trx, 'crime_ward_total', WARD_TOTAL_COLUMNS, { district, source });
  // One category's sums, month by month (part k's ward w at k × wards + w), then written ward by ward.
  const sums = new Float64Array(parts.length * wards);
  const row: (string | number)[] = [];
  for (const { category, values, stride, offset } of columns) {
    row[0] = category;
    for (let k = 0; k < parts.length; k++) rollUp.sum(parts[k].imp.month, values[k], stride, offset, sums.subarray(k * wards, (k + 1) * wards));
    for (let w = 0; w < wards; w++) {
      row[1] = rollUp.wards[w];
      for (let k = 0; k < parts.length; k++) {
        const n = sums[k * wards + w];
        if (n === 0) continue;
        row[2] = parts[k].imp.month;
        row[3] = n;
        out.add(row);
      }
    }
  }
  await out.flush();
}

/** The rows of a part given as rows (already in key order) and their totals per category. */
function emitRows(rows: CrimeCountRow[], add: AddCount): Map<string, number>[] {
  const totals = new Map<string, number>();
  for (const r of rows) {
    add(0, r.areaType, r.areaCode, r.category, r.count);
    totals.set(r.category, (totals.get(r.category) ?? 0) + r.count);
  }
  return [totals];
}

/** Parts written together: grid parts of one district, source and areas list (its months, oldest first), in district order; else one part alone. */
function writeGroups(parts: MonthPart[]): MonthPart[][] {
  const byAreas = new Map<readonly string[], Map<string, MonthPart[]>>();
  const alone: MonthPart[][] = [];
  for (const p of parts) {
    if (!p.grid) {
      alone.push([p]);
      continue;
    }
    const groups = byAreas.get(p.grid.areas) ?? new Map<string, MonthPart[]>();
    byAreas.set(p.grid.areas, groups);
    const key = `${p.imp.district}|${p.imp.source}|${p.grid.areaType}|${p.grid.categories.join(',')}`;
    const group = groups.get(key) ?? [];
    group.push(p);
    groups.set(key, group);
  }
  const together = [...byAreas.values()].flatMap((groups) => [...groups.values()]).map((g) => g.sort((a, b) => byKeyOrder(a.imp.month, b.imp.month)));
  together.sort((a, b) => byKeyOrder(a[0].imp.district, b[0].imp.district));
  return [...together, ...alone];
}

const columns = (spec: Record<string, BulkColumn['pgType']>): BulkColumn[] => Object.entries(spec).map(([name, pgType]) => ({ name, pgType }));
const COUNT_COLUMNS = columns({ source: 'text', month: 'text', district: 'text', area_type: 'text', area_code: 'text', category: 'text', count: 'integer' });
const WARD_TOTAL_COLUMNS = columns({ district: 'text', category: 'text', ward: 'text', month: 'text', source: 'text', count: 'integer' });
const TOTAL_COLUMNS = columns({ district: 'text', category: 'text', month: 'text', source: 'text', count: 'integer' });
const IMPORT_COLUMNS = columns({ source: 'text', month: 'text', district: 'text', scope: 'text', origin: 'text', imported_at: 'text', records: 'integer', as_of: 'text', source_name: 'text' });

/**
 * Deletes what whole district months replace: their counts, totals and import records. Counts
 * are stored by district first and month late in the key, so finding a month's counts reads the
 * district's; only months with an import record are looked for (every write records its months
 * in the same transaction, so a month without a record holds no counts), and each district is
 * read once for all its months.
 */
async function clearWholeMonths(trx: Db, parts: MonthPart[]): Promise<void> {
  if (parts.length === 0) return;
  const sources = [...new Set(parts.map((p) => p.imp.source))];
  const held = new Set(
    (await trx.selectFrom('crime_import').select(['source', 'month', 'district']).where('source', 'in', sources).where('scope', '=', '*').execute()).map((r) => `${r.source}|${r.month}|${r.district}`),
  );
  const byDistrict = new Map<string, { source: string; district: string; months: string[]; held: string[] }>();
  for (const { imp } of parts) {
    const k = `${imp.source}|${imp.district}`;
    const d = byDistrict.get(k) ?? { source: imp.source, district: imp.district, months: [], held: [] };
    d.months.push(imp.month);
    if (held.has(`${imp.source}|${imp.month}|${imp.district}`)) d.held.push(imp.month);
    byDistrict.set(k, d);
  }
  for (const { source, district, months, held: heldMonths } of byDistrict.values()) {
    if (heldMonths.length > 0) await trx.deleteFrom('crime_count').where('district', '=', district).where('source', '=', source).where('month', 'in', heldMonths).execute();
    await trx.deleteFrom('crime_total').where('district', '=', district).where('source', '=', source).where('month', 'in', months).execute();
    await deleteWardTotals(trx, source, district, months);
    await trx.deleteFrom('crime_import').where('district', '=', district).where('source', '=', source).where('month', 'in', months).execute();
  }
}

/**
 * Writes district months in the transaction `trx`: each replaces that source's month of its
 * district only (and, for a local extract, only its measures), with the district's month totals,
 * its ward month totals and its import record, counted from the same figures.
 */
async function writeParts(store: Store, trx: Db, parts: MonthPart[]): Promise<void> {
  const key = (imp: MonthImport) => `${imp.source}|${imp.month}|${imp.district}`;
  // A whole month given twice in one batch: the later wins, as if each were written in turn.
  const last = new Map(parts.filter((p) => !p.scope).map((p) => [key(p.imp), p]));
  const kept = parts.filter((p) => p.scope || last.get(key(p.imp)) === p);
  await clearWholeMonths(trx, kept.filter((p) => !p.scope));
  const totals = bulkInsert(store, trx, 'crime_total', TOTAL_COLUMNS);
  const imports = bulkInsert(store, trx, 'crime_import', IMPORT_COLUMNS);
  const row: (string | number | null)[] = [];
  for (const group of writeGroups(kept)) {
    for (const { imp, scope } of group) {
      // A local month carrying no measure replaces nothing (PostgreSQL refuses the NUL an empty list was once stood in by).
      if (!scope || scope.length === 0) continue;
      await trx.deleteFrom('crime_count').where('district', '=', imp.district).where('category', 'in', scope).where('source', '=', imp.source).where('month', '=', imp.month).execute();
      await trx.deleteFrom('crime_total').where('district', '=', imp.district).where('category', 'in', scope).where('source', '=', imp.source).where('month', '=', imp.month).execute();
      await trx.deleteFrom('crime_import').where('source', '=', imp.source).where('month', '=', imp.month).where('district', '=', imp.district).where('scope', 'in', scope).execute();
    }
    const { source, district } = group[0].imp;
    const counts = bulkInsert(store, trx, 'crime_count', COUNT_COLUMNS, { source, district });
    const months = group.map((p) => p.imp.month);
    const add: AddCount = (part, areaType, areaCode, category, count) => {
      row[0] = months[part];
      row[1] = areaType;
      row[2] = areaCode;
      row[3] = category;
      row[4] = count;
      counts.add(row);
    };
    const grids = group[0].grid ? (group as GridPart[]) : null;
    const gridCols = grids && gridColumns(grids);
    const sums = grids ? emitGrids(grids, gridCols!, add) : emitRows(group[0].rows!, add);
    await counts.flush();
    // Ward month totals through the district's lookup: whole months of LSOA grids from the grids
    // themselves, the others from the counts just written.
    if (group[0].scope) {
      for (const { imp, scope } of group) if (scope!.length > 0) await writeWardTotals(trx, source, imp.month, district, scope!);
    } else if (!grids) await addWardTotals(trx, source, district, group.map((p) => p.imp.month));
    else if (grids[0].grid.areaType === 'lsoa') await writeGridWardTotals(store, trx, grids, gridCols!);
    group.forEach(({ imp, scope }, k) => {
      for (const [category, count] of sums[k]) totals.add([imp.district, category, imp.month, imp.source, count]);
      for (const s of scope ?? ['*']) imports.add([imp.source, imp.month, imp.district, s, imp.origin, imp.importedAt, imp.records, imp.asOf ?? null, imp.sourceName ?? null]);
    });
  }
  await totals.flush();
  await imports.flush();
  await bumpDataVersion(trx, 'crime');
}

/**
 * Monthly crime counts per area and category, by source and district. Writes replace a
 * district's whole month so that a re-supplied month never double-counts and never touches
 * another district; reads aggregate in SQL. A repo made for a district (`new CrimeRepo(store,
 * code)`) reads that district only — every figure an answer gives is one district's; one made
 * without reads the whole store (guards such as "is there real data here?" and comparisons).
 */
export class CrimeRepo implements CrimeCounts {
  constructor(
    private readonly store: Store,
    readonly district?: string,
  ) {}

  /** The same store, read for another district. */
  forDistrict(code: string): CrimeRepo {
    return new CrimeRepo(this.store, code);
  }

  /**
   * Rows written before the store knew districts belong to the one district it then served:
   * they are given that district (and its month totals). Does nothing when there are none.
   */
  async adoptLegacy(district: string): Promise<boolean> {
    if (!DISTRICT.test(district)) throw new Error(`not a district code: "${district}"`);
    const legacy = await this.store.db.selectFrom('crime_import').select('month').where('district', '=', '').limit(1).executeTakeFirst();
    const legacyRows = await this.store.db.selectFrom('crime_count').select('month').where('district', '=', '').limit(1).executeTakeFirst();
    if (!legacy && !legacyRows) return false;
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('crime_count').set({ district }).where('district', '=', '').execute();
      await trx.updateTable('crime_import').set({ district }).where('district', '=', '').execute();
      await trx.deleteFrom('crime_total').where('district', '=', district).execute();
      await sql`insert into crime_total (district, category, month, source, count)
        select district, category, month, source, sum(count) from crime_count where district = ${district}
        group by district, category, month, source`.execute(trx);
      await rewriteWardTotals(trx, district);
      await bumpDataVersion(trx, 'crime');
    });
    return true;
  }

  /** Replaces one month of one source (see MonthImport.categories for local extracts) in one transaction. */
  async replaceMonth(imp: MonthImport, rows: CrimeCountRow[]): Promise<void> {
    await this.replaceMonths([{ imp, rows }]);
  }

  /** Replaces several months in ONE transaction: a whole file lands, or nothing does. */
  async replaceMonths(batch: { imp: MonthImport; rows: CrimeCountRow[] }[]): Promise<void> {
    const parts = batch.map(({ imp, rows }) => rowsPart(imp, rows));
    await this.store.db.transaction().execute((trx) => writeParts(this.store, trx, parts));
  }

  /**
   * replaceMonths for counts held as grids (a police.uk import of a force or the country): the
   * rows are made district month by district month as they are written, so memory holds the
   * grids and never the rows. ONE transaction, as replaceMonths.
   */
  async replaceMonthGrids(batch: { imp: MonthImport; grid: CountGrid }[]): Promise<void> {
    const parts = batch.map(({ imp, grid }) => gridPart(imp, grid));
    await this.store.db.transaction().execute((trx) => writeParts(this.store, trx, parts));
  }

  /**
   * Makes the district's ward month totals follow this pack's LSOA→ward lookup, rewriting them if
   * it is not the one they follow (a built-in pack is saved by no `csp areas` import). True when
   * they were rewritten.
   */
  async followWardLookup(pack: AreaPack): Promise<boolean> {
    return this.store.db.transaction().execute((trx) => replaceWardLookup(trx, pack.district.code, pack));
  }

  /**
   * Refreshes the planner's statistics (and on PostgreSQL the visibility map, so that series and
   * rankings are answered from the covering indexes alone). Worth calling after a large import;
   * PostgreSQL's autovacuum gets there too, later. Not inside a transaction. SQLite's `optimize`
   * analyses the tables whose size has changed enough since they last were (a first import, a
   * store grown many times over): ANALYZE reads every row, which a month added to a country
   * store does not need. Statistics from a sample would not do: counts are stored district by
   * district, and a sample of one district hides that a whole-store read can skip from district
   * to district.
   */
  async analyze(): Promise<void> {
    if (this.store.dialect === 'postgres') await sql`vacuum (analyze) crime_count, crime_import, crime_total, crime_ward_total`.execute(this.store.db);
    else await sql`pragma optimize = 0x10002`.execute(this.store.db);
  }

  /** Months of a source recorded as completely imported, oldest first. */
  async completeMonths(source: string): Promise<string[]> {
    const rows = await this.importsOfDistrict().select('month').distinct().where('source', '=', source).orderBy('month').execute();
    return rows.map((r) => r.month);
  }

  private importsOfDistrict() {
    const q = this.store.db.selectFrom('crime_import');
    return this.district === undefined ? q : q.where('district', '=', this.district);
  }

  private countsOfDistrict() {
    const q = this.store.db.selectFrom('crime_count');
    return this.district === undefined ? q : q.where('district', '=', this.district);
  }

  /**
   * Month totals of each district (of those given, or every district stored), for these
   * categories, from the totals written at import: comparisons between districts read these.
   */
  async districtMonthTotals(
    districts: string[] | 'all',
    categories: string[],
    from: string,
    to: string,
  ): Promise<{ district: string; month: string; count: number }[]> {
    if (categories.length === 0 || (districts !== 'all' && districts.length === 0)) return [];
    const parts = districts === 'all' ? [null] : chunk(districts, IN_CHUNK);
    const out: { district: string; month: string; count: number }[] = [];
    for (const codes of parts) {
      let q = this.store.db
        .selectFrom('crime_total')
        .select(['district', 'month', sql<string>`sum(${sql.ref('count')})`.as('n')])
        .where('category', 'in', categories)
        .where('month', '>=', from)
        .where('month', '<=', to);
      if (codes) q = q.where('district', 'in', codes);
      for (const r of await q.groupBy(['district', 'month']).execute()) out.push({ district: r.district, month: r.month, count: Number(r.n) });
    }
    return out;
  }

  /** Totals per district and category over [from, to], from the totals written at import (for most-similar groups). */
  async districtCategoryTotals(from: string, to: string, categories: string[]): Promise<{ district: string; category: string; count: number }[]> {
    if (categories.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('crime_total')
      .select(['district', 'category', sql<string>`sum(${sql.ref('count')})`.as('n')])
      .where('category', 'in', categories)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .groupBy(['district', 'category'])
      .execute();
    return rows.map((r) => ({ district: r.district, category: r.category, count: Number(r.n) }));
  }

  /** The months recorded as imported for each district (of these sources), for like-with-like comparisons. */
  async importedMonthsByDistrict(sources: string[], from: string, to: string): Promise<Map<string, Set<string>>> {
    const rows = await this.store.db
      .selectFrom('crime_import')
      .select(['district', 'month'])
      .distinct()
      .where('source', 'in', sources)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .execute();
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = out.get(r.district) ?? new Set<string>();
      set.add(r.month);
      out.set(r.district, set);
    }
    return out;
  }

  /** Whether the store holds the demo dataset, real data, or nothing. Demo wins if both are somehow present. */
  async datasetKind(): Promise<'empty' | 'demo' | 'real'> {
    const rows = await this.importsOfDistrict().select('source').distinct().execute();
    if (rows.some((r) => r.source === 'demo')) return 'demo';
    return rows.length > 0 ? 'real' : 'empty';
  }

  /** Removes every demo figure (before a real import). */
  async clearDemo(): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('crime_count').where('source', '=', 'demo').execute();
      await trx.deleteFrom('crime_import').where('source', '=', 'demo').execute();
      await trx.deleteFrom('crime_total').where('source', '=', 'demo').execute();
      await trx.deleteFrom('crime_ward_total').where('source', '=', 'demo').execute();
      await bumpDataVersion(trx, 'crime');
    });
  }

  /** Latest imported month, of one or more sources (default: all), optionally only imports covering `scope`. */
  async latestMonth(source?: string | string[], scope?: string[]): Promise<string | null> {
    return this.monthBound('max', source, scope);
  }

  async earliestMonth(source?: string | string[], scope?: string[]): Promise<string | null> {
    return this.monthBound('min', source, scope);
  }

  private async monthBound(fn: 'min' | 'max', source?: string | string[], scope?: string[]): Promise<string | null> {
    let q = this.importsOfDistrict().select((eb) => eb.fn[fn]<string>('month').as('m'));
    if (source !== undefined) q = q.where('source', 'in', Array.isArray(source) ? source : [source]);
    if (scope !== undefined) q = q.where('scope', 'in', scope);
    const row = await q.executeTakeFirst();
    return row?.m ?? null;
  }

  /** Import records, newest month first; filtered by source and scope when given. */
  async imports(filter: { source?: string[]; scope?: string[] } = {}): Promise<ImportRecord[]> {
    let q = this.importsOfDistrict().selectAll();
    if (filter.source) q = q.where('source', 'in', filter.source);
    if (filter.scope) q = q.where('scope', 'in', filter.scope);
    const rows = await q.orderBy('month', 'desc').orderBy('source').orderBy('scope').execute();
    return rows.map((r) => ({
      source: r.source,
      month: r.month,
      scope: r.scope,
      origin: r.origin,
      importedAt: r.imported_at,
      records: Number(r.records),
      asOf: r.as_of,
      sourceName: r.source_name,
    }));
  }

  /** How many non-zero count rows a source holds per month and category (the size of what an import would replace). */
  async rowCounts(source: CrimeSource, months: string[]): Promise<Map<string, number>> {
    if (months.length === 0) return new Map();
    const rows = await this.countsOfDistrict()
      .select(['month', 'category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('source', '=', source)
      .where('month', 'in', months)
      .where('category', '!=', ALL_CRIME_KEY)
      .groupBy(['month', 'category'])
      .execute();
    return new Map(rows.map((r) => [`${r.month}|${r.category}`, Number(r.n)]));
  }

  /** Whether any count of this category is stored (a local measure with no extract loaded has none). */
  async hasCategory(category: string): Promise<boolean> {
    const row = await this.countsOfDistrict().select('category').where('category', '=', category).limit(1).executeTakeFirst();
    if (row) return true;
    // A loaded extract may hold only zeros for a measure, which are not stored as counts.
    const imp = await this.importsOfDistrict().select('scope').where('scope', '=', category).limit(1).executeTakeFirst();
    return imp !== undefined;
  }

  /** Whether any count at all is stored in these slices (any category). */
  async anyRows(slices: StoredSlice[]): Promise<boolean> {
    for (const slice of slices) {
      for (const codes of codeChunks(slice.codes)) {
        let q = this.countsOfDistrict()
          .select('month')
          .where('area_type', '=', slice.areaType)
          .where('month', '>=', slice.from)
          .where('month', '<=', slice.to);
        if (codes) q = q.where('area_code', 'in', codes);
        if (await q.limit(1).executeTakeFirst()) return true;
      }
    }
    return false;
  }

  /** Total per month over the slices, for these categories; months with nothing are absent. */
  async countsByMonth(slices: AreaSlice[], categories: string[]): Promise<{ month: string; count: number }[]> {
    const sums = new Map<string, number>();
    for (const r of await this.grouped(slices, categories, ['month'])) sums.set(r.month, (sums.get(r.month) ?? 0) + r.n);
    return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count }));
  }

  /** Total per area code over the months of each slice (areas with nothing are absent). */
  async countsByArea(slices: AreaSlice[], categories: string[]): Promise<{ areaType: 'lsoa' | 'ward'; areaCode: string; count: number }[]> {
    const rows = await this.grouped(slices, categories, ['area_code']);
    return rows.map((r) => ({ areaType: r.areaType, areaCode: r.area_code, count: r.n }));
  }

  /** Total per area code and month (for suppressing small ward-month cells). */
  async countsByAreaMonth(slices: AreaSlice[], categories: string[]): Promise<{ areaType: 'lsoa' | 'ward'; areaCode: string; month: string; count: number }[]> {
    const rows = await this.grouped(slices, categories, ['area_code', 'month']);
    return rows.map((r) => ({ areaType: r.areaType, areaCode: r.area_code, month: r.month, count: r.n }));
  }

  /** Total per category over the slices (categories with nothing are absent). */
  async countsByCategory(slices: AreaSlice[], categories: string[]): Promise<{ category: string; count: number }[]> {
    const sums = new Map<string, number>();
    for (const r of await this.grouped(slices, categories, ['category'])) sums.set(r.category, (sums.get(r.category) ?? 0) + r.n);
    return [...sums].map(([category, count]) => ({ category, count }));
  }

  /** The district's totals per month over [from, to] (every count, by LSOA or by ward), from the totals written at import. */
  async totalsByMonth(categories: string[], from: string, to: string): Promise<{ month: string; count: number }[]> {
    const rows = await this.totals('month', categories, from, to);
    return rows.map((r) => ({ month: r.key, count: r.count })).sort((a, b) => (a.month < b.month ? -1 : 1));
  }

  /** The district's totals per category over [from, to], from the totals written at import. */
  async totalsByCategory(categories: string[], from: string, to: string): Promise<{ category: string; count: number }[]> {
    return (await this.totals('category', categories, from, to)).map((r) => ({ category: r.key, count: r.count }));
  }

  private async totals(by: 'month' | 'category', categories: string[], from: string, to: string): Promise<{ key: string; count: number }[]> {
    if (categories.length === 0) return [];
    let q = this.store.db
      .selectFrom('crime_total')
      .select([sql.ref<string>(by).as('key'), sql<string>`sum(${sql.ref('count')})`.as('n')])
      .where('category', 'in', categories)
      .where('month', '>=', from)
      .where('month', '<=', to);
    if (this.district !== undefined) q = q.where('district', '=', this.district);
    const rows = await q.groupBy(by).execute();
    return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  }

  /**
   * What reads need to know of the district's stored counts, in one statement: which categories
   * it stores any counts of by ward (one index probe per category a read can ask), and the
   * lookup its ward month totals follow. The whole store is not probed (no index leads with
   * the category): every category is taken to have counts stored by ward, and no lookup.
   */
  async facts(): Promise<CountFacts> {
    if (this.district === undefined) return { wardRowCategories: [...KNOWN_CATEGORIES], wardTotalsLookup: null };
    const pg = this.store.dialect === 'postgres';
    let n = 0;
    const param = () => (pg ? `$${++n}` : '?');
    const probes = KNOWN_CATEGORIES.map((_, i) => `exists (select 1 from "crime_count" where "district" = ${param()} and "category" = ${param()} and "area_type" = 'ward') as "c${i}"`);
    const lookup = `(select "fingerprint" from "ward_lookup_fingerprint" where "district" = ${param()}) as "lookup"`;
    const params = [...KNOWN_CATEGORIES.flatMap((c) => [this.district!, c]), this.district];
    const { rows } = await this.store.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`select ${probes.join(', ')}, ${lookup}`, params));
    const row = rows[0];
    return {
      wardRowCategories: KNOWN_CATEGORIES.filter((_, i) => row[`c${i}`] === true || row[`c${i}`] === 1),
      wardTotalsLookup: typeof row.lookup === 'string' ? row.lookup : null,
    };
  }

  /**
   * Sums counts grouped by the given columns over every slice, in one statement (a UNION ALL of
   * one grouped select per slice and IN-list chunk) whose text is built once per shape: a ward's
   * series is one round trip, with no query building on the way. Rows of 'ward-total' slices
   * are wards' ('ward').
   */
  private async grouped(slices: AreaSlice[], categories: string[], by: GroupColumn[]): Promise<GroupedRow[]> {
    if (categories.length === 0) return [];
    const parts = slices.flatMap((slice) => codeChunks(slice.codes).map((codes) => ({ slice, codes })));
    const out: GroupedRow[] = [];
    for (const statement of packParts(parts, categories.length)) {
      const text = readText(this.store.dialect === 'postgres', this.district !== undefined, by, categories.length, statement);
      const params: string[] = [];
      for (const { slice, codes } of statement) {
        if (this.district !== undefined) params.push(this.district);
        params.push(...categories);
        if (slice.areaType !== 'ward-total') params.push(slice.areaType);
        params.push(slice.from, slice.to);
        if (codes) params.push(...codes);
      }
      const { rows } = await this.store.db.executeQuery<RawGroupedRow>(CompiledQuery.raw(text, params));
      for (const r of rows) {
        const areaType = statement[Number(r.s)].slice.areaType;
        out.push({ areaType: areaType === 'lsoa' ? 'lsoa' : 'ward', month: r.month, area_code: r.area_code, category: r.category, n: Number(r.n) });
      }
    }
    return out;
  }
}

type GroupColumn = 'month' | 'area_code' | 'category';
interface GroupedRow {
  areaType: 'lsoa' | 'ward';
  month: string;
  area_code: string;
  category: string;
  n: number;
}
type RawGroupedRow = Omit<GroupedRow, 'areaType' | 'n'> & { s: number | string; n: number | string };
interface ReadPart {
  slice: AreaSlice;
  codes: string[] | null;
}

/** Bound parameters per read statement, well under SQLite's limit and PostgreSQL's. */
const READ_PARAMS = IN_CHUNK + 1000;

/** Packs slice parts into as few statements as the parameter bound allows (nearly always one). */
function packParts(parts: ReadPart[], categories: number): ReadPart[][] {
  const out: ReadPart[][] = [];
  let cur: ReadPart[] = [];
  let params = 0;
  for (const part of parts) {
    const n = categories + 4 + (part.codes?.length ?? 0);
    if (cur.length > 0 && params + n > READ_PARAMS) {
      out.push(cur);
      cur = [];
      params = 0;
    }
    cur.push(part);
    params += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Statement texts by shape; the shapes are few (a handful of IN-list lengths per district), the bound is a safeguard. */
const readTexts = new Map<string, string>();
const READ_TEXTS_MAX = 1000;

/**
 * The text of a grouped read over these parts; each part's rows carry its index as `s`.
 * Parameters, per part: the district (when read by district), the categories, the area type
 * (not for ward totals), the first and last month, then the part's codes.
 */
function readText(pg: boolean, byDistrict: boolean, by: GroupColumn[], categories: number, parts: ReadPart[]): string {
  const key = `${pg}|${byDistrict}|${by.join(',')}|${categories}|${parts.map((p) => `${p.slice.areaType === 'ward-total' ? 't' : 'c'}${p.codes?.length ?? '*'}`).join(',')}`;
  let text = readTexts.get(key);
  if (text) return text;
  let n = 0;
  const param = () => (pg ? `$${++n}` : '?');
  const list = (count: number) => Array.from({ length: count }, param).join(', ');
  text = parts
    .map((p, i) => {
      const totals = p.slice.areaType === 'ward-total';
      const area = totals ? '"ward"' : '"area_code"';
      const cols = by.map((c) => (c === 'area_code' ? area : `"${c}"`));
      const select = by.map((c, k) => (c === 'area_code' && totals ? `${cols[k]} as "area_code"` : cols[k])).join(', ');
      // Placeholders numbered in the order they appear (PostgreSQL's are numbered).
      let where = byDistrict ? `"district" = ${param()} and ` : '';
      where += `"category" in (${list(categories)})`;
      if (!totals) where += ` and "area_type" = ${param()}`;
      where += ` and "month" >= ${param()} and "month" <= ${param()}`;
      const codes = p.codes ? ` and ${area} in (${list(p.codes.length)})` : '';
      return `select ${i} as "s", ${select}, sum("count") as "n" from ${totals ? '"crime_ward_total"' : '"crime_count"'} where ${where}${codes} group by ${cols.join(', ')}`;
    })
    .join(' union all ');
  if (readTexts.size >= READ_TEXTS_MAX) readTexts.delete(readTexts.keys().next().value as string);
  readTexts.set(key, text);
  return text;
}

/** Splits a code list into IN-list-sized parts; 'all' is one unfiltered part (null). */
function codeChunks(codes: string[] | 'all'): (string[] | null)[] {
  if (codes === 'all') return [null];
  if (codes.length === 0) return [];
  return chunk(codes, IN_CHUNK);
}
