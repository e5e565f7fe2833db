/**
 * `npm run bench:data`: how fast police.uk data comes in.
 *  1. Import of a generated 500,000-row street-level CSV against SQLite's own `sqlite3 .import`
 *     of the same file (target: at least half its rate), with the peak RSS (target: < 300 MB).
 *  2. Sync of 19 wards × 12 months from the fake police.uk server at its real limit (15/s,
 *     bursts 30): the rate achieved (target: ≥ 90 % of the limit) and requests refused (target: 0).
 * Prints its figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { FakeClock } from '../src/core/clock';
import { chesterfieldPack } from '../src/domain/areas/chesterfield';
import { POLICE_CATEGORIES } from '../src/domain/crime/categories';
import { readBoundaryFile } from '../src/sources/boundaries';
import { importPoliceCsv, STREET_COLUMNS } from '../src/sources/policeCsv';
import { PoliceUkClient } from '../src/sources/policeUk/client';
import { POLICE_RATE_LIMIT } from '../src/sources/policeUk/limiter';
import { syncPolice } from '../src/sources/sync';
import { migrate, openStore } from '../src/store/db';
import { FakePoliceUk, FakeWard, gridWards } from '../test/support/fakePoliceUk';

const ROWS = Number(process.env.BENCH_ROWS ?? 500_000);
const clock = new FakeClock('2021-03-01T09:00:00Z');

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** A street-level CSV shaped like a force's monthly files: mostly the district's LSOAs, some neighbours', some unmapped. */
async function writeStreetCsv(path: string, rows: number): Promise<void> {
  const lsoas = chesterfieldPack.lsoas.map((l) => l.code);
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  out.write(`${STREET_COLUMNS.join(',')}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const month = `20${18 + Math.floor((i % 36) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const cat = POLICE_CATEGORIES[Math.floor(rnd() * POLICE_CATEGORIES.length)];
    const r = rnd();
    const lsoa = r < 0.9 ? lsoas[Math.floor(rnd() * lsoas.length)] : r < 0.99 ? `E0101${String(Math.floor(rnd() * 9000)).padStart(4, '0')}` : '';
    const id = cat.slug === 'anti-social-behaviour' ? '' : (i * 2654435761 >>> 0).toString(16).padStart(64, '0');
    const located = lsoa !== '';
    buf +=
      `${id},${month},Derbyshire Constabulary,Derbyshire Constabulary,${located ? (-1.4 - rnd() * 0.05).toFixed(6) : ''},${located ? (53.2 + rnd() * 0.08).toFixed(6) : ''},` +
      `${located ? 'On or near Example Street' : 'No Location'},${lsoa},${located ? 'Chesterfield 001A' : ''},${cat.csvName},${id ? 'Investigation complete; no suspect identified' : ''},\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function benchImport(dir: string): Promise<void> {
  // Three years in one file: named for no month (a file named for one is refused if it holds others).
  const csv = join(dir, 'derbyshire-street-2018-2020.csv');
  await writeStreetCsv(csv, ROWS);
  console.log(`Street-level CSV: ${ROWS.toLocaleString('en-GB')} rows, ${mb(statSync(csv).size)}`);

  let sqliteRate: number | null = null;
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.status === 0) {
    const dbPath = join(dir, 'sqlite-import.db');
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sqlite3', [dbPath], { input: `.mode csv\n.import '${csv}' street\n`, encoding: 'utf8' });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) console.log(`sqlite3 .import failed: ${r.stderr}`);
    else {
      sqliteRate = ROWS / secs;
      console.log(`sqlite3 .import:        ${secs.toFixed(2)} s  ${Math.round(sqliteRate).toLocaleString('en-GB')} rows/s`);
    }
  } else {
    console.log('sqlite3 is not installed: no baseline (install the sqlite3 command-line shell).');
  }

  const store = openStore(`sqlite:${join(dir, 'csp.sqlite')}`);
  await migrate(store);
  const t0 = process.hrtime.bigint();
  const summary = await importPoliceCsv({ store, pack: chesterfieldPack, clock }, [csv]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  await store.close();
  const ours = ROWS / secs;
  console.log(`csp import police-csv:  ${secs.toFixed(2)} s  ${Math.round(ours).toLocaleString('en-GB')} rows/s  (kept ${summary.kept.toLocaleString('en-GB')} in the district, ${summary.months.length} months)`);
  if (sqliteRate) console.log(`Ratio (csp / sqlite3):  ${(ours / sqliteRate).toFixed(2)}  (target ≥ 0.50)`);
  console.log(`Peak RSS of this process so far: ${mb(process.resourceUsage().maxRSS * 1024)}  (target < 300 MB)`);
}

async function benchSync(): Promise<void> {
  const codes = chesterfieldPack.wardSets.find((s) => s.id === '2015-2023')!.wards.map((w) => w.code);
  const real = join(__dirname, '../../shared/data/boundaries/chesterfield-wards-2015-2023.geojson');
  const wards: FakeWard[] = existsSync(real)
    ? (await readBoundaryFile(real, 'ward')).map((w) => ({ code: w.code, geometry: w.geometry }))
    : gridWards(codes);
  const months = Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`);
  const fake = await FakePoliceUk.start({ generated: { wards, months, perWardMonth: 40 }, rateLimit: { ...POLICE_RATE_LIMIT } });
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-sync-'));
  const store = openStore(`sqlite:${join(dir, 'csp.sqlite')}`);
  await migrate(store);
  const client = new PoliceUkClient({ baseUrl: fake.url });
  try {
    const t0 = Date.now();
    const summary = await syncPolice({ store, clock, pack: chesterfieldPack, client, boundaries: wards }, { from: months[0], to: months[11] });
    const secs = (Date.now() - t0) / 1000;
    const crimeRequests = fake.requests.filter((r) => r.path.startsWith('crimes-street/'));
    const all = fake.requests.length;
    const first = fake.requests[0].at;
    const last = fake.requests[all - 1].at;
    const rate = all / Math.max(0.001, (last - first) / 1000);
    console.log(`\nSync 19 wards × 12 months from the fake police.uk (limit ${POLICE_RATE_LIMIT.perSecond}/s, bursts ${POLICE_RATE_LIMIT.burst}):`);
    console.log(`  ${summary.months} months, ${summary.crimes.toLocaleString('en-GB')} crimes, ${crimeRequests.length} crime requests (${all} in all) in ${secs.toFixed(1)} s`);
    console.log(`  Rate: ${rate.toFixed(2)} requests/s = ${((rate / POLICE_RATE_LIMIT.perSecond) * 100).toFixed(0)} % of the limit (target ≥ 90 %)`);
    // Steady-state rate, leaving out the opening burst the bucket allows.
    const steady = crimeRequests.slice(POLICE_RATE_LIMIT.burst);
    if (steady.length > 1) {
      const steadyRate = (steady.length - 1) / ((steady[steady.length - 1].at - steady[0].at) / 1000);
      console.log(`  After the opening burst: ${steadyRate.toFixed(2)} requests/s = ${((steadyRate / POLICE_RATE_LIMIT.perSecond) * 100).toFixed(0)} %`);
    }
    console.log(`  Requests over the limit (429): ${fake.counters.rateLimited} (target 0); retries: ${summary.retries}; failed months: ${summary.failed.length}`);
  } finally {
    await client.close();
    await store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-data-'));
  try {
    await benchImport(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await benchSync();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
