import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/core/clock';
import { readBoundaryFile, saveBoundaries, storedWardBoundaries } from '../../src/sources/boundaries';
import { containsPoint, GeoJsonError, parsePolicePoly, splitRing, toPolicePoly } from '../../src/sources/geo';
import { describeEachStore } from '../support/stores';
import { describeWithSharedData, sharedPath } from '../support/sharedData';
import { gridWards } from '../support/fakePoliceUk';
import { readFileSync } from 'node:fs';

describeWithSharedData('boundary files with ONS properties', () => {
  it('reads the 19 wards of 2015–2023 (WD22CD) and the 16 of 2023 (WD25CD) by code and name', async () => {
    const old = await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'ward');
    const current = await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2023.geojson'), 'ward');
    expect(old).toHaveLength(19);
    expect(current).toHaveLength(16);
    expect(old.find((w) => w.code === 'E05003339')?.name).toBe("St Leonard's");
    expect(current.find((w) => w.code === 'E05015179')?.name).toBe('Spire');
    expect(new Set(old.map((w) => w.districtCode))).toEqual(new Set(['E07000034']));
  });

  it('reads the 69 LSOAs (LSOA21CD)', async () => {
    const lsoas = await readBoundaryFile(sharedPath('boundaries/chesterfield-lsoa21.geojson'), 'lsoa');
    expect(lsoas).toHaveLength(69);
    expect(lsoas.every((l) => /^E01\d{6}$/.test(l.code))).toBe(true);
  });

  it('turns a ward boundary into the police.uk poly the API was queried with', async () => {
    const polys = JSON.parse(readFileSync(sharedPath('ward-polys-police-api.json'), 'utf8')) as { wards_2015_2023: { code: string; poly: string }[] };
    const wards = await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'ward');
    for (const w of polys.wards_2015_2023) {
      const ward = wards.find((x) => x.code === w.code)!;
      expect(toPolicePoly((ward.geometry.coordinates as [number, number][][])[0])).toBe(w.poly);
    }
  });

  it('refuses a ward file read as LSOAs, naming the missing property', async () => {
    await expect(readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'lsoa')).rejects.toThrow(/LSOA code property such as LSOA21CD/);
  });
});

describe('geometry helpers', () => {
  const [ward] = gridWards(['W1'], 0.02);
  const ring = (ward.geometry.coordinates as [number, number][][])[0];

  it('splits a polygon into two halves that together cover it', () => {
    const [a, b] = splitRing(ring);
    const inA = (x: number, y: number) => containsPoint({ type: 'Polygon', coordinates: [a] }, x, y);
    const inB = (x: number, y: number) => containsPoint({ type: 'Polygon', coordinates: [b] }, x, y);
    for (let i = 1; i < 20; i++) {
      const x = -1.45 + (0.02 * i) / 20;
      const y = 53.2 + 0.013;
      expect(inA(x, y) || inB(x, y)).toBe(true);
      // Only the cut line itself (the middle sample) lies in both halves.
      if (i !== 10) expect(inA(x, y) && inB(x, y)).toBe(false);
    }
  });

  it('reads a police.uk poly back into a closed ring', () => {
    const back = parsePolicePoly(toPolicePoly(ring));
    expect(back[0]).toEqual(back[back.length - 1]);
    expect(back).toHaveLength(5);
  });

  it('refuses a file that is not GeoJSON polygons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-geo-'));
    try {
      const p = join(dir, 'points.geojson');
      writeFileSync(p, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] }));
      await expect(readBoundaryFile(p, 'ward')).rejects.toThrow(GeoJsonError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachStore('stored ward boundaries', (getStore) => {
  it('keeps boundaries by code and says which wards have none', async () => {
    const grid = gridWards(['E05000001', 'E05000002']);
    const clock = new FakeClock('2021-03-01T09:00:00Z');
    await saveBoundaries({ store: getStore(), clock }, 'ward', 'E07000099', grid.map((g) => ({ code: g.code, name: g.code, districtCode: null, geometry: g.geometry })), 'test');
    // Saving again replaces rather than duplicates.
    await saveBoundaries({ store: getStore(), clock }, 'ward', 'E07000099', grid.slice(0, 1).map((g) => ({ code: g.code, name: 'Renamed', districtCode: null, geometry: g.geometry })), 'test');
    const { boundaries, missing } = await storedWardBoundaries(getStore(), ['E05000001', 'E05000002', 'E05000003']);
    expect(boundaries.map((b) => b.code)).toEqual(['E05000001', 'E05000002']);
    expect(boundaries[0].geometry).toEqual(grid[0].geometry);
    expect(missing).toEqual(['E05000003']);
  });
});
