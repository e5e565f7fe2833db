/**
 * England and Wales in one store, at the speed of one district: every figure of the "Speed"
 * targets, each printed against its floor measured in the same run on the same data.
 * Run: npm run bench:scale            (a force: 9 districts, 720 LSOAs, 24 months)
 *      npm run bench:scale -- --country  (318 districts, ~35,000 LSOAs, ~7,000 wards, 12 months)
 *      npm run bench:scale -- --only reads   (some parts only, comma-separated: import, reads,
 *                                            turns, postgres; the data is generated and imported
 *                                            whatever is chosen)
 * The import is also run from one archive zip of every force's files, as police.uk publishes them.
 *
 * Floors: `sqlite3 .import` of the same CSV files (import), hand-written SQL through
 * better-sqlite3 on the same store (ward series, ward ranking), a bare botbuilder echo bot behind
 * the same server (turns, cold start), and this bot on SQLite (its PostgreSQL turn, when
 * CSP_BENCH_DATABASE_URL or a local PostgreSQL at 127.0.0.1:5432 is reachable).
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import yazl from 'yazl';
import type { AreaPack } from '../src/domain/areas/pack';
import { POLICE_CATEGORIES } from '../src/domain/crime/categories';
import { addMonths, monthRange } from '../src/domain/crime/periods';
import { CrimeQueries } from '../src/features/crime/queries';
import { STREET_COLUMNS } from '../src/sources/policeCsv';
import { AreaPackRepo } from '../src/store/areaPackRepo';
import { CrimeRepo } from '../src/store/crimeRepo';
import { migrate, openStore, Store } from '../src/store/db';
import { DataSnapshots } from '../src/store/snapshot';
import { summarise, ms } from './support';
import { alternate, fakeConnector, roundTrips, startBotProcess } from './turn';

const COUNTRY = process.argv.includes('--country');
const PARTS = ['import', 'reads', 'turns', 'postgres'] as const;
type Part = (typeof PARTS)[number];

/** The parts chosen with `--only a,b` (every part by default). */
function chosenParts(argv: string[]): Set<Part> {
  const i = argv.indexOf('--only');
  if (i < 0) return new Set(PARTS);
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes some of ${PARTS.join(', ')}, comma-separated; got "${argv[i + 1] ?? ''}"`);
  return new Set(names as Part[]);
}
const ONLY = chosenParts(process.argv);
const SIZE = COUNTRY
  ? { districts: 318, lsoasPerDistrict: 110, lsoasPerWard: 5, months: 12, districtsPerForce: 8 }
  : { districts: 9, lsoasPerDistrict: 80, lsoasPerWard: 8, months: 24, districtsPerForce: 9 };
const CRIMES_PER_LSOA_MONTH = 14;
const LAST_MONTH = '2024-12';
// Turns are measured at steady state, as bench/turn.ts does: after 200 warm-up turns both bots were
// still getting faster, this one (more code for the JIT to settle) more than the echo bot.
const TURNS = Number(process.env.BENCH_RUNS ?? 600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ash', 'Brook', 'Cliff', 'Dale', 'Elm', 'Fern', 'Glen', 'Holm', 'Ivy', 'Kirk', 'Lea', 'Moor', 'Nether', 'Oak', 'Pen', 'Rose', 'Stan', 'Thorn', 'Upper', 'Wick'];
const SECOND = ['field', 'ton', 'ley', 'bury', 'wood', 'ford', 'ham', 'well', 'by', 'thorpe', 'stead', 'worth', 'cote', 'hurst', 'mere'];
const SUFFIX = ['', ' North', ' South', ' East', ' West', ' Central', ' Park', ' Green', ' Vale', ' Hill'];

/** Synthetic districts of synthetic forces; ward names unique within a district and read like places. */
export function makePacks(): AreaPack[] {
  const packs: AreaPack[] = [];
  let lsoaNo = 0;
  for (let d = 0; d < SIZE.districts; d++) {
    const code = `E07${String(900000 + d).padStart(6, '0')}`;
    const name = `District ${d + 1}`;
    const wardCount = Math.ceil(SIZE.lsoasPerDistrict / SIZE.lsoasPerWard);
    const wards = Array.from({ length: wardCount }, (_, w) => {
      const i = w + d * 7;
      return { code: `E05${String(900000 + d * 100 + w).padStart(6, '0')}`, name: `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}${SUFFIX[Math.floor(w / 3) % SUFFIX.length]}` };
    });
    const seen = new Set<string>();
    for (const w of wards) {
      while (seen.has(w.name)) w.name = `${w.name} ${wards.indexOf(w)}`;
      seen.add(w.name);
    }
    const lsoas = Array.from({ length: SIZE.lsoasPerDistrict }, (_, l) => ({ code: `E01${String(900000 + lsoaNo++).padStart(6, '0')}`, name: `${name} ${String(l).padStart(3, '0')}`, population: 1400 + ((l * 37) % 600), hectares: 20 + ((l * 53 + d * 11) % 400) }));
    packs.push({
      district: { code, name, aliases: [name] },
      policeForce: `synthforce-${Math.floor(d / SIZE.districtsPerForce) + 1}`,
      wardSets: [{ id: '2023', from: '2000-01-01', to: null, wards, lookup: lsoas.map((l, i) => ({ lsoa: l.code, ward: wards[Math.floor(i / SIZE.lsoasPerWard)].code, share: 1 })) }],
      lsoas,
      groups: [],
      wardAliases: {},
    });
  }
  return packs;
}

/** One street-level CSV per force and month, as police.uk publishes them. */
export async function writeStreetFiles(dir: string, packs: AreaPack[], months: string[]): Promise<{ files: string[]; rows: number }> {
  const rand = mulberry32(7);
  const files: string[] = [];
  let rows = 0;
  const forces = [...new Set(packs.map((p) => p.policeForce))];
  for (const month of months) {
    for (const force of forces) {
      const path = join(dir, `${month}-${force}-street.csv`);
      const out = createWriteStream(path);
      const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
      await write(`${STREET_COLUMNS.join(',')}\n`);
      for (const p of packs.filter((x) => x.policeForce === force)) {
        for (const l of p.lsoas) {
          const n = Math.round(CRIMES_PER_LSOA_MONTH * (0.5 + rand()));
          for (let k = 0; k < n; k++) {
            const cat = POLICE_CATEGORIES[Math.floor(rand() * POLICE_CATEGORIES.length)];
            const asb = cat.slug === 'anti-social-behaviour';
            // 2 % of rows have no location and 1 % fall in an LSOA of no loaded district, as real files do.
            const r = rand();
            const lsoa = r < 0.02 ? '' : r < 0.03 ? 'E01999999' : l.code;
            await write(`${asb ? '' : (rows + 1).toString(16).padStart(16, '0')},${month},${force},${force},-1.4${k % 10},53.2${k % 10},On or near High Street,${lsoa},${lsoa ? l.name : ''},${cat.csvName},${asb ? '' : 'Under investigation'},\n`);
            rows += 1;
          }
        }
      }
      await new Promise<void>((r) => out.end(() => r()));
      files.push(path);
    }
  }
  return { files, rows };
}

function runImport(url: string, area: string, files: string[]): Promise<{ ms: number; rows: number; kept: number; districts: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'scaleImport.ts'), [url, area, ...files], { execArgv: ['--import', 'tsx', '--no-deprecation'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`import exited with ${code}`))));
  });
}

/** The files zipped as police.uk's monthly archive is: a folder per month, deflated. */
async function writeArchive(path: string, files: string[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addFile(f, `${basename(f).slice(0, 7)}/${basename(f)}`, { compressionLevel: 1 });
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject));
}

/** The same files imported from an archive of every force's files (--all-forces), into a store of their own: time and peak memory. */
async function benchArchive(dir: string, packs: AreaPack[], files: string[], floor: number | null): Promise<void> {
  const archive = join(dir, 'archive.zip');
  await writeArchive(archive, files);
  const url = `sqlite:${join(dir, 'archive.sqlite')}`;
  const store = openStore(url);
  await migrate(store);
  await savePacks(store, packs);
  await store.close();
  const imp = await runImport(url, packs[0].district.code, ['--all-forces', archive]);
  const vsFloor = floor !== null ? `, ${ratio(imp.ms, floor)} the sqlite3 floor of the files` : '';
  console.log(`  the same from one archive zip of every force's files (--all-forces): ${ms(imp.ms)}${vsFloor}; peak memory ${imp.maxRssMb.toFixed(0)} MB   (target < 300 MB)`);
  rmSync(archive, { force: true });
}

function sqliteImportFloor(dir: string, files: string[]): number | null {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const db = join(dir, 'floor.sqlite');
  const cols = STREET_COLUMNS.map((c) => `"${c}" text`).join(', ');
  execFileSync('sqlite3', [db, `create table street (${cols});`]);
  const script = files.map((f) => `.import --csv --skip 1 ${f} street`).join('\n');
  const t0 = process.hrtime.bigint();
  execFileSync('sqlite3', [db], { input: script });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function timeEach(n: number, work: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await work(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

/**
 * Times two pieces of work taking turns on the same input, after `warmup` untimed rounds: on a
 * shared machine a burst of load then falls on both alike, which timing one run after the other
 * does not give. Which goes first alternates, since the second finds the input's pages cached.
 */
async function timeInTurn(n: number, warmup: number, a: (i: number) => unknown, b: (i: number) => unknown): Promise<[number[], number[]]> {
  const out: [number[], number[]] = [[], []];
  const time = async (k: 0 | 1, i: number) => {
    const t0 = process.hrtime.bigint();
    await (k === 0 ? a : b)(i);
    if (i >= warmup) out[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  for (let i = 0; i < warmup + n; i++) {
    const first = i % 2 === 0 ? 0 : 1;
    await time(first, i);
    await time(first === 0 ? 1 : 0, i);
  }
  return out;
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

async function postgresUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.CSP_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `csp_bench_scale_${process.pid}`;
  const c = new Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query(`create database ${name}`);
  } catch {
    await c.end().catch(() => undefined);
    return null;
  }
  await c.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

/**
 * Waits for PostgreSQL to write out what an import left in memory. It does so over minutes after a
 * large import (a checkpoint spread out in time), which would fall on the turns measured next;
 * SQLite's import ends with its checkpoint. So both stores are compared settled.
 */
async function settle(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('checkpoint');
  } catch (err) {
    console.log(`  (could not run CHECKPOINT: ${(err as Error).message}; PostgreSQL may still be writing the import out)`);
  } finally {
    await c.end();
  }
}

async function savePacks(store: Store, packs: AreaPack[]): Promise<void> {
  await new AreaPackRepo(store).saveMany(packs.map((p) => ({ code: p.district.code, name: p.district.name, packJson: JSON.stringify(p), origin: 'bench', importedAt: '2025-01-01T00:00:00Z' })));
}

/** Ward series and ward ranking vs hand-written SQL on the same store. */
async function benchReads(dir: string, url: string, packs: AreaPack[], months: string[], wards: number): Promise<void> {
  const s = openStore(url);
  const raw = new Database(join(dir, 'csp.sqlite'), { readonly: false });
  raw.exec('create table if not exists bench_lsoa_ward (lsoa text primary key, ward text not null)');
  const ins = raw.prepare('insert or replace into bench_lsoa_ward values (?, ?)');
  raw.transaction(() => {
    for (const p of packs) for (const r of p.wardSets[0].lookup) ins.run(r.lsoa, r.ward);
  })();
  const rand = mulberry32(11);
  const samples = Array.from({ length: 200 }, () => {
    const p = packs[Math.floor(rand() * packs.length)];
    const w = p.wardSets[0].wards[Math.floor(rand() * p.wardSets[0].wards.length)];
    return { p, w, lsoas: p.wardSets[0].lookup.filter((r) => r.ward === w.code).map((r) => r.lsoa) };
  });
  // As a turn reads them: at one snapshot of the data (what they learn about the data itself is read once per version).
  const snapshot = await new DataSnapshots(s).current();
  const queriesOf = new Map(packs.map((p) => [p.district.code, new CrimeQueries(new CrimeRepo(s, p.district.code), p, { suppressionThreshold: 5 }).at(snapshot)]));
  const from = months[0];
  const to = LAST_MONTH;
  const oursSeries = async (i: number) => {
    const { p, w } = samples[i % samples.length];
    return queriesOf.get(p.district.code)!.series({ code: w.code, name: w.name, type: 'ward' }, null, from, to);
  };
  const handSeries = (i: number) => {
    const { p, lsoas } = samples[i % samples.length];
    return raw
      .prepare(`select month, sum(count) n from crime_count where district = ? and category = '_all-crime' and area_type = 'lsoa' and area_code in (${lsoas.map(() => '?').join(',')}) and month between ? and ? group by month`)
      .all(p.district.code, ...lsoas, from, to);
  };
  const [ourS, handS] = (await timeInTurn(1000, 100, oursSeries, handSeries)).map(summarise);
  console.log(`\nWard series (all crime, ${months.length} months, 1,000 wards at random)`);
  console.log(`  ours p50 ${ms(ourS.p50)}  hand-written SQL p50 ${ms(handS.p50)}   ratio ${ratio(ourS.p50, handS.p50)}   (target ≤ 1.5x)`);

  const year = { from: addMonths(LAST_MONTH, -11), to: LAST_MONTH };
  const oursRank = (i: number) => queriesOf.get(packs[i % packs.length].district.code)!.ranking(null, year);
  const handRank = (i: number) =>
    raw
      .prepare(
        `select w.ward, sum(c.count) n from crime_count c join bench_lsoa_ward w on w.lsoa = c.area_code where c.district = ? and c.category = '_all-crime' and c.area_type = 'lsoa' and c.month between ? and ? group by w.ward order by n desc`,
      )
      .all(packs[i % packs.length].district.code, year.from, year.to);
  const [ourR, handR] = (await timeInTurn(300, 50, oursRank, handRank)).map(summarise);
  console.log(`\nWard ranking of a district over 12 months (its ${Math.ceil(SIZE.lsoasPerDistrict / SIZE.lsoasPerWard)} wards, districts in turn)`);
  console.log(`  ours p50 ${ms(ourR.p50)}  hand-written SQL (join to an LSOA→ward table) p50 ${ms(handR.p50)}   ratio ${ratio(ourR.p50, handR.p50)}   (target ≤ 1x)`);

  const allWards = (_: number) =>
    raw
      .prepare(`select w.ward, sum(c.count) n from crime_count c join bench_lsoa_ward w on w.lsoa = c.area_code where c.category = '_all-crime' and c.area_type = 'lsoa' and c.month between ? and ? group by w.ward order by n desc`)
      .all(year.from, year.to);
  const allW = summarise(await timeEach(5, allWards));
  console.log(`  (not a feature here, for scale: every one of the ${wards.toLocaleString('en-GB')} wards ranked by hand-written SQL: p50 ${ms(allW.p50)})`);
  raw.exec('drop table bench_lsoa_ward');
  raw.close();
  await s.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-scale-'));
  mkdirSync(join(dir, 'files'));
  const pg = ONLY.has('postgres') ? await postgresUrl() : null;
  try {
    const packs = makePacks();
    const served = packs[0];
    const months = monthRange(addMonths(LAST_MONTH, -(SIZE.months - 1)), LAST_MONTH);
    const wards = packs.reduce((n, p) => n + p.wardSets[0].wards.length, 0);
    console.log(`Scale: ${packs.length} districts, ${packs.length * SIZE.lsoasPerDistrict} LSOAs, ${wards} wards, ${months.length} months${COUNTRY ? ' (country)' : ' (a force; --country for England and Wales)'}`);
    const gen = await writeStreetFiles(join(dir, 'files'), packs, months);
    console.log(`Generated ${gen.rows.toLocaleString('en-GB')} street-level rows in ${gen.files.length} files`);

    // Import vs sqlite3 .import of the same files.
    const url = `sqlite:${join(dir, 'csp.sqlite')}`;
    const store = openStore(url);
    await migrate(store);
    await savePacks(store, packs);
    await store.close();
    const floor = ONLY.has('import') ? sqliteImportFloor(dir, gen.files) : null;
    const imp = await runImport(url, served.district.code, gen.files);
    if (ONLY.has('import')) {
      console.log('\nImport (police.uk street CSVs → every district they cover; ANALYZE included)');
      console.log(`  ours: ${ms(imp.ms)} for ${imp.rows.toLocaleString('en-GB')} rows (${imp.kept.toLocaleString('en-GB')} kept, ${imp.districts} districts filled)`);
      if (floor !== null) console.log(`  sqlite3 .import of the same files: ${ms(floor)}   ratio ${ratio(imp.ms, floor)}   (target ≤ 1.2x)`);
      else console.log('  sqlite3 CLI not found: no floor (apt-get install sqlite3)');
      console.log(`  peak memory of the import process (max RSS): ${imp.maxRssMb.toFixed(0)} MB   (target < 300 MB)`);
      await benchArchive(dir, packs, gen.files, floor);
    }

    if (ONLY.has('reads')) await benchReads(dir, url, packs, months, wards);
    if (ONLY.has('turns') || ONLY.has('postgres')) await turns(url, gen.files, packs, ONLY.has('postgres') ? pg : null);
  } finally {
    // Give the bots a moment to close their stores before the files go.
    await new Promise((r) => setTimeout(r, 500));
    await pg?.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Turns and cold start, each bot in its own process; PostgreSQL against SQLite when one is reachable. */
async function turns(url: string, files: string[], packs: AreaPack[], pg: Awaited<ReturnType<typeof postgresUrl>>): Promise<void> {
  const served = packs[0];
  const connector = await fakeConnector();
  const sqliteEnv = { BENCH_DATABASE_URL: url, BENCH_AREA: served.district.code };
  // Each bot is started three times, in turn, and its median start kept: one start of each is at
  // the mercy of whatever else the machine does (and of which process warms the disk cache first).
  const starts = { csp: [] as number[], echo: [] as number[] };
  const started = async (kind: 'csp' | 'echo') => {
    const t0 = Date.now();
    const bot = await startBotProcess(kind, kind === 'csp' ? sqliteEnv : {});
    starts[kind].push(Date.now() - t0);
    return bot;
  };
  for (let i = 0; i < 2; i++) {
    for (const kind of ['csp', 'echo'] as const) {
      const bot = await started(kind);
      bot.child.disconnect();
      await new Promise((r) => bot.child.once('exit', r));
    }
  }
  const csp = await started('csp');
  const echo = await started('echo');
  const cspStart = summarise(starts.csp).p50;
  const echoStart = summarise(starts.echo).p50;
  let pgBot: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  let sqBot: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  try {
    const wardNames = served.wardSets[0].wards.map((w) => w.name);
    const asks = ['crime trend in', 'burglary in', 'ASB in', 'violent crime trend in', 'drugs in', 'vehicle crime in', 'shoplifting in', 'criminal damage in'];
    const periods = ['', ' last year', ' in 2024', ' last 6 months', ' since March 2023', ' in 2023', ' last 3 months', ' since June 2023', ' last 12 months', ' since January 2024'];
    const fresh: string[] = [];
    for (const p of periods) for (const a of asks) for (const w of wardNames) fresh.push(`${a} ${w}${p}`);
    const same = () => `crime trend in ${wardNames[0]}`;
    await alternate([{ endpoint: csp.endpoint, question: same }, { endpoint: echo.endpoint, question: same }], connector.url, WARMUP);
    // Half the questions for SQLite's first-time turns, the other half for the PostgreSQL comparison: never asked twice.
    const n = Math.min(TURNS, Math.floor(fresh.length / 2));
    const [first, echo1] = (await alternate([{ endpoint: csp.endpoint, question: (i) => fresh[i] }, { endpoint: echo.endpoint, question: same }], connector.url, n)).map(summarise);
    const [again, echo2] = (await alternate([{ endpoint: csp.endpoint, question: same }, { endpoint: echo.endpoint, question: same }], connector.url, TURNS)).map(summarise);
    console.log(`\nWhole turns through /api/messages (store of this size, SQLite; each bot in its own process)`);
    console.log(`  first-time ward question (${n} different): p50 ${ms(first.p50)} vs echo ${ms(echo1.p50)}   ratio ${ratio(first.p50, echo1.p50)}   (target ≤ 2x)`);
    console.log(`  repeated question: p50 ${ms(again.p50)} vs echo ${ms(echo2.p50)}   ratio ${ratio(again.p50, echo2.p50)}   (target ≤ 1.2x)`);
    const freshOne = `burglary trend in ${wardNames[1]} since February 2023`;
    console.log(`  store round trips per turn: repeated ${await roundTrips(csp, connector.url, same(), true)}, first-time ${await roundTrips(csp, connector.url, freshOne)}`);
    console.log(`\nCold start (process start to listening): ours ${cspStart} ms, echo ${echoStart} ms   ratio ${ratio(cspStart, echoStart)}   (target ≤ 1.5x; median of three starts each)`);

    if (pg) {
      const ps = openStore(pg.url);
      await migrate(ps);
      await savePacks(ps, packs);
      await ps.close();
      const pgImp = await runImport(pg.url, served.district.code, files);
      await settle(pg.url);
      pgBot = await startBotProcess('csp', { BENCH_DATABASE_URL: pg.url, BENCH_AREA: served.district.code });
      // A SQLite bot as new as the PostgreSQL one: the first one has kept the figures of the questions
      // asked above, and many of those below ask for the same months in other words ("in 2024",
      // "last 12 months"), which it would answer from what it kept.
      sqBot = await startBotProcess('csp', sqliteEnv);
      await alternate([{ endpoint: pgBot.endpoint, question: same }, { endpoint: sqBot.endpoint, question: same }], connector.url, WARMUP);
      // Questions neither bot has been asked: both pay the first-time cost.
      const fresh2 = fresh.slice(n, 2 * n);
      const [pgFirst, sqFirst] = (await alternate([{ endpoint: pgBot.endpoint, question: (i) => fresh2[i] }, { endpoint: sqBot.endpoint, question: (i) => fresh2[i] }], connector.url, n)).map(summarise);
      const [pgAgain, sqAgain] = (await alternate([{ endpoint: pgBot.endpoint, question: same }, { endpoint: sqBot.endpoint, question: same }], connector.url, TURNS)).map(summarise);
      console.log(`\nPostgreSQL vs SQLite, the same bot and data (PostgreSQL import took ${ms(pgImp.ms)})`);
      console.log(`  first-time ward question: PostgreSQL p50 ${ms(pgFirst.p50)} vs SQLite ${ms(sqFirst.p50)}   ratio ${ratio(pgFirst.p50, sqFirst.p50)}   (target ≤ 1.3x)`);
      console.log(`  repeated question:        PostgreSQL p50 ${ms(pgAgain.p50)} vs SQLite ${ms(sqAgain.p50)}   ratio ${ratio(pgAgain.p50, sqAgain.p50)}   (target ≤ 1.3x)`);
      const freshPg = `burglary trend in ${wardNames[2]} since February 2023`;
      console.log(`  store round trips per turn on PostgreSQL: repeated ${await roundTrips(pgBot, connector.url, same(), true)}, first-time ${await roundTrips(pgBot, connector.url, freshPg)}`);
    } else {
      console.log('\nPostgreSQL: not reachable (set CSP_BENCH_DATABASE_URL to an admin URL): no PostgreSQL figures');
    }
  } finally {
    csp.child.disconnect();
    echo.child.disconnect();
    pgBot?.child.disconnect();
    sqBot?.child.disconnect();
    connector.server.close();
  }
}

if (require.main === module) void main();
