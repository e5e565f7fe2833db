import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { compileVocabulary, understand } from '../../src/ask/understand';

// Today is 28 November 2026 and the latest month with data is September 2026.
const vocab = compileVocabulary({ pack: chesterfieldPack, referenceDate: new Date('2026-11-28T10:00:00Z'), asOfMonth: '2026-09' });
const read = (q: string) => understand(q, vocab);

describe('what a period is compared with when the question does not say', () => {
  test.each([
    ['violence in the town centre during the summer'],
    ['asb in west ward q3 2025'],
    ['what happened in Dunston in march'],
    ['burglary in rother between june and august 2025'],
  ])('"%s": a season, quarter or month is compared with the same months a year earlier (crime is seasonal)', (q) => {
    expect(read(q)).toMatchObject({ intent: expect.stringMatching(/^crime\./), comparison: 'year-on-year' });
  });

  test.each([['asb in rother in the last 3 months'], ['asb in rother since lockdown'], ['burglary in rother in 2025'], ['asb in rother']])(
    '"%s": a rolling stretch, a whole year or a span since an event is compared with the stretch just before',
    (q) => {
      expect(read(q).comparison).not.toBe('year-on-year');
    },
  );

  test('a comparison the question states is kept', () => {
    expect(read('asb in rother in november compared with october').comparison).not.toBe('year-on-year');
  });
});
