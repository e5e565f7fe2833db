import { figuresAt } from '../../../src/features/crime/figuresAt';
import { DataSnapshots } from '../../../src/store/snapshot';
import type { Store } from '../../../src/store/db';
import type { CrimeFigures } from '../../../src/features/crime/answer';

const rother = { code: 'E05003337', name: 'Rother', type: 'ward' as const };

function countingFigures() {
  const calls: string[] = [];
  let stored = 10;
  const figures = {
    dataRange: async () => {
      calls.push('dataRange');
      return { earliest: '2018-02', latest: '2021-01' };
    },
    total: async () => {
      calls.push('total');
      return { count: stored, suppressed: false };
    },
    isSampleData: async () => {
      calls.push('isSampleData');
      return false;
    },
    notes: () => ['made of 2015 wards'],
  } as unknown as CrimeFigures;
  return { figures, calls, load: (n: number) => (stored = n) };
}

// figuresAt reads no tokens itself: snapshots at given tokens need no store.
const versions = () => {
  const snapshots = new DataSnapshots({} as Store);
  return (crime: string) => snapshots.at({ crime, plan: 'p', roles: 'r' });
};

describe('figures at a snapshot', () => {
  test('at one version a figure is read once and shared by every answer', async () => {
    const { figures, calls } = countingFigures();
    const snap = versions();
    const at = (v: string) => figuresAt(snap(v), figures);
    const period = { from: '2020-02', to: '2021-01' };
    expect(await at('v1').total(rother, 'anti-social-behaviour', period)).toEqual({ count: 10, suppressed: false });
    expect(await at('v1').total(rother, 'anti-social-behaviour', period)).toEqual({ count: 10, suppressed: false });
    expect(await at('v1').isSampleData()).toBe(false);
    expect(await at('v1').isSampleData()).toBe(false);
    expect(calls).toEqual(['total', 'isSampleData']);
  });

  test('different arguments are different figures', async () => {
    const { figures, calls } = countingFigures();
    const snap = versions();
    const at = (v: string) => figuresAt(snap(v), figures);
    await at('v1').total(rother, 'anti-social-behaviour', { from: '2020-02', to: '2021-01' });
    await at('v1').total(rother, 'burglary', { from: '2020-02', to: '2021-01' });
    expect(calls).toEqual(['total', 'total']);
  });

  test('after a load (a new version) the figures are read afresh', async () => {
    const { figures, load } = countingFigures();
    const snap = versions();
    const at = (v: string) => figuresAt(snap(v), figures);
    const period = { from: '2020-02', to: '2021-01' };
    expect((await at('v1').total(rother, null, period)).count).toBe(10);
    load(12);
    expect((await at('v2').total(rother, null, period)).count).toBe(12);
  });

  test('notes come from the area pack and pass straight through', () => {
    const { figures } = countingFigures();
    expect(figuresAt(versions()('v1'), figures).notes(rother, { from: '2020-02', to: '2021-01' })).toEqual(['made of 2015 wards']);
  });

  test("the months held for one police.uk category serve every other, never a local measure's", async () => {
    const calls: (string | null)[] = [];
    const figures = {
      dataRange: async (slug: string | null) => {
        calls.push(slug);
        return slug === 'asb-local' ? { earliest: '2020-06', latest: '2020-12' } : { earliest: '2018-02', latest: '2021-01' };
      },
      sourceOf: (slug: string | null) => (slug === 'asb-local' ? 'local:asb-local' : 'police.uk'),
    } as unknown as CrimeFigures;
    const at = figuresAt(versions()('v1'), figures);
    expect(await at.dataRange('burglary')).toEqual({ earliest: '2018-02', latest: '2021-01' });
    expect(await at.dataRange('shoplifting')).toEqual({ earliest: '2018-02', latest: '2021-01' });
    expect(await at.dataRange(null)).toEqual({ earliest: '2018-02', latest: '2021-01' });
    expect(await at.dataRange('asb-local')).toEqual({ earliest: '2020-06', latest: '2020-12' });
    expect(calls).toEqual(['burglary', 'asb-local']);
  });
});
