import { addMonths, dueFromSentence, fullDateIn, periodIn } from '../../../src/features/minutes/dates';

const MEETING = '2022-06-14';

describe('due dates of follow-ups', () => {
  it('uses a month written in the sentence, with month precision', () => {
    expect(dueFromSentence('An update to be brought to the Committee in November 2022.', MEETING)).toMatchObject({ due: '2022-11', precision: 'month', basis: 'stated' });
  });

  it('works out the year of a month written without one, forward from the meeting', () => {
    expect(dueFromSentence('A report would be provided in February.', MEETING)).toMatchObject({ due: '2023-02', precision: 'month' });
  });

  it('uses a day written in the sentence, with day precision', () => {
    expect(dueFromSentence('Figures to be circulated by 1st July 2022.', MEETING)).toMatchObject({ due: '2022-07-01', precision: 'day' });
    expect(dueFromSentence('Figures to be circulated by 01/07/2022.', MEETING)).toMatchObject({ due: '2022-07-01', precision: 'day' });
  });

  it('ignores dates before the meeting, which describe the past', () => {
    expect(dueFromSentence('Data as at April 2022 would be circulated after the meeting.', MEETING)).toMatchObject({ due: '2022-06-21', basis: 'after-meeting' });
  });

  it('gives "after the meeting" a week, and "the following week" or "next week" a week too', () => {
    expect(dueFromSentence('Slides would be sent to Members after the meeting.', MEETING)).toMatchObject({ due: '2022-06-21', precision: 'day' });
    expect(dueFromSentence('Slides would be sent the following week.', MEETING)).toMatchObject({ due: '2022-06-21', basis: 'relative' });
    expect(dueFromSentence('A note would be shared within two weeks.', MEETING)).toMatchObject({ due: '2022-06-28', basis: 'relative' });
  });

  it('invents no date for a request that gives none: "no date given"', () => {
    expect(dueFromSentence('Further information was requested on cycle theft.', MEETING)).toEqual({ due: null, precision: null, basis: 'none', text: 'no date given' });
  });

  it('leaves relative dates unknown when the meeting date is unknown', () => {
    expect(dueFromSentence('Slides would be sent after the meeting.', null)).toMatchObject({ due: null, precision: null, basis: 'unknown' });
    expect(dueFromSentence('A report in March 2023.', null)).toMatchObject({ due: '2023-03', precision: 'month' });
  });
});

describe('periods of figures', () => {
  it('reads "from … to …", "between … and …" and "the 12 months to …", with the period compared', () => {
    expect(periodIn('a fall of 3% from April 2021 to March 2022 compared with the previous year')).toEqual({
      period: { from: '2021-04', to: '2022-03' },
      comparedWith: { from: '2020-04', to: '2021-03' },
    });
    expect(periodIn('a rise of 8% between Jan 2022 and Jun 2022').period).toEqual({ from: '2022-01', to: '2022-06' });
    expect(periodIn('a rise of 8% in the 12 months to March 2022 against the same period last year')).toEqual({
      period: { from: '2021-04', to: '2022-03' },
      comparedWith: { from: '2020-04', to: '2021-03' },
    });
  });

  it('gives no period when none is written', () => {
    expect(periodIn('a rise of 8% in burglary')).toEqual({ period: null, comparedWith: null });
  });
});

describe('dates in headings', () => {
  it('reads a full date and ignores times and month-only dates', () => {
    expect(fullDateIn('Meeting of the Committee, Monday, 3rd October, 2022 at 5.30 pm')).toBe('2022-10-03');
    expect(fullDateIn('5.30 - 6.00 pm – Questions')).toBeNull();
    expect(fullDateIn('October 2022')).toBeNull();
  });

  it('adds months across a year end', () => {
    expect(addMonths('2021-11', 3)).toBe('2022-02');
    expect(addMonths('2021-01', -1)).toBe('2020-12');
  });
});
