import { findFigures } from '../../../src/features/minutes/figures';
import { splitParagraphs } from '../../../src/features/minutes/normalise';

const figuresOf = (text: string) => findFigures(splitParagraphs(text));

describe('key figures quoted in minutes', () => {
  it('reads a fall as a negative percentage, with its period and what it is compared with', () => {
    const [f] = figuresOf('The data showed a fall of 12.5% in anti-social behaviour from April 2021 to March 2022 compared with the previous 12 months.');
    expect(f).toMatchObject({ value: -12.5, unit: '%', measure: 'anti-social-behaviour', period: { from: '2021-04', to: '2022-03' }, comparedWith: { from: '2020-04', to: '2021-03' } });
    expect(f.text).toBe('a fall of 12.5% in anti-social behaviour from April 2021 to March 2022 compared with the previous 12 months');
  });

  it('reads a rise as positive, whichever side of the number the word is', () => {
    expect(figuresOf('Burglary rose by 4 per cent.')[0]).toMatchObject({ value: 4, unit: '%', measure: 'burglary' });
    expect(figuresOf('There was a 9% increase in shoplifting.')[0]).toMatchObject({ value: 9 });
  });

  it('reads counts of crimes and sums of money', () => {
    const fs = figuresOf('There had been 1,204 recorded crimes in the town centre. Funding of £25,000 had been secured.');
    expect(fs.map((f) => [f.value, f.unit])).toEqual([
      [1204, 'count'],
      [25000, '£'],
    ]);
  });

  it('does not take times, years, appendix numbers or durations for figures', () => {
    expect(figuresOf('5.30 - 5.40 pm – Introduction\n\nSee Appendix 2 for the 12 months of data from 2021.')).toEqual([]);
  });
});
