/*
 * Query speed at force scale: 1,000 LSOAs × 36 months × 14 categories of generated counts, on
 * SQLite and (given CSP_TEST_DATABASE_URL or --pg <url>) PostgreSQL. Prints p50 and p99 for a
 * ward's 36-month series of one category and for a district-wide ranking of the wards.
 *   npm run bench:queries [-- --pg postgres://postgres@127.0.0.1:5432/test] [-- --runs 300]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { AreaPack, AreaRef } from '../src/domain/areas/pack';
import { POLICE_CATEGORIES } from '../src/domain/crime/categories';
import { CrimeQueries } from '../src/features/crime/queries';
import { addMonths, monthRange } from '../src/domain/crime/periods';
import { mulberry32 } from '../src/demo/crimeGenerator';
import { CrimeCountRow, CrimeRepo } from '../src/store/crimeRepo';
import { migrate, openStore, Store } from '../src/store/db';

const LSOAS = 1000;
const LSOAS_PER_WARD = 20;
const MONTHS = monthRange('2021-02', '2024-01');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function forcePack(): AreaPack {
  const lsoas = Array.from({ length: LSOAS }, (_, i) => ({ code: `E01${String(i).padStart(6, '0')}`, name: `Force ${i}`, population: 1500 }));
  const wards = Array.from({ length: LSOAS / LSOAS_PER_WARD }, (_, i) => ({ code: `E05${String(i).padStart(6, '0')}`, name: `Ward ${i}` }));
  return {
    district: { code: 'E07999999', name: 'Force area', aliases: [] },
    policeForce: 'bench',
    wardSets: [
      {
        id: 'bench',
        from: '2015-05-07',
        to: null,
        wards,
        lookup: lsoas.map((l, i) => ({ lsoa: l.code, ward: wards[Math.floor(i / LSOAS_PER_WARD)].code, share: 1 })),
      },
    ],
    lsoas,
    groups: [],
    wardAliases: {},
  };
}

async function load(store: Store, pack: AreaPack): Promise<number> {
  const rand = mulberry32(42);
  const repo = new CrimeRepo(store, pack.district.code);
  const started = Date.now();
  for (const month of MONTHS) {
    const rows: CrimeCountRow[] = [];
    // Every cell present (count ≥ 1), so the table holds the full 504,000 rows.
    for (const l of pack.lsoas) for (const c of POLICE_CATEGORIES) rows.push({ areaType: 'lsoa', areaCode: l.code, category: c.slug, count: 1 + Math.floor(rand() * 12) });
    await repo.replaceMonth({ source: 'police.uk', month, district: pack.district.code, origin: 'bench', importedAt: new Date().toISOString(), records: rows.length }, rows);
  }
  await repo.analyze();
  return Date.now() - started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Wall-clock percentiles, and this process's CPU time per call (less disturbed by other load on the machine). */
async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; cpu: number }> {
  for (let i = 0; i < 20; i++) await work(i); // warm-up
  const took: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work(i);
    took.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const cpu = process.cpuUsage(cpuStart);
  took.sort((a, b) => a - b);
  return { p50: percentile(took, 50), p99: percentile(took, 99), cpu: (cpu.user + cpu.system) / 1000 / runs };
}

async function bench(name: string, store: Store, runs: number): Promise<void> {
  const pack = forcePack();
  await migrate(store);
  console.log(`${name}: loading ${LSOAS} LSOAs × ${MONTHS.length} months × ${POLICE_CATEGORIES.length} categories…`);
  const ms = await load(store, pack);
  console.log(`${name}: loaded in ${(ms / 1000).toFixed(1)} s`);
  const q = new CrimeQueries(new CrimeRepo(store), pack, { suppressionThreshold: 5 });
  const wards = pack.wardSets[0].wards;
  const ward = (i: number): AreaRef => ({ ...wards[(i * 7) % wards.length], type: 'ward' });
  const category = (i: number) => POLICE_CATEGORIES[i % POLICE_CATEGORIES.length].slug;
  const last = MONTHS[MONTHS.length - 1];
  const year = { from: addMonths(last, -11), to: last };
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ['ward 36-month series, one category', (i) => q.series(ward(i), category(i), MONTHS[0], last)],
    ['district ranking of wards, one category, 12 months', (i) => q.ranking(category(i), year)],
    ['ward 36-month series, all crime', (i) => q.series(ward(i), null, MONTHS[0], last)],
    ['district ranking of wards, all crime, 12 months', () => q.ranking(null, year)],
  ];
  for (const [label, work] of cases) {
    const { p50, p99, cpu } = await time(runs, work);
    console.log(
      `${name.padEnd(10)} ${label.padEnd(52)} p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms   ` +
        `client CPU ${cpu.toFixed(2).padStart(6)} ms/call   (${runs} runs)`,
    );
  }
}

async function main(): Promise<void> {
  const runs = Number(arg('--runs') ?? 200);
  console.log(`${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures rise with other load)`);
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-'));
  const sqlite = openStore(`sqlite:${join(dir, 'bench.sqlite')}`);
  try {
    await bench('sqlite', sqlite, runs);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = arg('--pg') ?? process.env.CSP_TEST_DATABASE_URL;
  if (!pgUrl) {
    console.log('postgres: skipped (give --pg <url> or set CSP_TEST_DATABASE_URL)');
    return;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const pg = openStore(pgUrl, { schema });
  try {
    await bench('postgres', pg, runs);
  } finally {
    await pg.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
