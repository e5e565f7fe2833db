import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { FakeClock } from '../../../src/core/clock';
import { envRuntime } from '../../support/cli';
import { runCli } from '../../../src/cli/main';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import { AreaPackRepo } from '../../../src/store/areaPackRepo';
import { BoundaryRepo } from '../../../src/store/boundaryRepo';
import { CrimeRepo } from '../../../src/store/crimeRepo';
import { migrate, openStore } from '../../../src/store/db';
import { STREET_COLUMNS } from '../../../src/sources/policeCsv';
import { FakePoliceUk, gridWards } from '../../support/fakePoliceUk';
import { describeWithSharedData, sharedPath } from '../../support/sharedData';

const clock = new FakeClock('2021-03-01T09:00:00Z');

const testRuntime = (env: Record<string, string>) => envRuntime(env, clock);

async function withStore<T>(url: string, work: (repo: CrimeRepo) => Promise<T>): Promise<T> {
  const store = openStore(url);
  try {
    await migrate(store);
    return await work(new CrimeRepo(store));
  } finally {
    await store.close();
  }
}

describe('csp crime data commands', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-cli-crime-'));
    db = `sqlite:${join(dir, 'csp.sqlite')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const streetFile = () => {
    const p = join(dir, '2020-01-derbyshire-street.csv');
    writeFileSync(p, `${STREET_COLUMNS.join(',')}\nx1,2020-01,D,D,-1.4,53.2,On or near X,E01019526,Chesterfield 001A,Burglary,,\nx2,2020-01,D,D,-1.4,53.2,On or near X,E01019526,Chesterfield 001A,Burglary,,\n`);
    return p;
  };

  it('stops an import into a store holding the demo dataset, and clears the demo first when told to', async () => {
    await withStore(db, (repo) =>
      repo.replaceMonth({ source: 'demo', month: '2020-01', district: 'E07000034', origin: 'demo', importedAt: clock.now().toISOString(), records: 1 }, [{ areaType: 'lsoa', areaCode: 'E01019526', category: 'drugs', count: 1 }]),
    );
    const first = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', streetFile(), '--db', db], first.runtime)).toBe(2);
    expect(first.err.join('\n')).toMatch(/holds the demo dataset.*--clear-demo/);
    expect(await withStore(db, (repo) => repo.datasetKind())).toBe('demo');

    const second = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', streetFile(), '--clear-demo', '--db', db], second.runtime)).toBe(0);
    expect(second.out.join('\n')).toMatch(/Stored 2 crimes/);
    expect(await withStore(db, (repo) => repo.datasetKind())).toBe('real');
  });

  it('prints plain progress lines and the bad rows with file and line when not on a terminal', async () => {
    const p = streetFile();
    writeFileSync(p, 'Crime ID,Month\n', { flag: 'a' });
    const { runtime, out, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', p, '--allow-bad-rows', '1', '--db', db], runtime)).toBe(0);
    expect(err).toContain('reading 2020-01-derbyshire-street.csv…');
    expect(err).toContain('  2020-01-derbyshire-street.csv, line 4: has 2 fields, expected 12');
    expect(out.join('\n')).toMatch(/Read 1 file\(s\), 3 rows/);
    expect(out.join('\n')).toMatch(/2020-01: new, 2 records/);
  });

  it('refuses a file with a bad row unless --allow-bad-rows is given, exit code 1, printing the row', async () => {
    const p = streetFile();
    writeFileSync(p, 'Crime ID,Month\n', { flag: 'a' });
    const { runtime, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', p, '--db', db], runtime)).toBe(1);
    expect(err.join('\n')).toMatch(/1 malformed row; nothing was changed:\n {2}2020-01-derbyshire-street\.csv, line 4: has 2 fields, expected 12\n.*--allow-bad-rows 1/);
    expect(await withStore(db, (repo) => repo.datasetKind())).toBe('empty');
  });

  it("imports police.uk's archive for the forces chosen, says which it read and why, and refuses a force it does not hold", async () => {
    const row = (force: string, lsoa: string) => `${force}1,2020-01,${force},${force},-1.4,53.2,On or near X,${lsoa},x,Burglary,,\n`;
    const entries = {
      '2020-01/2020-01-derbyshire-street.csv': `${STREET_COLUMNS.join(',')}\n${row('d', 'E01019526')}`,
      '2020-01/2020-01-btp-street.csv': `${STREET_COLUMNS.join(',')}\n${row('b', 'E01019526')}`,
      '2020-01/2020-01-kent-street.csv': `${STREET_COLUMNS.join(',')}\n${row('k', 'E01024000')}`,
    };
    const zipPath = join(dir, 'archive.zip');
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    await new Promise<void>((resolve) => zip.outputStream.pipe(createWriteStream(zipPath)).on('close', () => resolve()));

    const unknown = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', zipPath, '--force', 'derbyshir', '--db', db], unknown.runtime)).toBe(1);
    expect(unknown.err.join('\n')).toMatch(/archive\.zip: no force "derbyshir" here: it holds street-level files of btp, derbyshire, kent/);
    const noZip = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', streetFile(), '--all-forces', '--db', db], noZip.runtime)).toBe(2);
    expect(noZip.err.join('\n')).toMatch(/choose among the files of an archive/);

    const chosen = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', zipPath, '--force', 'derbyshire', '--force', 'Kent', '--db', db], chosen.runtime)).toBe(0);
    expect(chosen.out.join('\n')).toMatch(/archive\.zip: read 2 street-level file\(s\) of derbyshire, kent \(as chosen with --force\); 1 file\(s\) of 1 other force\(s\) left unread\./);
    expect(chosen.out.join('\n')).toMatch(/Stored 1 crimes/);

    const byDefault = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', zipPath, '--db', db], byDefault.runtime)).toBe(0);
    expect(byDefault.out.join('\n')).toMatch(/read 2 street-level file\(s\) of btp, derbyshire \(the forces of the districts this store knows, and British Transport Police .*--all-forces\); 1 file\(s\) of 1 other force\(s\) left unread/);
    expect(byDefault.out.join('\n')).toMatch(/2020-01: 1 → 2 records/);
  });

  it('refuses a file of another format with exit code 1 and a reason', async () => {
    const p = join(dir, 'other.csv');
    writeFileSync(p, 'a,b,c\n1,2,3\n');
    const { runtime, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'police-csv', p, '--db', db], runtime)).toBe(1);
    expect(err.join('\n')).toMatch(/other\.csv: the header is not police\.uk's street-level header/);
  });

  it('loads a local extract and says how small counts are shown', async () => {
    const p = join(dir, 'extract.csv');
    writeFileSync(p, 'month,area_type,area_code,area_name,measure,count,source,extracted_on\n2020-01,ward,E05003339,St Leonard\'s,hate-crime,4,Derbyshire Constabulary,2020-02-10\n');
    const { runtime, out } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['import', 'local-csv', p, '--db', db], runtime)).toBe(0);
    expect(out.join('\n')).toMatch(/Loaded 1 row\(s\) from extract\.csv: hate-crime/);
    expect(out.join('\n')).toMatch(/fewer than 5/);
  });

  it('syncs from the police.uk API with a boundary file, prints the summary, and resumes', async () => {
    const wards = chesterfieldPack.wardSets[0].wards.map((w) => w.code);
    const grid = gridWards(wards);
    const fake = await FakePoliceUk.start({ generated: { wards: grid, months: ['2020-01', '2020-02'], perWardMonth: 4 } });
    try {
      const geojson = join(dir, 'wards.geojson');
      writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: grid.map((g) => ({ type: 'Feature', properties: { WD22CD: g.code, WD22NM: g.code, LAD22CD: 'E07000034' }, geometry: g.geometry })) }));
      const env = { DATABASE_URL: db, CSP_POLICE_API_URL: fake.url };
      const first = testRuntime(env);
      expect(await runCli(['sync', 'police', '--from', '2020-01', '--to', '2020-01', '--boundaries', geojson, '--db', db], first.runtime)).toBe(0);
      expect(first.out[0]).toMatch(/^Months fetched: 1; crimes stored: \d+; retries: 0; duplicates dropped: 0;/);
      expect(first.err).toContainEqual(expect.stringMatching(/^2020-01: \d+ crimes stored$/));

      // The boundaries were kept: the next run needs no --boundaries, and skips the complete month.
      const second = testRuntime(env);
      expect(await runCli(['sync', 'police', '--from', '2020-01', '--to', '2020-02', '--db', db], second.runtime)).toBe(0);
      expect(second.out.join('\n')).toMatch(/Months fetched: 1;/);
      expect(second.out.join('\n')).toMatch(/Already complete, skipped: 2020-01/);
    } finally {
      await fake.close();
    }
  });

  it('says what to do when there are no ward boundaries to query by', async () => {
    const { runtime, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['sync', 'police', '--from', '2020-01', '--to', '2020-01', '--db', db], runtime)).toBe(2);
    expect(err.join('\n')).toMatch(/csp areas fetch-boundaries/);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const { runtime, err } = testRuntime({ DATABASE_URL: db });
    expect(await runCli(['sync', 'police', '--from', '2020-1', '--to', '2020-02', '--db', db], runtime)).toBe(2);
    expect(err.join('\n')).toMatch(/--from must be a month YYYY-MM/);
  });
});

describeWithSharedData('csp areas import', () => {
  it('builds a district from boundary, lookup and population files and keeps its boundaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-cli-areas-'));
    const db = `sqlite:${join(dir, 'csp.sqlite')}`;
    try {
      const { runtime, out } = testRuntime({ DATABASE_URL: db });
      const args = [
        'areas', 'import',
        '--wards', sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'),
        '--lsoas', sharedPath('boundaries/chesterfield-lsoa21.geojson'),
        '--lookup', sharedPath('lsoa-to-ward-2015-2023.csv'),
        '--population', sharedPath('lsoa-counts-2019-chesterfield.csv'),
        '--name', 'Chesterfield', '--force', 'derbyshire', '--wards-from', '2015-05-07',
        '--db', db,
      ];
      expect(await runCli(args, runtime)).toBe(0);
      expect(out[0]).toBe('Imported Chesterfield (E07000034): 19 wards, 69 LSOAs, with boundaries.');
      const store = openStore(db);
      try {
        const stored = await new AreaPackRepo(store).get('E07000034');
        const pack = JSON.parse(stored!.packJson) as typeof chesterfieldPack;
        expect(pack.wardSets[0].wards).toHaveLength(19);
        expect(pack.lsoas.find((l) => l.code === 'E01019526')).toEqual({ code: 'E01019526', name: 'Chesterfield 001A', population: 1336 });
        expect(await new BoundaryRepo(store).count('ward', 'E07000034')).toBe(19);
        expect(await new BoundaryRepo(store).count('lsoa', 'E07000034')).toBe(69);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a district set in CSP_AREA but not yet imported', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-cli-new-area-'));
    db = `sqlite:${join(dir, 'csp.sqlite')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A small district's ONS files: two wards and three LSOAs of E07000099. */
  function districtFiles() {
    const write = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
      return join(dir, name);
    };
    const collection = (features: object[]) => ({ type: 'FeatureCollection', features });
    return {
      wards: write('wards.geojson', collection(gridWards(['E05009001', 'E05009002']).map((w, i) => ({ type: 'Feature', properties: { WD24CD: w.code, WD24NM: `Ward ${i + 1}`, LAD24CD: 'E07000099' }, geometry: w.geometry })))),
      lsoas: write('lsoas.geojson', collection(gridWards(['E01009001', 'E01009002', 'E01009003'], 0.005).map((l, i) => ({ type: 'Feature', properties: { LSOA21CD: l.code, LSOA21NM: `Town 00${i + 1}A` }, geometry: l.geometry })))),
      lookup: write('lookup.csv', 'LSOA21CD,WD24CD\nE01009001,E05009001\nE01009002,E05009001\nE01009003,E05009002\n'),
      population: write('population.csv', 'LSOA 2021 Code,Population\nE01009001,1500\nE01009002,1400\nE01009003,1600\n'),
    };
  }

  it('still migrates the store, grants roles and imports the district; only the commands that need its wards wait for it', async () => {
    const { runtime, out, err } = testRuntime({ DATABASE_URL: db, CSP_AREA: 'E07000099' });
    expect(await runCli(['db', 'migrate', '--db', db], runtime)).toBe(0);
    expect(out.join('\n')).toMatch(/^Applied: 001_core, /);
    expect(await runCli(['roles', 'grant', 'a0000009-0000-4000-8000-000000000009', 'coordinator', '--db', db], runtime)).toBe(0);

    // A question needs the district's wards: refused, naming the setting and what to do.
    expect(await runCli(['ask', 'burglary in Ward 1', '--db', db], runtime)).toBe(1);
    expect(err.join('\n')).toMatch(/CSP_AREA is E07000099, .*csp areas import/);

    const f = districtFiles();
    out.length = 0;
    const args = ['areas', 'import', '--wards', f.wards, '--lsoas', f.lsoas, '--lookup', f.lookup, '--population', f.population, '--name', 'Testshire', '--force', 'testshire', '--db', db];
    expect(await runCli(args, runtime)).toBe(0);
    expect(out).toEqual(['Imported Testshire (E07000099): 2 wards, 3 LSOAs, with boundaries.']);

    const deps = await runtime.open({ db });
    try {
      expect(deps.pack.district).toMatchObject({ code: 'E07000099', name: 'Testshire' });
    } finally {
      await deps.store.close();
    }
  });
});
