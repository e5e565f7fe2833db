import { readDueWindow } from '../../src/ask/dueWindow';

// A Wednesday in August, as in the demo.
const today = new Date(Date.UTC(2021, 7, 18, 8));
const read = (text: string, at = today) => readDueWindow(text.toLowerCase().replace(/[^a-z0-9 ]/g, ''), text, at);

describe('when the plan\'s actions are due, as officers ask it', () => {
  it('reads this and next month, week and quarter as whole calendar spans', () => {
    expect(read('actions due this month')).toMatchObject({ from: '2021-08-01', to: '2021-08-31' });
    expect(read('actions due next month')).toMatchObject({ from: '2021-09-01', to: '2021-09-30' });
    expect(read('what is due this week')).toMatchObject({ from: '2021-08-16', to: '2021-08-22' });
    expect(read('actions due next quarter')).toMatchObject({ from: '2021-10-01', to: '2021-12-31' });
  });

  it('counts "by" and "before" from today, and says that overdue actions are not among them', () => {
    const christmas = read('which actions are due before Christmas?');
    expect(christmas).toMatchObject({ from: '2021-08-18', to: '2021-12-24' });
    expect(christmas?.note).toContain('"before Christmas"');
    expect(christmas?.note).toContain('overdue actions');
    expect(read('actions finishing in the next 3 months')).toMatchObject({ from: '2021-08-18', to: '2021-11-18' });
    expect(read('actions due by the end of October')).toMatchObject({ from: '2021-08-18', to: '2021-10-31' });
    expect(read('actions due before October')).toMatchObject({ from: '2021-08-18', to: '2021-09-30' });
    expect(read('actions due by 30 September')).toMatchObject({ from: '2021-08-18', to: '2021-09-30' });
    expect(read('actions due by the end of the financial year')).toMatchObject({ from: '2021-08-18', to: '2022-03-31' });
  });

  it('takes a month named without a year as the next one to come', () => {
    expect(read('actions due in March')).toMatchObject({ from: '2022-03-01', to: '2022-03-31' });
    expect(read('actions due in October')).toMatchObject({ from: '2021-10-01', to: '2021-10-31' });
    expect(read('actions due before Christmas', new Date(Date.UTC(2021, 11, 28)))).toMatchObject({ to: '2022-12-24' });
  });

  it('reads nothing where no target date is asked about', () => {
    expect(read('actions led by the police')).toBeUndefined();
    expect(read('actions in Rother')).toBeUndefined();
    expect(read('show the action plan this month')).toBeUndefined();
  });
});
