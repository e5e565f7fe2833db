import { BoundaryRepo } from '../../src/store/boundaryRepo';
import { describeEachStore } from '../support/stores';

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const at = '2021-03-01T09:00:00.000Z';

describeEachStore('BoundaryRepo', (getStore) => {
  it('lists a district\'s wards and LSOAs separately, and replaces an area saved twice', async () => {
    const repo = new BoundaryRepo(getStore());
    await repo.save([
      { areaType: 'ward', code: 'E05000001', name: 'North', districtCode: 'E07000099', geometry: square, origin: 'a.geojson', importedAt: at },
      { areaType: 'ward', code: 'E05000002', name: 'South', districtCode: 'E07000099', geometry: square, origin: 'a.geojson', importedAt: at },
      { areaType: 'lsoa', code: 'E01000001', name: 'X 001A', districtCode: 'E07000099', geometry: square, origin: 'b.geojson', importedAt: at },
      { areaType: 'ward', code: 'E05000009', name: 'Elsewhere', districtCode: 'E07000001', geometry: square, origin: 'c.geojson', importedAt: at },
    ]);
    await repo.save([{ areaType: 'ward', code: 'E05000002', name: 'South (new)', districtCode: 'E07000099', geometry: square, origin: 'd.geojson', importedAt: at }]);
    const wards = await repo.list('ward', { districtCode: 'E07000099' });
    expect(wards.map((w) => [w.code, w.name, w.origin])).toEqual([
      ['E05000001', 'North', 'a.geojson'],
      ['E05000002', 'South (new)', 'd.geojson'],
    ]);
    expect(wards[0].geometry).toEqual(square);
    expect(await repo.count('lsoa')).toBe(1);
    expect(await repo.list('ward', { codes: [] })).toEqual([]);
  });
});
