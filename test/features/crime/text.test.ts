import { categoryInSentence, categoryTitle, changeSentence, comparisonLabel, countPhrase, formatCount, ordinal } from '../../../src/features/crime/text';

describe('crime wording', () => {
  it('counts in crimes or incidents, singular for one, with thousands separated', () => {
    expect(countPhrase(1, 'crimes')).toBe('1 crime');
    expect(countPhrase(1, 'incidents')).toBe('1 incident');
    expect(countPhrase(12345, 'incidents')).toBe('12,345 incidents');
    expect(formatCount(0)).toBe('0');
  });

  it('writes ordinals the English way', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('describes a change in words, never by sign or colour', () => {
    const label = 'the previous 12 months';
    expect(changeSentence(412, 348, 18.4, label)).toBe('Up 18.4% on the previous 12 months (348).');
    expect(changeSentence(1000, 1066, -6.2, label)).toBe('Down 6.2% on the previous 12 months (1,066).');
    expect(changeSentence(5, 5, 0, label)).toBe('Unchanged on the previous 12 months (5).');
    expect(changeSentence(3, 0, null, label)).toBe('Up from none in the previous 12 months.');
    expect(changeSentence(0, 0, null, label)).toBe('None in the previous 12 months either.');
    expect(changeSentence(3, null, null, label)).toBe('There are no figures for the previous 12 months to compare with.');
    expect(changeSentence(10001, 10000, 0, label)).toBe('Up less than 0.1% on the previous 12 months (10,000).');
  });

  it('names the comparison period', () => {
    expect(comparisonLabel('previous', 12)).toBe('the previous 12 months');
    expect(comparisonLabel('previous', 1)).toBe('the previous month');
    expect(comparisonLabel('year-on-year', 3)).toBe('the same months a year earlier');
    expect(comparisonLabel('year-on-year', 1)).toBe('the same month a year earlier');
    expect(comparisonLabel('year-on-year', 12)).toBe('the previous 12 months');
  });

  it('calls ASB "ASB", no category "all crime", and lower-cases others inside a sentence', () => {
    expect(categoryTitle(null)).toBe('All crime');
    expect(categoryInSentence(null)).toBe('all crime');
    expect(categoryInSentence({ slug: 'anti-social-behaviour', name: 'Anti-social behaviour' })).toBe('ASB');
    expect(categoryInSentence({ slug: 'violent-crime', name: 'Violence and sexual offences' })).toBe('violence and sexual offences');
  });
});
