import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackFromFiles } from '../../src/sources/areaFiles';
import { gridWards } from '../support/fakePoliceUk';

describe('building a district from ONS files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-area-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function files(opts: { population?: string; lookup?: string } = {}) {
    const wards = gridWards(['E05009001', 'E05009002', 'E05009999']);
    const lsoas = gridWards(['E01009001', 'E01009002', 'E01009003'], 0.005);
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    return {
      // A national file: the third ward belongs to another district and is left out.
      wards: write('wards.geojson', JSON.stringify({ type: 'FeatureCollection', features: wards.map((w, i) => ({ type: 'Feature', properties: { WD24CD: w.code, WD24NM: `Ward ${i + 1}`, LAD24CD: i < 2 ? 'E07000099' : 'E07000001' }, geometry: w.geometry })) })),
      lsoas: write('lsoas.geojson', JSON.stringify({ type: 'FeatureCollection', features: lsoas.map((l, i) => ({ type: 'Feature', properties: { LSOA21CD: l.code, LSOA21NM: `Town 00${i + 1}A` }, geometry: l.geometry })) })),
      lookup: write('lookup.csv', opts.lookup ?? 'LSOA21CD,WD24CD,share\nE01009001,E05009001,1\nE01009002,E05009001,0.97\nE01009003,E05009002,1\n'),
      population: write('population.csv', opts.population ?? 'LSOA 2021 Code,Population\nE01009001,"1,500"\nE01009002,1400\nE01009003,1600\n'),
    };
  }

  it('takes the district\'s wards, their LSOAs through the lookup, and LSOA names and populations', async () => {
    const built = await buildPackFromFiles(files(), { code: 'E07000099', name: 'Testshire', force: 'testshire' });
    expect(built.pack.wardSets[0].wards).toEqual([
      { code: 'E05009001', name: 'Ward 1' },
      { code: 'E05009002', name: 'Ward 2' },
    ]);
    expect(built.pack.lsoas).toEqual([
      { code: 'E01009001', name: 'Town 001A', population: 1500 },
      { code: 'E01009002', name: 'Town 002A', population: 1400 },
      { code: 'E01009003', name: 'Town 003A', population: 1600 },
    ]);
    expect(built.pack.wardSets[0].lookup.find((l) => l.lsoa === 'E01009002')?.share).toBe(0.97);
    expect(built.warnings).toEqual([]);
  });

  it('reads the district code from the ward file when not given, and warns of what is missing', async () => {
    const f = files();
    f.wards = (() => {
      const g = gridWards(['E05009001', 'E05009002']);
      writeFileSync(join(dir, 'one.geojson'), JSON.stringify({ type: 'FeatureCollection', features: g.map((w) => ({ type: 'Feature', properties: { WD24CD: w.code, WD24NM: w.code, LAD24CD: 'E07000099' }, geometry: w.geometry })) }));
      return join(dir, 'one.geojson');
    })();
    const built = await buildPackFromFiles(f);
    expect(built.pack.district.code).toBe('E07000099');
    expect(built.warnings.join(' ')).toMatch(/no --name given.*no --force given/);
  });

  it('refuses a population file that leaves an LSOA out', async () => {
    await expect(buildPackFromFiles(files({ population: 'lsoa_code,population\nE01009001,1500\n' }), { code: 'E07000099' })).rejects.toThrow(/population\.csv: has no population for 2 LSOA\(s\): E01009002, E01009003/);
  });

  it('refuses a lookup without a ward code column', async () => {
    await expect(buildPackFromFiles(files({ lookup: 'lsoa_code,district\nE01009001,E07000099\n' }), { code: 'E07000099' })).rejects.toThrow(/lookup\.csv: has no ward code/);
  });
});
