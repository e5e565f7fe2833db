import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { basename } from 'node:path';
import type { AppDeps } from '../../features/deps';
import { AreaPackRepo } from '../../store/areaPackRepo';
import { CrimeRepo } from '../../store/crimeRepo';
import { buildPackFromFiles } from '../../sources/areaFiles';
import { packsFromLookup, readForceLookup, readPopulations } from '../../sources/onsLookup';
import { builtInPack } from '../../store/areaRegistry';
import { parsePack } from '../../domain/areas/validate';
import { withWardSet } from '../../domain/areas/wardSets';
import { readBoundaryFile, saveBoundaries, storedWardBoundaries } from '../../sources/boundaries';
import { importLocalCsv } from '../../sources/localCsv';
import { DEFAULT_WARD_SERVICE, fetchWardBoundaries } from '../../sources/ons';
import { describeChange, importPoliceCsv, PoliceCsvSummary } from '../../sources/policeCsv';
import type { WardBoundary } from '../../sources/policeUk/assign';
import { PoliceUkClient } from '../../sources/policeUk/client';
import { syncPolice, SyncProgress } from '../../sources/sync';
import { group, UsageError } from '../group';
import { withDeps, withMigratedStore, type CliRuntime } from '../runtime';

const DB_HELP = 'database URL (else DATABASE_URL)';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Figures never mix real and demo data: a real import into a demo store stops unless told to clear it. */
async function demoGuard(deps: AppDeps, clearDemo: boolean | undefined): Promise<() => Promise<void>> {
  const repo = new CrimeRepo(deps.store);
  if ((await repo.datasetKind()) !== 'demo') return async () => undefined;
  if (!clearDemo) {
    throw new UsageError(
      'This store holds the demo dataset (synthetic sample data), and figures never mix real and demo data. ' +
        'Run again with --clear-demo to remove the demo figures first, or import into another database with --db.',
    );
  }
  // Cleared only once the new data has been read and checked, just before it is written.
  return async () => {
    await repo.clearDemo();
  };
}

/** A progress bar on a terminal; plain lines (at most one per `every` units) otherwise. */
function progress(runtime: CliRuntime, label: string) {
  let bar: SingleBar | undefined;
  return {
    start(total: number, unit: string) {
      if (!runtime.interactive || total <= 0) return;
      bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {note}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
      bar.start(total, 0, { note: '' });
    },
    update(value: number | null, note: string, plainLine?: string) {
      if (bar) {
        if (value !== null) bar.update(value, { note });
      } else if (plainLine) runtime.err(plainLine);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

function printCsvSummary(runtime: CliRuntime, s: PoliceCsvSummary, district: string): void {
  for (const line of describeArchives(s)) runtime.out(line);
  runtime.out(`Read ${s.files.length} file(s), ${s.rows.toLocaleString('en-GB')} rows.`);
  if (s.changes.length) runtime.out(`Changes:\n${s.changes.map((c) => `  ${describeChange(c)}`).join('\n')}`);
  runtime.out(`Stored ${s.kept.toLocaleString('en-GB')} crimes and ASB incidents, over ${s.months.length} month(s)${s.months.length ? ` (${s.months[0].month} to ${s.months[s.months.length - 1].month})` : ''}; each district's month replaces any earlier import of that district's month.`);
  for (const d of s.districts ?? []) runtime.out(`  ${d.name} (${d.code}): ${d.records.toLocaleString('en-GB')} in ${d.months.length} month(s)`);
  runtime.out(
    `Left out: ${s.outsideArea.toLocaleString('en-GB')} that have coordinates but whose LSOA is in no district this store knows (it serves ${district}; load other districts with \`csp areas import-lookup\` to keep them), ` +
      `${s.unmapped.toLocaleString('en-GB')} with no location (no coordinates, no LSOA).`,
  );
  if (s.badRowCount > 0) {
    runtime.err(`Left out ${s.badRowCount} malformed row(s), as allowed:`);
    for (const p of s.badRows) runtime.err(`  ${p.file}, line ${p.line}: ${p.reason}`);
    if (s.badRowCount > s.badRows.length) runtime.err(`  … and ${s.badRowCount - s.badRows.length} more`);
  }
  for (const w of s.warnings) runtime.err(`Note: ${w}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --force ids (police.uk's, lower case) or --all-forces: which of an archive's files to read. */
function parseForces(ids: string[], all: boolean | undefined, files: string[]): string[] | 'all' | undefined {
  if (ids.length === 0 && !all) return undefined;
  if (ids.length > 0 && all) throw new UsageError('Give --force <id> or --all-forces, not both.');
  if (!files.some((f) => /\.zip$/i.test(f))) throw new UsageError('--force and --all-forces choose among the files of an archive (.zip); files given by name are read whatever their force.');
  if (all) return 'all';
  const bad = ids.filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*$/i.test(f));
  if (bad.length > 0) throw new UsageError(`--force takes a police.uk force id as in the archive's file names (2024-03-derbyshire-street.csv → derbyshire), got "${bad[0]}"`);
  return ids.map((f) => f.toLowerCase());
}

/** What the import read of each archive, and why those forces. */
function describeArchives(s: PoliceCsvSummary): string[] {
  const why =
    s.forceChoice.kind === 'default'
      ? `the forces of the districts this store knows, and British Transport Police (whose railway crimes fall in every force's districts); choose others with --force <id> or --all-forces`
      : s.forceChoice.kind === 'all'
        ? 'every force (--all-forces)'
        : 'as chosen with --force';
  return s.archives.map((a) => {
    const skipped = a.skipped > 0 ? `; ${a.skipped.toLocaleString('en-GB')} file(s) of ${a.held.length - a.read.length} other force(s) left unread` : '';
    return `${a.file}: read ${a.files.toLocaleString('en-GB')} street-level file(s) of ${a.read.join(', ') || 'no named force'} (${why})${skipped}.`;
  });
}

function parseCount(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

function parseMonthOption(name: string, value: string): string {
  if (!MONTH.test(value)) throw new UsageError(`${name} must be a month YYYY-MM, got "${value}"`);
  return value;
}

export function register(program: Command, runtime: CliRuntime): void {
  const imports = group(program, 'import', 'Load data from files');

  imports
    .command('police-csv <files...>')
    .description("police.uk street-level CSVs (monthly files, or police.uk's archive zip of every force's files): every district the store knows that they cover, month by month")
    .option('--force <id>', "read an archive's files of this police.uk force only (as in 2024-03-derbyshire-street.csv); give it again for more forces", collect, [])
    .option('--all-forces', "read every force's files of an archive")
    .option('--clear-demo', 'remove the demo dataset first (figures never mix real and demo data)')
    .option('--allow-bad-rows <n>', 'leave out up to this many malformed rows (each is printed); by default any refuses the import')
    .option('--replace', 'replace a month even with markedly fewer records (under 80 %) than the store holds')
    .option('--db <url>', DB_HELP)
    .action(async (files: string[], o: { db?: string; clearDemo?: boolean; allowBadRows?: string; replace?: boolean; force: string[]; allForces?: boolean }) => {
      const allowBadRows = o.allowBadRows === undefined ? 0 : parseCount('--allow-bad-rows', o.allowBadRows);
      const forces = parseForces(o.force, o.allForces, files);
      await withDeps(runtime, o.db, async (deps) => {
        const beforeWrite = await demoGuard(deps, o.clearDemo);
        const bar = progress(runtime, 'Reading');
        let lastFile = '';
        bar.start(1000, '‰');
        const summary = await importPoliceCsv(deps, files, {
          beforeWrite,
          allowBadRows,
          replace: o.replace,
          forces,
          onProgress: (p) => {
            const permille = p.bytesTotal > 0 ? Math.min(1000, Math.round((p.bytesDone / p.bytesTotal) * 1000)) : 0;
            const line = p.file !== lastFile ? `reading ${p.file}…` : undefined;
            lastFile = p.file;
            bar.update(permille, `${p.rows.toLocaleString('en-GB')} rows`, line);
          },
        }).finally(() => bar.stop());
        printCsvSummary(runtime, summary, deps.pack.district.name);
      });
    });

  imports
    .command('local-csv <file>')
    .description('A force or analyst extract (month,area_type,area_code,area_name,measure,count,source,extracted_on)')
    .option('--clear-demo', 'remove the demo dataset first (figures never mix real and demo data)')
    .option('--replace', 'replace a month\'s measure even with markedly fewer areas (under 80 %) than the store holds')
    .option('--db <url>', DB_HELP)
    .action(async (file: string, o: { db?: string; clearDemo?: boolean; replace?: boolean }) => {
      await withDeps(runtime, o.db, async (deps) => {
        const beforeWrite = await demoGuard(deps, o.clearDemo);
        const s = await importLocalCsv(deps, file, { beforeWrite, replace: o.replace });
        if (s.changes.length) runtime.out(`Changes (areas with a count):\n${s.changes.map((c) => `  ${describeChange(c).replace(/ records/g, ' areas')}`).join('\n')}`);
        runtime.out(`Loaded ${s.rows} row(s) from ${s.file}: ${s.measures.join(', ')}, ${s.months.length} month(s) (${s.months[0].month} to ${s.months[s.months.length - 1].month}), extracted by ${s.sources.join('; ')} as of ${s.asOf}.`);
        runtime.out(`Counts below ${deps.config.CSP_SUPPRESSION_THRESHOLD} are shown as "fewer than ${deps.config.CSP_SUPPRESSION_THRESHOLD}" at ward-month level.`);
      });
    });

  const sync = group(program, 'sync', 'Fetch data from APIs');
  sync
    .command('police')
    .description('Fetch street-level crimes from the police.uk API, ward by ward, month by month (resumable)')
    .requiredOption('--from <YYYY-MM>', 'first month')
    .requiredOption('--to <YYYY-MM>', 'last month')
    .option('--refresh', 'fetch months again even when already complete')
    .option('--boundaries <geojson...>', 'ward boundary files (else the boundaries stored by `csp areas import` or `csp areas fetch-boundaries`)')
    .option('--clear-demo', 'remove the demo dataset first (figures never mix real and demo data)')
    .option('--db <url>', DB_HELP)
    .action(async (o: { from: string; to: string; refresh?: boolean; boundaries?: string[]; clearDemo?: boolean; db?: string }) => {
      const from = parseMonthOption('--from', o.from);
      const to = parseMonthOption('--to', o.to);
      if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      await withDeps(runtime, o.db, async (deps) => {
        const beforeWrite = await demoGuard(deps, o.clearDemo);
        const codes = [...new Set(deps.pack.wardSets.flatMap((s) => s.wards.map((w) => w.code)))];
        let boundaries: WardBoundary[];
        if (o.boundaries?.length) {
          const read = (await Promise.all(o.boundaries.map((f) => readBoundaryFile(f, 'ward')))).flat().filter((b) => codes.includes(b.code));
          // Kept, so the next sync needs no --boundaries.
          await saveBoundaries(deps, 'ward', deps.pack.district.code, read, o.boundaries.map((f) => basename(f)).join(', '));
          boundaries = read.map((b) => ({ code: b.code, geometry: b.geometry }));
        } else {
          boundaries = (await storedWardBoundaries(deps.store, codes)).boundaries;
        }
        if (boundaries.length === 0) {
          throw new UsageError(
            `No ward boundaries for ${deps.pack.district.name}: police.uk is queried by ward polygon. ` +
              'Give --boundaries <geojson>, or load them once with `csp areas fetch-boundaries` or `csp areas import`.',
          );
        }
        await beforeWrite();
        const client = new PoliceUkClient({ baseUrl: deps.config.CSP_POLICE_API_URL });
        const bar = progress(runtime, 'Fetching');
        try {
          const summary = await syncPolice(
            { store: deps.store, clock: deps.clock, pack: deps.pack, client, boundaries },
            {
              from,
              to,
              refresh: o.refresh,
              onProgress: (e: SyncProgress) => {
                if (e.kind === 'start') bar.start(e.totalRequests, 'ward queries');
                else if (e.kind === 'ward') bar.update(e.done, `${e.month} ${e.ward}`);
                else if (e.kind === 'month') bar.update(null, '', `${e.month}: ${e.crimes} crimes stored`);
                else bar.update(null, '', `${e.month}: not complete (${e.error})`);
              },
            },
          );
          bar.stop();
          runtime.out(
            `Months fetched: ${summary.months}; crimes stored: ${summary.crimes.toLocaleString('en-GB')}; retries: ${summary.retries}; ` +
              `duplicates dropped: ${summary.duplicatesDropped}; outside the district: ${summary.outsideDropped}; records of another month turned away: ${summary.wrongMonthDropped}.`,
          );
          if (summary.skipped.length) runtime.out(`Already complete, skipped: ${summary.skipped.join(', ')} (use --refresh to fetch again).`);
          if (summary.unavailable.length) {
            runtime.err(`Not held by the API (it keeps 36 months): ${summary.unavailable.join(', ')}. Load those from the police.uk archive with \`csp import police-csv\`.`);
          }
          if (summary.failed.length) {
            for (const f of summary.failed) runtime.err(`${f.month}: ${f.error}`);
            throw new Error(`${summary.failed.length} month(s) not complete; run the same command again to resume.`);
          }
        } finally {
          bar.stop();
          await client.close();
        }
      });
    });

  const areas = group(program, 'areas', 'District areas: wards, LSOAs and their boundaries');
  areas
    .command('import')
    .description('Load another district from files: ward and LSOA boundaries (GeoJSON, ONS properties), an LSOA→ward lookup and LSOA populations (CSV)')
    .requiredOption('--wards <geojson>', 'ward boundaries (WDyyCD/WDyyNM)')
    .requiredOption('--lsoas <geojson>', 'LSOA boundaries (LSOAyyCD/LSOAyyNM)')
    .requiredOption('--lookup <csv>', 'LSOA→ward lookup (lsoa_code or LSOAyyCD, ward_code or WDyyCD, optional share)')
    .requiredOption('--population <csv>', 'LSOA populations (LSOA code and population columns)')
    .option('--code <lad>', 'local authority district code (else read from the ward file)')
    .option('--name <name>', 'district name, as members say it')
    .option('--force <id>', 'police.uk force id, e.g. derbyshire')
    .option('--wards-from <YYYY-MM-DD>', 'first day the wards were in force')
    .option('--db <url>', DB_HELP)
    .action(async (o: { wards: string; lsoas: string; lookup: string; population: string; code?: string; name?: string; force?: string; wardsFrom?: string; db?: string }) => {
      const built = await buildPackFromFiles(o, { code: o.code, name: o.name, force: o.force, wardsFrom: o.wardsFrom });
      // `csp areas …` acts on a district named by --code, which may not be imported yet: no pack is loaded.
      await withMigratedStore(runtime, o.db, async ({ store, config, clock }) => {
        const code = built.pack.district.code;
        await new AreaPackRepo(store).save({
          code,
          name: built.pack.district.name,
          packJson: JSON.stringify(built.pack),
          origin: [o.wards, o.lsoas, o.lookup, o.population].map((f) => basename(f)).join(', '),
          importedAt: clock.now().toISOString(),
        });
        await saveBoundaries({ store, clock }, 'ward', code, built.wards, basename(o.wards));
        await saveBoundaries({ store, clock }, 'lsoa', code, built.lsoas, basename(o.lsoas));
        for (const w of built.warnings) runtime.err(`Note: ${w}`);
        runtime.out(`Imported ${built.pack.district.name} (${code}): ${built.wards.length} wards, ${built.pack.lsoas.length} LSOAs, with boundaries.`);
        if (config.CSP_AREA !== code) runtime.out(`Set CSP_AREA=${code} to use it.`);
      });
    });

  areas
    .command('import-lookup <lookup>')
    .description("Load districts from ONS's LSOA (2021) → ward → local authority lookup (CSV): one district, a force's or every district in one go")
    .option('--districts <codes>', 'comma-separated district codes, e.g. E07000034,E07000033')
    .option('--all', 'every English and Welsh district in the lookup')
    .option('--police-force <id>', "every district of one police.uk force (needs --forces), e.g. derbyshire")
    .option('--population <csv>', 'LSOA populations (LSOA code and population columns; a land-area column in hectares is kept too)')
    .option('--forces <csv>', "ONS's local authority → police force area lookup (LADyyCD, PFAyyNM)")
    .option('--force <id>', 'police.uk force id for every district loaded')
    .option('--wards-from <YYYY-MM-DD>', "first day the lookup's wards were in force (default 1 May of its year)")
    .option('--db <url>', DB_HELP)
    .action(
      async (
        lookup: string,
        o: { districts?: string; all?: boolean; policeForce?: string; population?: string; forces?: string; force?: string; wardsFrom?: string; db?: string },
      ) => {
        const picks = [o.districts !== undefined, o.all === true, o.policeForce !== undefined].filter(Boolean).length;
        if (picks !== 1) throw new UsageError('Say which districts to load: --districts <codes>, --all, or --police-force <id> (with --forces).');
        if (o.policeForce && !o.forces) throw new UsageError('--police-force needs --forces <csv> (the local authority → police force area lookup).');
        if (o.wardsFrom && !/^\d{4}-\d{2}-\d{2}$/.test(o.wardsFrom)) throw new UsageError(`--wards-from must be a date YYYY-MM-DD, got "${o.wardsFrom}"`);
        const forces = o.forces ? await readForceLookup(o.forces) : undefined;
        let districts: string[] | 'all' = 'all';
        if (o.districts !== undefined) {
          districts = o.districts.split(/[\s,]+/).filter(Boolean);
          const bad = districts.filter((c) => !/^[EW]0[6-9]\d{6}$/.test(c));
          if (bad.length > 0 || districts.length === 0) throw new UsageError(`--districts must list local authority codes such as E07000034, got "${o.districts}"`);
        } else if (o.policeForce) {
          districts = [...forces!].filter(([, f]) => f === o.policeForce!.toLowerCase()).map(([c]) => c);
          if (districts.length === 0) throw new UsageError(`No district of the force "${o.policeForce}" in ${basename(o.forces!)}.`);
        }
        const populations = o.population ? await readPopulations(o.population) : undefined;
        const built = await packsFromLookup(lookup, { districts, wardsFrom: o.wardsFrom, force: o.force ?? o.policeForce }, { populations, forces });
        await withMigratedStore(runtime, o.db, async ({ store, clock }) => {
          const repo = new AreaPackRepo(store);
          const importedAt = clock.now().toISOString();
          const origin = [lookup, o.population, o.forces].filter((f): f is string => !!f).map((f) => basename(f)).join(', ');
          const merged = [];
          for (const pack of built.packs) {
            const stored = await repo.get(pack.district.code);
            const existing = stored ? parsePack(stored.packJson) : builtInPack(pack.district.code);
            // Earlier ward sets of the district are kept, each ending where the next begins.
            merged.push(withWardSet(existing, existing ? { ...pack, district: existing.district, groups: existing.groups } : pack));
          }
          await repo.saveMany(merged.map((p) => ({ code: p.district.code, name: p.district.name, packJson: JSON.stringify(p), origin, importedAt })));
          for (const w of built.warnings) runtime.err(`Note: ${w}`);
          const wards = merged.reduce((n, p) => n + p.wardSets.find((s) => s.id === built.wardSetId)!.wards.length, 0);
          const lsoas = merged.reduce((n, p) => n + p.lsoas.length, 0);
          runtime.out(
            `Loaded ${merged.length} district(s) (${merged.slice(0, 8).map((p) => p.district.name).join(', ')}${merged.length > 8 ? ', …' : ''}): ` +
              `${wards.toLocaleString('en-GB')} wards of ${built.wardSetId} in force from ${built.wardsFrom}, ${lsoas.toLocaleString('en-GB')} LSOAs.`,
          );
          runtime.out('police.uk files now fill every one of these districts they cover.');
        });
      },
    );

  areas
    .command('fetch-boundaries')
    .description('Fetch a district\'s ward boundaries from the ONS Open Geography API (CSP_ONS_API_URL) and keep them for `csp sync police`')
    .option('--code <lad>', 'local authority district code (else CSP_AREA)')
    .option('--service <name>', 'ONS FeatureServer service', DEFAULT_WARD_SERVICE)
    .option('--db <url>', DB_HELP)
    .action(async (o: { code?: string; service: string; db?: string }) => {
      // `csp areas …` acts on a district named by --code, which may not be imported yet: no pack is loaded.
      await withMigratedStore(runtime, o.db, async ({ store, config, clock }) => {
        const code = o.code ?? config.CSP_AREA;
        runtime.err(`Fetching ward boundaries of ${code} from ${o.service}…`);
        const wards = await fetchWardBoundaries({ baseUrl: config.CSP_ONS_API_URL, districtCode: code, service: o.service });
        await saveBoundaries({ store, clock }, 'ward', code, wards, `ONS ${o.service}`);
        runtime.out(`Stored ${wards.length} ward boundaries of ${code} (${o.service}).`);
      });
    });
}
