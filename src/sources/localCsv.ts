import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import type { AreaPack } from '../domain/areas/pack';
import { wardSetFor } from '../domain/areas/resolve';
import { LOCAL_MEASURES } from '../domain/crime/categories';
import { CrimeCountRow, CrimeRepo, MonthImport } from '../store/crimeRepo';
import type { Store } from '../store/db';
import { ImportRefused, MonthChange, RowProblem, ShrinkRefused, shrinking } from './policeCsv';
import { MAX_RECORD_LENGTH, NOT_UTF8 } from './csvRecords';

/** The layout of a force or analyst extract (../shared/notes/police-uk.md). */
export const LOCAL_COLUMNS = ['month', 'area_type', 'area_code', 'area_name', 'measure', 'count', 'source', 'extracted_on'] as const;

/** A local extract that cannot be loaded: every problem found, by line. Nothing was written. */
export class LocalCsvRefused extends ImportRefused {
  constructor(
    file: string,
    readonly problems: RowProblem[],
    total = problems.length,
  ) {
    super(
      `not loaded, ${total} problem${total === 1 ? '' : 's'}:\n${problems.map((p) => `  line ${p.line}: ${p.reason}`).join('\n')}${total > problems.length ? `\n  … and ${total - problems.length} more` : ''}`,
      file,
    );
    this.name = 'LocalCsvRefused';
  }
}

export interface LocalCsvSummary {
  file: string;
  rows: number;
  months: { month: string; rows: number; measures: string[] }[];
  measures: string[];
  sources: string[];
  asOf: string;
  /** Areas with a count per month and measure, before and after. */
  changes: MonthChange[];
}

const measureBySlugOrName = new Map<string, string>();
for (const m of LOCAL_MEASURES) {
  measureBySlugOrName.set(m.slug, m.slug);
  measureBySlugOrName.set(m.name.toLowerCase(), m.slug);
}

const validDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const rowSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM'),
  area_type: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['lsoa', 'ward'], { message: 'area_type must be lsoa or ward' })),
  area_code: z.string().min(1, 'area_code is empty'),
  area_name: z.string(),
  measure: z.string().transform((v, ctx) => {
    const slug = measureBySlugOrName.get(v.trim().toLowerCase());
    if (!slug) {
      ctx.addIssue({ code: 'custom', message: `measure "${v}" is not one of ${LOCAL_MEASURES.map((m) => m.slug).join(', ')}` });
      return z.NEVER;
    }
    return slug;
  }),
  count: z.string().regex(/^\d+$/, 'count must be a whole number ≥ 0').transform(Number),
  source: z.string().min(1, 'source is empty'),
  extracted_on: z.string().refine(validDate, 'extracted_on must be a date YYYY-MM-DD'),
});

type LocalRow = z.infer<typeof rowSchema>;

const MAX_PROBLEMS = 50;

/**
 * `csp import local-csv`: loads a force or analyst extract of measures police.uk does not publish.
 * The whole file is checked first; any bad row refuses it with every problem listed, and nothing
 * is written. Each month it holds replaces, for the measures it carries, the earlier extract.
 */
export async function importLocalCsv(
  deps: { store: Store; pack: AreaPack; clock: Clock },
  path: string,
  options: { beforeWrite?: () => Promise<void>; replace?: boolean; maxRecordLength?: number } = {},
): Promise<LocalCsvSummary> {
  const file = basename(path);
  try {
    await access(path);
  } catch {
    throw new ImportRefused('cannot be read (no such file?)', path);
  }
  const lsoas = new Set(deps.pack.lsoas.map((l) => l.code));
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, reason: string) => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS) problems.push({ file, line, reason });
  };
  const rows: LocalRow[] = [];
  const seen = new Map<string, number>();
  const typeOf = new Map<string, { type: string; line: number }>();

  const parser = createReadStream(path).pipe(
    // max_record_size keeps memory bounded: a record longer than any extract's is refused, not held.
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: options.maxRecordLength ?? MAX_RECORD_LENGTH }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((c) => c.toLowerCase());
        const missing = LOCAL_COLUMNS.filter((c) => !header!.includes(c));
        if (missing.length > 0) {
          throw new ImportRefused(`is not a local extract: the header must be ${LOCAL_COLUMNS.join(',')} (missing ${missing.join(', ')})`, file);
        }
        continue;
      }
      const line = info.lines;
      if (record.some((f) => f.includes('\uFFFD'))) {
        problem(line, NOT_UTF8);
        continue;
      }
      if (record.length !== header.length) {
        problem(line, `has ${record.length} fields, expected ${header.length}`);
        continue;
      }
      const raw = Object.fromEntries(header.map((h, i) => [h, record[i]]));
      const parsed = rowSchema.safeParse(raw);
      if (!parsed.success) {
        problem(line, parsed.error.issues.map((i) => i.message).join('; '));
        continue;
      }
      const row = parsed.data;
      if (row.area_type === 'lsoa' && !lsoas.has(row.area_code)) {
        problem(line, `LSOA ${row.area_code} is not in ${deps.pack.district.name}`);
        continue;
      }
      if (row.area_type === 'ward') {
        const set = wardSetFor(deps.pack, row.month);
        if (!set.wards.some((w) => w.code === row.area_code)) {
          problem(line, `ward ${row.area_code} is not a ${deps.pack.district.name} ward in ${row.month} (wards of ${set.id})`);
          continue;
        }
      }
      const key = `${row.month}|${row.area_type}|${row.area_code}|${row.measure}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem(line, `repeats line ${earlier} (${row.month}, ${row.area_code}, ${row.measure})`);
        continue;
      }
      seen.set(key, line);
      // One kind of area per month and measure, or ward figures would be counted on top of LSOA ones.
      const kindKey = `${row.month}|${row.measure}`;
      const kind = typeOf.get(kindKey);
      if (kind && kind.type !== row.area_type) {
        problem(line, `${row.measure} for ${row.month} is given by ${kind.type} on line ${kind.line} and by ${row.area_type} here: use one`);
        continue;
      }
      if (!kind) typeOf.set(kindKey, { type: row.area_type, line });
      rows.push(row);
    }
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportRefused(`has a record longer than ${Math.round((options.maxRecordLength ?? MAX_RECORD_LENGTH) / 1024)} KB, so it is not an extract (or it is damaged); nothing was changed`, file);
    }
    throw new ImportRefused(`is not readable CSV (${(e as Error).message})`, file);
  }
  if (!header) throw new ImportRefused('is empty', file);
  if (problemCount > 0) throw new LocalCsvRefused(file, problems, problemCount);
  if (rows.length === 0) throw new ImportRefused('has a header but no rows', file);

  const byMonth = new Map<string, LocalRow[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const importedAt = deps.clock.now().toISOString();
  const batch: { imp: MonthImport; rows: CrimeCountRow[] }[] = [...byMonth]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => ({
      imp: {
        source: 'local',
        month,
        origin: file,
        importedAt,
        records: list.length,
        asOf: list.map((r) => r.extracted_on).sort().pop(),
        sourceName: [...new Set(list.map((r) => r.source))].join('; '),
        categories: [...new Set(list.map((r) => r.measure))],
      },
      rows: list.map((r) => ({ areaType: r.area_type, areaCode: r.area_code, category: r.measure, count: r.count })),
    }));
  // A month's measure is not replaced by markedly fewer areas than it holds (a cut-off or partial extract) without --replace.
  const repo = new CrimeRepo(deps.store);
  const held = await repo.rowCounts('local', batch.map((b) => b.imp.month));
  const changes: MonthChange[] = [];
  for (const b of batch) {
    for (const measure of b.imp.categories ?? []) {
      const before = held.get(`${b.imp.month}|${measure}`);
      changes.push({ month: `${b.imp.month} ${measure}`, before: before ?? null, after: b.rows.filter((r) => r.category === measure && r.count > 0).length });
    }
  }
  const shrunk = shrinking(changes);
  if (shrunk.length > 0 && !options.replace) throw new ShrinkRefused(changes, shrunk);
  await options.beforeWrite?.();
  await repo.replaceMonths(batch);

  return {
    file,
    rows: rows.length,
    months: batch.map((b) => ({ month: b.imp.month, rows: b.imp.records, measures: b.imp.categories ?? [] })),
    measures: [...new Set(rows.map((r) => r.measure))].sort(),
    sources: [...new Set(rows.map((r) => r.source))].sort(),
    asOf: rows.map((r) => r.extracted_on).sort().pop()!,
    changes,
  };
}
