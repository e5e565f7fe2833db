import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { ALL_CRIME_SLUGS } from '../domain/crime/categories';
import type { Store } from './db';
import type { Schema } from './schema';
import { bumpDataVersion } from './dataVersions';

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
import { ALL_CRIME_KEY, AreaSlice, CrimeCounts, ImportRecord } from '../domain/crime/counts';
export { ALL_CRIME_KEY };
export type { AreaSlice, ImportRecord };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ALL_CRIME = new Set(ALL_CRIME_SLUGS);
/** Rows per INSERT: 6 values each stays well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;
/** Codes per IN list, for the same reason. */
const IN_CHUNK = 5000;

type Db = Kysely<Schema>;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function checkImport(imp: MonthImport): void {
  if (!MONTH.test(imp.month)) throw new Error(`month must be YYYY-MM, got "${imp.month}"`);
  if (!['police.uk', 'demo', 'local'].includes(imp.source)) throw new Error(`unknown source "${imp.source}"`);
}

/** Sums duplicate (area, category) rows and checks each; throws on the first bad row. */
function aggregate(imp: MonthImport, rows: CrimeCountRow[]): Map<string, CrimeCountRow> {
  const sums = new Map<string, CrimeCountRow>();
  for (const [i, r] of rows.entries()) {
    if (r.areaType !== 'lsoa' && r.areaType !== 'ward') throw new Error(`${imp.month} row ${i + 1}: area type must be lsoa or ward`);
    if (!r.areaCode) throw new Error(`${imp.month} row ${i + 1}: area code is empty`);
    if (!r.category || r.category === ALL_CRIME_KEY) throw new Error(`${imp.month} row ${i + 1}: category "${r.category}" is not allowed`);
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

async function writeMonth(trx: Db, imp: MonthImport, rows: CrimeCountRow[]): Promise<void> {
  checkImport(imp);
  const sums = aggregate(imp, rows);
  const scoped = imp.source === 'local';
  const scope = scoped ? [...new Set([...rows.map((r) => r.category), ...(imp.categories ?? [])])] : null;
  let del = trx.deleteFrom('crime_count').where('source', '=', imp.source).where('month', '=', imp.month);
  if (scope) del = del.where('category', 'in', scope.length > 0 ? scope : ['\u0000']);
  await del.execute();
  let delImp = trx.deleteFrom('crime_import').where('source', '=', imp.source).where('month', '=', imp.month);
  if (scope) delImp = delImp.where('scope', 'in', scope.length > 0 ? scope : ['\u0000']);
  await delImp.execute();
  const values = [...sums.values()]
    .filter((r) => r.count > 0)
    .map((r) => ({ source: imp.source, month: imp.month, area_type: r.areaType, area_code: r.areaCode, category: r.category, count: r.count }));
  for (const part of chunk(values, INSERT_CHUNK)) await trx.insertInto('crime_count').values(part).execute();
  const records = (scope ?? ['*']).map((s) => ({
    source: imp.source,
    month: imp.month,
    scope: s,
    origin: imp.origin,
    imported_at: imp.importedAt,
    records: imp.records,
    as_of: imp.asOf ?? null,
    source_name: imp.sourceName ?? null,
  }));
  if (records.length > 0) await trx.insertInto('crime_import').values(records).execute();
  await bumpDataVersion(trx, 'crime');
}

/**
 * Monthly crime counts per area and category, by source. Writes replace whole months so that
 * a re-supplied month never double-counts; reads aggregate in SQL.
 */
export class CrimeRepo implements CrimeCounts {
  constructor(private readonly store: Store) {}

  /** Replaces one month of one source (see MonthImport.categories for local extracts) in one transaction. */
  async replaceMonth(imp: MonthImport, rows: CrimeCountRow[]): Promise<void> {
    await this.store.db.transaction().execute((trx) => writeMonth(trx, imp, rows));
  }

  /** Replaces several months in ONE transaction: a whole file lands, or nothing does. */
  async replaceMonths(batch: { imp: MonthImport; rows: CrimeCountRow[] }[]): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      for (const { imp, rows } of batch) await writeMonth(trx, imp, rows);
    });
  }

  /**
   * Refreshes the planner's statistics (and on PostgreSQL the visibility map, so that series and
   * rankings are answered from the covering indexes alone). Worth calling after a large import;
   * PostgreSQL's autovacuum gets there too, later. Not inside a transaction.
   */
  async analyze(): Promise<void> {
    if (this.store.dialect === 'postgres') await sql`vacuum (analyze) crime_count, crime_import`.execute(this.store.db);
    else await sql`analyze`.execute(this.store.db);
  }

  /** Months of a source recorded as completely imported, oldest first. */
  async completeMonths(source: string): Promise<string[]> {
    const rows = await this.store.db.selectFrom('crime_import').select('month').distinct().where('source', '=', source).orderBy('month').execute();
    return rows.map((r) => r.month);
  }

  /** Whether the store holds the demo dataset, real data, or nothing. Demo wins if both are somehow present. */
  async datasetKind(): Promise<'empty' | 'demo' | 'real'> {
    const rows = await this.store.db.selectFrom('crime_import').select('source').distinct().execute();
    if (rows.some((r) => r.source === 'demo')) return 'demo';
    return rows.length > 0 ? 'real' : 'empty';
  }

  /** Removes every demo figure (before a real import). */
  async clearDemo(): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('crime_count').where('source', '=', 'demo').execute();
      await trx.deleteFrom('crime_import').where('source', '=', 'demo').execute();
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
    let q = this.store.db.selectFrom('crime_import').select((eb) => eb.fn[fn]<string>('month').as('m'));
    if (source !== undefined) q = q.where('source', 'in', Array.isArray(source) ? source : [source]);
    if (scope !== undefined) q = q.where('scope', 'in', scope);
    const row = await q.executeTakeFirst();
    return row?.m ?? null;
  }

  /** Import records, newest month first; filtered by source and scope when given. */
  async imports(filter: { source?: string[]; scope?: string[] } = {}): Promise<ImportRecord[]> {
    let q = this.store.db.selectFrom('crime_import').selectAll();
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
    const rows = await this.store.db
      .selectFrom('crime_count')
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
    const row = await this.store.db.selectFrom('crime_count').select('category').where('category', '=', category).limit(1).executeTakeFirst();
    if (row) return true;
    // A loaded extract may hold only zeros for a measure, which are not stored as counts.
    const imp = await this.store.db.selectFrom('crime_import').select('scope').where('scope', '=', category).limit(1).executeTakeFirst();
    return imp !== undefined;
  }

  /** Whether any count at all is stored in these slices (any category). */
  async anyRows(slices: AreaSlice[]): Promise<boolean> {
    for (const slice of slices) {
      for (const codes of codeChunks(slice.codes)) {
        let q = this.store.db
          .selectFrom('crime_count')
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
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
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

  /**
   * Sums counts grouped by the given columns, one query per slice (and per IN-list chunk), run
   * side by side: on PostgreSQL they go out on separate pooled connections at once.
   */
  private async grouped(
    slices: AreaSlice[],
    categories: string[],
    by: ('month' | 'area_code' | 'category')[],
  ): Promise<{ areaType: 'lsoa' | 'ward'; month: string; area_code: string; category: string; n: number }[]> {
    if (categories.length === 0) return [];
    const queries = slices.flatMap((slice) =>
      codeChunks(slice.codes).map(async (codes) => {
        let q = this.store.db
          .selectFrom('crime_count')
          .select([...by, sql<string>`sum(${sql.ref('count')})`.as('n')])
          .where('category', 'in', categories)
          .where('area_type', '=', slice.areaType)
          .where('month', '>=', slice.from)
          .where('month', '<=', slice.to);
        if (codes) q = q.where('area_code', 'in', codes);
        const rows = (await q.groupBy(by).execute()) as unknown as { month: string; area_code: string; category: string; n: string | number }[];
        return rows.map((r) => ({ ...r, areaType: slice.areaType, n: Number(r.n) }));
      }),
    );
    return (await Promise.all(queries)).flat();
  }
}

/** Splits a code list into IN-list-sized parts; 'all' is one unfiltered part (null). */
function codeChunks(codes: string[] | 'all'): (string[] | null)[] {
  if (codes === 'all') return [null];
  if (codes.length === 0) return [];
  return chunk(codes, IN_CHUNK);
}
