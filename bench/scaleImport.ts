/**
 * One police.uk import for bench/scale.ts, in a process of its own so that its peak memory is
 * its own: argv = database URL, served district, [--all-forces,] then the street files or
 * archives. Prints JSON.
 */
import { FakeClock } from '../src/core/clock';
import { importPoliceCsv } from '../src/sources/policeCsv';
import { knownPacks } from '../src/store/areaRegistry';
import { openStore } from '../src/store/db';

async function main(): Promise<void> {
  const [url, area, ...rest] = process.argv.slice(2);
  const allForces = rest[0] === '--all-forces';
  const files = allForces ? rest.slice(1) : rest;
  const store = openStore(url);
  try {
    const packs = await knownPacks(store);
    const pack = packs.find((p) => p.district.code === area)!;
    const t0 = process.hrtime.bigint();
    const summary = await importPoliceCsv({ store, pack, clock: new FakeClock('2025-01-01T00:00:00Z') }, files, allForces ? { forces: 'all' } : {});
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(`${JSON.stringify({ ms, rows: summary.rows, kept: summary.kept, districts: summary.districts?.length ?? 0, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    await store.close();
  }
}

void main();
