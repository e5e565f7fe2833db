import { comparability, comparisonSentence, coverageOf, describeMonths, gapSentence, withGaps } from '../../../src/features/crime/coverage';
import { renderAnswerCard } from '../../../src/features/crime/cards';
import type { Answer } from '../../../src/core/answer';

const held = (...months: string[]) => new Set(months);

describe('coverage: months not loaded are gaps', () => {
  it('names the missing months of a period in runs', () => {
    const c = coverageOf({ from: '2023-10', to: '2024-03' }, held('2023-10', '2023-12', '2024-01'));
    expect(c.missing).toEqual(['2023-11', '2024-02', '2024-03']);
    expect(describeMonths(c.missing)).toBe('Nov 2023, Feb 2024 – Mar 2024');
  });

  it('turns the counts of missing months into null, keeping the rest', () => {
    expect(withGaps([{ month: '2024-01', count: 0 }, { month: '2024-02', count: 0 }], held('2024-01'))).toEqual([
      { month: '2024-01', count: 0 },
      { month: '2024-02', count: null },
    ]);
  });

  it('compares like with like: only months both periods hold, paired in order', () => {
    const imported = held('2023-01', '2023-02', '2023-03', '2024-01', '2024-02');
    const c = comparability({ from: '2024-01', to: '2024-03' }, { from: '2023-01', to: '2023-03' }, imported);
    expect(c.pairs).toEqual([
      { month: '2024-01', previousMonth: '2023-01' },
      { month: '2024-02', previousMonth: '2023-02' },
    ]);
    expect(gapSentence(c)).toBe('No data is held for Mar 2024: those months are gaps, not zeros, and are left out of the figures.');
    const now = [{ month: '2024-01', count: 10 }, { month: '2024-02', count: 10 }, { month: '2024-03', count: null }];
    const before = [{ month: '2023-01', count: 20 }, { month: '2023-02', count: 20 }, { month: '2023-03', count: 30 }];
    expect(comparisonSentence(c, now, before, 'crimes')).toBe(
      'So the whole periods are not compared. Like with like, over the months both hold (Jan 2024 – Feb 2024 against Jan 2023 – Feb 2023): 20 crimes against 40, down 50.0%.',
    );
  });

  it('refuses the comparison with a sentence when no month of one period is held', () => {
    const c = comparability({ from: '2024-01', to: '2024-02' }, { from: '2023-01', to: '2023-02' }, held('2024-01', '2024-02'));
    expect(c.pairs).toEqual([]);
    expect(comparisonSentence(c, [], [], 'crimes')).toMatch(/^No change is given: the data holds none of the same months of Jan 2024 – Feb 2024 and Jan 2023 – Feb 2023/);
  });

  it('says nothing when every month is held', () => {
    const c = comparability({ from: '2024-01', to: '2024-02' }, { from: '2023-11', to: '2023-12' }, held('2023-11', '2023-12', '2024-01', '2024-02'));
    expect(gapSentence(c)).toBeNull();
    expect(comparisonSentence(c, [], [], 'crimes')).toBeNull();
  });

  it('a trend card shows a missing month as "No data", not 0', () => {
    const answer: Answer = {
      intent: 'crime.trend',
      area: { type: 'district', code: 'E07000034', name: 'Chesterfield' },
      category: null,
      period: { from: '2024-01', to: '2024-03' },
      previousPeriod: null,
      total: 20,
      previousTotal: null,
      changePct: null,
      series: [
        { month: '2024-01', count: 10 },
        { month: '2024-02', count: null },
        { month: '2024-03', count: 10 },
      ],
      ranking: null,
      breakdown: null,
      text: 't',
      sources: [],
      caveats: [],
      suggestions: [],
    } as Answer;
    const json = JSON.stringify(renderAnswerCard(answer));
    expect(json).toContain('No data');
    expect(json).not.toMatch(/"Feb 2024"[^}]*"0"/);
  });
});
