import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../src/core/clock';
import { envRuntime } from '../../support/cli';
import { runCli } from '../../../src/cli/main';
import { parsePack } from '../../../src/domain/areas/validate';
import { AreaPackRepo } from '../../../src/store/areaPackRepo';
import { CrimeRepo } from '../../../src/store/crimeRepo';
import { migrate, openStore } from '../../../src/store/db';
import { STREET_COLUMNS } from '../../../src/sources/policeCsv';
import { PartnershipRepo } from '../../../src/store/partnershipRepo';
import { policeForceId } from '../../../src/sources/onsLookup';

const clock = new FakeClock('2024-05-01T09:00:00Z');

const testRuntime = (env: Record<string, string>) => envRuntime({ CSP_DEMO: 'off', ...env }, clock);

// Made-up wards and LSOAs in ONS's lookup layout: two districts of one force, one of another.
const LOOKUP = [
  'LSOA21CD,LSOA21NM,WD23CD,WD23NM,LAD23CD,LAD23NM,ObjectId',
  'E01090001,Northshire 001A,E05090001,North Ward,E07090001,Northshire,1',
  'E01090002,Northshire 001B,E05090001,North Ward,E07090001,Northshire,2',
  'E01090003,Northshire 002A,E05090002,South Ward,E07090001,Northshire,3',
  'E01090011,Eastdale 001A,E05090011,East Ward,E07090002,Eastdale,4',
  'E01090021,Westmoor 001A,E05090021,West Ward,E07090003,Westmoor,5',
].join('\n');
const FORCES = ['LAD23CD,LAD23NM,PFA23CD,PFA23NM', 'E07090001,Northshire,E23000099,Testshire', 'E07090002,Eastdale,E23000099,Testshire', 'E07090003,Westmoor,E23000098,Devon & Cornwall'].join('\n');
const POPULATION = ['LSOA21CD,LSOA21NM,Population,Land Area in Hectares', 'E01090001,a,1000,50', 'E01090002,b,1500,60', 'E01090003,c,2000,900', 'E01090011,d,1200,80', 'E01090021,e,1300,70'].join('\n');

describe('csp areas import-lookup', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-cli-lookup-'));
    db = `sqlite:${join(dir, 'csp.sqlite')}`;
    writeFileSync(join(dir, 'lookup.csv'), LOOKUP);
    writeFileSync(join(dir, 'forces.csv'), FORCES);
    writeFileSync(join(dir, 'population.csv'), POPULATION);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function storedPacks() {
    const store = openStore(db);
    try {
      await migrate(store);
      const repo = new AreaPackRepo(store);
      return await Promise.all((await repo.list()).map(async (p) => parsePack((await repo.get(p.code))!.packJson)));
    } finally {
      await store.close();
    }
  }

  it("loads every district of one force in one command, with wards, LSOAs, populations and the force", async () => {
    const { runtime, out } = testRuntime({ DATABASE_URL: db });
    await runCli(['areas', 'import-lookup', join(dir, 'lookup.csv'), '--police-force', 'testshire', '--forces', join(dir, 'forces.csv'), '--population', join(dir, 'population.csv'), '--wards-from', '2023-05-04', '--db', db], runtime);
    expect(out.join('\n')).toMatch(/Loaded 2 district/);
    const packs = await storedPacks();
    expect(packs.map((p) => [p.district.name, p.policeForce, p.wardSets[0].wards.length, p.lsoas.length])).toEqual([
      ['Northshire', 'testshire', 2, 3],
      ['Eastdale', 'testshire', 1, 1],
    ]);
    expect(packs[0].wardSets[0].from).toBe('2023-05-04');
    expect(packs[0].lsoas.find((l) => l.code === 'E01090003')).toEqual({ code: 'E01090003', name: 'Northshire 002A', population: 2000, hectares: 900 });
  });

  it('a force-wide street file then fills each loaded district, and only its own LSOAs', async () => {
    const { runtime, out } = testRuntime({ DATABASE_URL: db });
    await runCli(['areas', 'import-lookup', join(dir, 'lookup.csv'), '--all', '--forces', join(dir, 'forces.csv'), '--population', join(dir, 'population.csv'), '--db', db], runtime);
    const lines = [STREET_COLUMNS.join(',')];
    const row = (lsoa: string) => ['', '2024-02', 'Testshire Police', 'Testshire Police', '-1', '53', 'On or near X', lsoa, 'x', 'Burglary', '', ''].join(',');
    for (const lsoa of ['E01090001', 'E01090002', 'E01090003', 'E01090011', 'E01090011', 'E01099999']) lines.push(row(lsoa));
    writeFileSync(join(dir, '2024-02-testshire-street.csv'), `${lines.join('\n')}\n`);
    out.length = 0;
    // Served partnership: Northshire (CSP_AREA), but the file fills its neighbour too.
    const { runtime: r2, out: out2 } = testRuntime({ DATABASE_URL: db, CSP_AREA: 'E07090001' });
    await runCli(['import', 'police-csv', join(dir, '2024-02-testshire-street.csv'), '--db', db], r2);
    expect(out2.join('\n')).toMatch(/Northshire \(E07090001\): 3 in 1 month/);
    expect(out2.join('\n')).toMatch(/Eastdale \(E07090002\): 2 in 1 month/);
    expect(out2.join('\n')).toMatch(/Left out: 1 that have coordinates but whose LSOA is in no district this store knows/);
    const store = openStore(db);
    try {
      const totals = await new CrimeRepo(store).districtMonthTotals('all', ['burglary'], '2024-02', '2024-02');
      expect(totals.sort((a, b) => a.district.localeCompare(b.district))).toEqual([
        { district: 'E07090001', month: '2024-02', count: 3 },
        { district: 'E07090002', month: '2024-02', count: 2 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a run that does not say which districts, and a district the lookup does not hold', async () => {
    const { runtime, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['areas', 'import-lookup', join(dir, 'lookup.csv'), '--db', db], runtime)).not.toBe(0);
    expect(err.join('\n')).toMatch(/--districts <codes>, --all, or --police-force/);
    expect(await runCli(['areas', 'import-lookup', join(dir, 'lookup.csv'), '--districts', 'E07000034', '--db', db], runtime)).not.toBe(0);
    expect(err.join('\n')).toMatch(/holds no district E07000034/);
    expect(await storedPacks()).toEqual([]);
  });

  it('csp partnerships bind makes a conversation answer for a loaded district, and refuses one not loaded', async () => {
    const { runtime, out, err } = testRuntime({ DATABASE_URL: db });
    await runCli(['areas', 'import-lookup', join(dir, 'lookup.csv'), '--districts', 'E07090002', '--db', db], runtime);
    expect(await runCli(['partnerships', 'bind', 'tenant-1|a:chat-9', 'Eastdale', '--db', db], runtime)).toBe(0);
    expect(out.join('\n')).toMatch(/tenant-1\|a:chat-9 now answers for Eastdale \(E07090002\)/);
    expect(await runCli(['partnerships', 'bind', 'tenant-1|a:chat-9', 'Westmoor', '--db', db], runtime)).not.toBe(0);
    expect(err.join('\n')).toMatch(/No partnership "Westmoor"/);
    const store = openStore(db);
    try {
      expect(await new PartnershipRepo(store).boundTo('tenant-1|a:chat-9')).toBe('E07090002');
    } finally {
      await store.close();
    }
  });

  it("names police.uk's forces as police.uk does", () => {
    expect(policeForceId('Devon & Cornwall')).toBe('devon-and-cornwall');
    expect(policeForceId('Metropolitan Police')).toBe('metropolitan');
    expect(policeForceId('Derbyshire')).toBe('derbyshire');
  });
});
