import { AreaPackRepo } from '../../src/store/areaPackRepo';
import { describeEachStore } from '../support/stores';

describeEachStore('AreaPackRepo', (store) => {
  it('saving a district again replaces the earlier import', async () => {
    const repo = new AreaPackRepo(store());
    await repo.save({ code: 'E07000035', name: 'Dales', packJson: '{"v":1}', origin: 'a.geojson', importedAt: '2024-01-01T00:00:00.000Z' });
    await repo.save({ code: 'E07000035', name: 'Derbyshire Dales', packJson: '{"v":2}', origin: 'b.geojson', importedAt: '2024-02-01T00:00:00.000Z' });
    expect(await repo.get('E07000035')).toEqual({ code: 'E07000035', name: 'Derbyshire Dales', packJson: '{"v":2}', origin: 'b.geojson', importedAt: '2024-02-01T00:00:00.000Z' });
    expect(await repo.list()).toHaveLength(1);
    expect(await repo.remove('E07000035')).toBe(true);
    expect(await repo.get('E07000035')).toBeUndefined();
    expect(await repo.remove('E07000035')).toBe(false);
  });
});
