import type { Query } from '../../../src/core/query';
import { answerCrime } from '../../../src/features/crime/answer';
import { monthRange } from '../../../src/domain/crime/periods';
import { CrimeQueries } from '../../../src/features/crime/queries';
import { figuresAt } from '../../../src/features/crime/figuresAt';
import { DataSnapshots } from '../../../src/store/snapshot';
import { CrimeCountRow, CrimeRepo } from '../../../src/store/crimeRepo';
import { describeEachStore } from '../../support/stores';
import { ASB, BURGLARY, cell, fixtureFigures, HASLAND, HATE, NORTH, pack, ROTHER, WALTON } from './answerFixture';

/*
 * The same hand-made district as answer.test.ts, loaded into a real store month by month as
 * police.uk and local-extract imports: answers read through CrimeQueries must be exactly the
 * answers built from the hand-computed figures.
 */
const LSOA_OF: Record<string, string> = { R: 'L1', H: 'L2', W: 'L3' };

async function load(repo: CrimeRepo): Promise<void> {
  const months = monthRange('2019-02', '2021-01');
  await repo.replaceMonths(
    months.map((month) => ({
      imp: { source: 'police.uk' as const, month, district: 'E07999999', origin: 'api', importedAt: '2021-03-04T09:00:00.000Z', records: 1, asOf: '2021-03-04' },
      rows: Object.entries(LSOA_OF).flatMap(([ward, lsoa]) =>
        ['anti-social-behaviour', 'burglary', 'violent-crime'].map((category): CrimeCountRow => ({ areaType: 'lsoa', areaCode: lsoa, category, count: cell(ward, category, month, false) })),
      ),
    })),
  );
  await repo.replaceMonths(
    months.map((month) => ({
      imp: { source: 'local' as const, month, district: 'E07999999', origin: 'hate.csv', importedAt: '2021-02-11T09:00:00.000Z', records: 1, asOf: '2021-02-10', sourceName: 'Testshire Police', categories: ['hate-crime'] },
      rows: Object.entries(LSOA_OF).map(([ward]): CrimeCountRow => ({ areaType: 'ward', areaCode: ward, category: 'hate-crime', count: cell(ward, 'hate-crime', month, true) })),
    })),
  );
}

const q = (intent: Query['intent'], extra: Partial<Query> = {}): Query => ({ intent, text: 'q', ...extra });

const questions: [string, Query][] = [
  ['ASB trend in a ward', q('crime.trend', { area: ROTHER, category: ASB })],
  ['all crime in the district', q('crime.total')],
  ['burglary from none', q('crime.trend', { area: WALTON, category: BURGLARY })],
  ['ASB in a group, year on year', q('crime.trend', { area: NORTH, category: ASB, period: { kind: 'range', from: '2020-05', to: '2020-07' }, comparison: 'year-on-year' })],
  ['a ranking per 1,000', q('crime.rank', { category: ASB, perCapita: true })],
  ['a breakdown', q('crime.breakdown', { area: ROTHER })],
  ['a comparison', q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB })],
  ['a suppressed local measure', q('crime.trend', { area: ROTHER, category: HATE })],
  ['a ranking of a local measure', q('crime.rank', { category: HATE })],
];

describeEachStore('crime answers from the store', (get) => {
  it.each(questions)('%s matches the hand-computed answer', async (_name, query) => {
    const repo = new CrimeRepo(get());
    await load(repo);
    const queries = new CrimeQueries(repo, pack, { suppressionThreshold: 5 });
    const fromStore = await answerCrime(query, queries, pack, { suppressionThreshold: 5 });
    const byHand = await answerCrime(query, fixtureFigures({ withHateCrime: true }), pack, { suppressionThreshold: 5 });
    expect(fromStore).toEqual(byHand);
  });

  it('answered one after another through one snapshot (figures shared between answers), each still matches', async () => {
    const repo = new CrimeRepo(get());
    await load(repo);
    const shared = figuresAt(await new DataSnapshots(get()).current(), new CrimeQueries(repo, pack, { suppressionThreshold: 5 }));
    for (const [name, query] of [...questions, ...questions.slice().reverse()]) {
      const byHand = await answerCrime(query, fixtureFigures({ withHateCrime: true }), pack, { suppressionThreshold: 5 });
      expect([name, await answerCrime(query, shared, pack, { suppressionThreshold: 5 })]).toEqual([name, byHand]);
    }
  });
});

describeEachStore('months not imported are gaps, never zeros', (get) => {
  /** police.uk months Feb 2019 – Jul 2020 and Jan 2021: Aug – Dec 2020 were never imported. */
  async function loadWithGap(repo: CrimeRepo): Promise<void> {
    const months = [...monthRange('2019-02', '2020-07'), '2021-01'];
    await repo.replaceMonths(
      months.map((month) => ({
        imp: { source: 'police.uk' as const, month, district: 'E07999999', origin: 'api', importedAt: '2021-03-04T09:00:00.000Z', records: 1, asOf: '2021-03-04' },
        rows: Object.entries(LSOA_OF).flatMap(([ward, lsoa]) =>
          ['anti-social-behaviour', 'burglary', 'violent-crime'].map((category): CrimeCountRow => ({ areaType: 'lsoa', areaCode: lsoa, category, count: cell(ward, category, month, false) })),
        ),
      })),
    );
  }

  it('a trend over a period with missing months names them, carries null for them, and compares only like with like', async () => {
    const repo = new CrimeRepo(get());
    await loadWithGap(repo);
    const queries = new CrimeQueries(repo, pack, { suppressionThreshold: 5 });
    const a = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), queries, pack, { suppressionThreshold: 5 });
    expect(a.period).toEqual({ from: '2020-02', to: '2021-01' });
    const gaps = (a.series ?? []).filter((m) => m.count === null).map((m) => m.month);
    expect(gaps).toEqual(monthRange('2020-08', '2020-12'));
    expect(a.text).toContain('No data is held for Aug 2020 – Dec 2020: those months are gaps, not zeros');
    // The whole year is not compared with the whole year before: only the seven months both hold.
    expect(a.previousTotal).toBeNull();
    expect(a.changePct).toBeNull();
    const held = (a.series ?? []).filter((m) => m.month >= '2020-02' && m.count !== null);
    const counterpart = (m: string) => monthRange('2019-02', '2020-01')[monthRange('2020-02', '2021-01').indexOf(m)];
    const now = held.reduce((s, m) => s + (m.count ?? 0), 0);
    const before = held.reduce((s, m) => s + ((a.series ?? []).find((x) => x.month === counterpart(m.month))?.count ?? 0), 0);
    expect(a.total).toBe(now);
    expect(a.text).toContain(`Like with like, over the months both hold (Feb 2020 – Jul 2020, Jan 2021 against Feb 2019 – Jul 2019, Jan 2020): ${now} incidents against ${before}`);
    expect(a.text).not.toMatch(/on the previous 12 months/);
  });

  it('a ranking over a period with missing months says which', async () => {
    const repo = new CrimeRepo(get());
    await loadWithGap(repo);
    const queries = new CrimeQueries(repo, pack, { suppressionThreshold: 5 });
    const a = await answerCrime(q('crime.rank', { category: ASB }), queries, pack, { suppressionThreshold: 5 });
    expect(a.text).toContain('No data is held for Aug 2020 – Dec 2020');
  });
});
