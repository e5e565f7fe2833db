import { renderTrackerCsv, renderTrackerMarkdown, trackerRows } from '../../../src/features/actions/export';
import type { HistoryEntry } from '../../../src/domain/actions/model';
import { anAction } from '../../support/actions';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';

const now = new Date('2021-08-16T09:00:00Z');
const actions = [
  anAction({ id: 'B-2', theme: 'Hate crime', title: 'Promote Hate Crime Awareness Week', targetDate: '2021-07-01' }),
  anAction({ id: 'A-1', theme: 'Anti-social behaviour', title: 'Run walk-throughs, "weekly" | parks', latestUpdate: { text: '=HYPERLINK("x")', author: 'Lee Lead', asOf: '2021-08-01' } }),
];
const history: HistoryEntry[] = [
  { actionId: 'B-2', version: 2, at: '2021-03-02T10:15:00.000Z', actorAadObjectId: null, actorName: 'Jo', field: 'status', oldValue: 'not_started', newValue: 'in_progress', note: null, channel: 'teams' },
  { actionId: 'A-1', version: 2, at: '2021-02-01T10:00:00.000Z', actorAadObjectId: null, actorName: 'Jo', field: 'status', oldValue: 'not_started', newValue: 'in_progress', note: null, channel: 'teams' },
];

describe('tracker export', () => {
  test('rows sorted by theme then reference, with status and RAG in words', () => {
    expect(trackerRows(actions, now).map((r) => [r.reference, r.status, r.rag])).toEqual([
      ['A-1', 'In progress', 'Green – on track'],
      ['B-2', 'In progress', 'Red – off track'],
    ]);
  });

  test('CSV quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = renderTrackerCsv({ actions, history: [], now });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Reference,Plan,Theme,Action,Description,Lead officer,Lead organisation,Partners,Wards,Start date,Target date,Status,RAG,Latest update,Update by,Update date,Success measure',
    );
    expect(lines[1]).toContain('"Run walk-throughs, ""weekly"" | parks"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")",Lee Lead,2021-08-01`);
    expect(lines).toHaveLength(3);
  });

  test('with --since, a changed-since section lists only changes on or after the date', () => {
    const csv = renderTrackerCsv({ actions, history, since: '2021-03-01', now });
    expect(csv).toContain('Changed since 2021-03-01');
    expect(csv).toContain('2021-03-02 10:15,B-2,Status: Not started → In progress,,Jo,teams');
    expect(csv).not.toContain('2021-02-01');
  });

  test('Markdown escapes pipes and has a changed-since heading', () => {
    const md = renderTrackerMarkdown({ actions, history, since: '2021-03-01', now });
    expect(md).toContain('| Reference | Theme | Action | Lead | Target date | Status | RAG | Latest update |');
    expect(md).toContain('weekly" \\| parks');
    expect(md).toContain('## Changed since 1 Mar 2021');
    expect(md).toContain('| 2021-03-02 10:15 | B-2 | Status: Not started → In progress |');
  });

  test('Markdown says so when nothing changed', () => {
    expect(renderTrackerMarkdown({ actions, history: [], since: '2021-08-01', now })).toContain('No changes recorded.');
  });

  test('CSV names wards as the import reads them back, with the code where a name alone would read as another ward', () => {
    const csv = renderTrackerCsv({
      actions: [
        anAction({ id: 'W-1', wards: ['E05003337', 'E05003326'] }),
        anAction({ id: 'W-2', wards: [] }),
        // A 2023 ward in a 2020–21 plan: "Rother" alone would read as the 2015 ward.
        anAction({ id: 'W-3', wards: ['E05015178'] }),
      ],
      history: [],
      now,
      pack: chesterfieldPack,
    });
    expect(csv).toContain(',Rother; Brockwell,');
    expect(csv).toContain(',Borough-wide,');
    expect(csv).toContain(',Rother (E05015178),');
  });
});
