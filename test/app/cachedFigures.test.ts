import { withCachedDatasetFacts } from '../../src/app/cachedFigures';
import type { CrimeFigures } from '../../src/domain/crime/answer';

function countingFigures() {
  const calls = { dataRange: 0, series: 0 };
  const figures = {
    dataRange: async () => {
      calls.dataRange += 1;
      return { earliest: '2018-02', latest: `2021-0${calls.dataRange}` };
    },
    series: async () => {
      calls.series += 1;
      return [];
    },
    isSampleData: async () => true,
    provenance: async () => [],
    hasData: async () => true,
  } as unknown as CrimeFigures;
  return { figures, calls };
}

describe('withCachedDatasetFacts', () => {
  test('the months of the dataset are read once within the time-to-live, then again after it', async () => {
    let t = 0;
    const { figures, calls } = countingFigures();
    const cached = withCachedDatasetFacts(figures, 1000, () => t);
    expect(await cached.dataRange(null)).toEqual({ earliest: '2018-02', latest: '2021-01' });
    expect(await cached.dataRange(null)).toEqual({ earliest: '2018-02', latest: '2021-01' });
    expect(calls.dataRange).toBe(1);
    t = 1001;
    expect(await cached.dataRange(null)).toEqual({ earliest: '2018-02', latest: '2021-02' });
  });

  test('figures themselves are never cached', async () => {
    const { figures, calls } = countingFigures();
    const cached = withCachedDatasetFacts(figures);
    await cached.series({ code: 'x', name: 'x', type: 'ward' }, null, '2020-01', '2020-12');
    await cached.series({ code: 'x', name: 'x', type: 'ward' }, null, '2020-01', '2020-12');
    expect(calls.series).toBe(2);
  });
});
