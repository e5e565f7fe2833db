import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { AreaPack } from '../../src/domain/areas/pack';
import { builtInPack, loadPack } from '../../src/store/areaRegistry';
import { AreaPackRepo } from '../../src/store/areaPackRepo';
import { describeEachStore } from '../support/stores';

const other: AreaPack = {
  district: { code: 'E07000035', name: 'Derbyshire Dales', aliases: ['the Dales'] },
  policeForce: 'derbyshire',
  wardSets: [{ id: '2023', from: '2023-05-04', to: null, wards: [{ code: 'E05099999', name: 'Matlock All Saints' }], lookup: [{ lsoa: 'E01000001', ward: 'E05099999', share: 1 }] }],
  lsoas: [{ code: 'E01000001', name: 'Derbyshire Dales 001A', population: 1500 }],
  groups: [],
  wardAliases: {},
};

describe('builtInPack', () => {
  it('ships Chesterfield and nothing else', () => {
    expect(builtInPack('E07000034')).toBe(chesterfieldPack);
    expect(builtInPack('E07000035')).toBeUndefined();
  });
});

describeEachStore('loadPack', (store) => {
  it('uses the built-in pack without touching the store', async () => {
    expect(await loadPack(store(), 'E07000034')).toBe(chesterfieldPack);
  });

  it('loads a district imported into the store', async () => {
    await new AreaPackRepo(store()).save({ code: 'E07000035', name: 'Derbyshire Dales', packJson: JSON.stringify(other), origin: 'wards.geojson', importedAt: '2024-01-01T00:00:00.000Z' });
    expect(await loadPack(store(), 'E07000035')).toEqual(other);
    expect(await new AreaPackRepo(store()).list()).toEqual([{ code: 'E07000035', name: 'Derbyshire Dales', origin: 'wards.geojson', importedAt: '2024-01-01T00:00:00.000Z' }]);
  });

  it('names CSP_AREA and what to do when the district is unknown', async () => {
    await expect(loadPack(store(), 'E07000036')).rejects.toThrow(/CSP_AREA is E07000036.*csp areas import/);
  });

  it('refuses a stored pack whose lookup names an LSOA it does not have', async () => {
    const broken = { ...other, lsoas: [] };
    await new AreaPackRepo(store()).save({ code: 'E07000035', name: 'x', packJson: JSON.stringify(broken), origin: 'f', importedAt: '2024-01-01T00:00:00.000Z' });
    await expect(loadPack(store(), 'E07000035')).rejects.toThrow(/not valid/);
  });
});
