import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { parseMinutes, toDryRun } from '../../../src/features/minutes/parse';
import { extractTextFromDocx } from '../../../src/features/minutes/minutesApp';
import { textFromMammothHtml } from '../../../src/features/minutes/docxText';
import type { MinutesExtract } from '../../../src/domain/minutes/model';
import { rewrap } from '../../support/minutesSeed';

/**
 * Minutes written the many ways clerks write them (the project's own examples, in
 * fixtures/): every form of resolution, follow-up, figure and heading the importer must read.
 */

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.txt`), 'utf8');
const read = (name: string) => parseMinutes(fixture(name));
const texts = (r: MinutesExtract) => r.resolutions.map((x) => x.text);
const followUp = (r: MinutesExtract, re: RegExp) => {
  const found = r.followUps.filter((f) => re.test(f.title));
  expect(found.map((f) => f.title)).toHaveLength(1);
  return found[0];
};

describe('resolutions, however they are written', () => {
  it('reads "RESOLVED, that …" without a stray comma, counts the decision printed twice once, and the previous minutes agreed as a correct record', () => {
    const r = read('moderngov-decision-and-minutes');
    expect(texts(r)).toEqual([
      'The minutes of the meeting held on 24 June 2021 were agreed as a correct record and signed by the Chair.',
      'That the annual update be noted and that a further update on the serious violence duty be brought to the Panel in March 2022.',
    ]);
    expect(texts(r).some((t) => /^,|^That,/.test(t))).toBe(false);
  });

  it('reads "Cabinet notes …" and "Cabinet agreed …" in a decision notice', () => {
    expect(texts(read('cabinet-decisions'))).toEqual([
      'Cabinet notes the outcome of the consultation on the revised Anti-social Behaviour Policy.',
      'Cabinet agreed to adopt the revised policy with effect from 1 April 2022.',
    ]);
  });

  it('reads lettered resolutions (a)(b)(c), and never an item heading ("Exclusion of the Press and Public", "Date of Next Meeting") as one', () => {
    const r = read('lettered-resolutions');
    expect(texts(r).slice(0, 3)).toEqual([
      'That the presentation be noted;',
      'That the Police and Crime Commissioner be invited to the next meeting of the Committee; and',
      'That the Chair write to the Chief Constable by 31 January 2022 to ask for an update on neighbourhood policing numbers.',
    ]);
    expect(texts(r)).toHaveLength(6);
    expect(texts(r).some((t) => /^(?:That\s+)?(?:Exclusion of the Press and Public|Date of Next Meeting)$/i.test(t))).toBe(false);
  });

  it('reads "It was resolved that …" inside a paragraph, and (1)(2)(3) with (a)(b) nested under (1)', () => {
    const r = read('numbered-nested');
    expect(texts(r)).toEqual([
      'That the draft strategy be endorsed for consultation.',
      'That the following be noted: (a) the rise in reported domestic abuse incidents; and (b) the increase in referrals to the MARAC;',
      'That a report on the domestic abuse housing pathway be presented to the Committee in the new municipal year.',
      "That a member briefing on Clare's Law be arranged.",
    ]);
    expect(r.resolutions.slice(1).map((x) => x.number)).toEqual([1, 2, 3]);
  });

  it('reads "The Committee agreed that …" and "Decision: That …"', () => {
    expect(texts(read('table-row-per-line'))).toEqual(['The Committee agreed that officers report back in the new municipal year on the vehicle crime hotspots.']);
    const r = parseMinutes('Community Safety Committee, 4 May 2022\n\nItem 3: Fly-tipping enforcement\n\nDecision:\n\nThat the enforcement approach be endorsed.\n\nMinutes:\n\nMembers discussed the report.');
    expect(texts(r)).toEqual(['That the enforcement approach be endorsed.']);
  });
});

describe('follow-ups: who owes what, to whom, and when the text says', () => {
  it('reads a request answered by an undertaking as one follow-up, owed by the officer, due on "the 3rd of November"', () => {
    const f = followUp(read('moderngov-decision-and-minutes'), /knife crime/);
    expect(f).toMatchObject({ title: 'Provide a breakdown of knife crime by ward', owner: 'Partnership Manager', audience: 'Members', due: '2021-11-03', precision: 'day' });
  });

  it('reads a further update to be brought to the Panel in March 2022, from the resolution', () => {
    const f = followUp(read('moderngov-decision-and-minutes'), /serious violence/);
    expect(f).toMatchObject({ kind: 'resolution', audience: 'Panel', due: '2022-03', precision: 'month' });
  });

  it('never makes "The next meeting will be held on …" a follow-up', () => {
    for (const name of ['moderngov-decision-and-minutes', 'lettered-resolutions']) expect(read(name).followUps.some((f) => /next meeting/i.test(f.title) && /^Hold/.test(f.title))).toBe(false);
  });

  it('reads an invitation to the next meeting, due on the next meeting date the minutes give', () => {
    const r = read('lettered-resolutions');
    expect(r.meeting.nextMeetingDate).toBe('2021-12-14');
    expect(followUp(r, /^Invite/)).toMatchObject({ title: 'Invite the Police and Crime Commissioner to the next meeting of the Committee', audience: 'Police and Crime Commissioner', due: '2021-12-14', dueBasis: 'next-meeting' });
  });

  it('reads the Chair writing to someone by a date: owner, addressee and day', () => {
    expect(followUp(read('lettered-resolutions'), /^Write to/)).toMatchObject({ title: 'Write to the Chief Constable', owner: 'Chair', audience: 'Chief Constable', due: '2022-01-31', precision: 'day' });
    expect(followUp(read('cabinet-decisions'), /^Write to/)).toMatchObject({ owner: 'Cabinet Member for Communities', audience: 'town and parish councils', due: '2022-02-28' });
  });

  it('reads an officer undertaking with no date as "no date given", inventing none', () => {
    const r = read('lettered-resolutions');
    const f = followUp(r, /response times/);
    expect(f).toMatchObject({ title: 'Look into the response times for non-emergency calls in the rural wards', due: null, dueBasis: 'none' });
    expect(toDryRun(r).followUps.find((x) => /response times/.test(x.title))?.dueText).toBe('no date given');
  });

  it('reads "before the year end" as December of the meeting year, and "the new municipal year" as the May after', () => {
    expect(followUp(read('lettered-resolutions'), /mobilisation/)).toMatchObject({ due: '2021-12', precision: 'month', owner: 'officers' });
    expect(followUp(read('table-row-per-line'), /vehicle crime/)).toMatchObject({ title: 'Report back on the vehicle crime hotspots', due: '2023-05', precision: 'month' });
    expect(followUp(read('numbered-nested'), /housing pathway/)).toMatchObject({ due: '2022-05', audience: 'Committee', kind: 'resolution' });
  });

  it('reads a deferral to a dated meeting as an item to bring back then', () => {
    expect(followUp(read('numbered-nested'), /Night Time Economy/)).toMatchObject({ title: 'Bring back the Night Time Economy Charter to the Committee', due: '2022-06-06', audience: 'Committee' });
  });

  it('reads "w/c 7 March" and member briefings, requested and arranged', () => {
    const r = read('cabinet-decisions');
    expect(followUp(r, /briefing session/)).toMatchObject({ due: '2022-03-07', dueText: 'w/c 7 March', audience: 'Members' });
    expect(followUp(r, /Community Protection Notice/)).toMatchObject({ kind: 'request', due: null, dueBasis: 'none', audience: 'Members' });
    expect(followUp(read('numbered-nested'), /Clare's Law/)).toMatchObject({ title: "Arrange a member briefing on Clare's Law", audience: 'Members' });
  });

  it('reads a passive request answered "before the next meeting" with no date for it as no date given, owed by the officer', () => {
    const f = followUp(read('numbered-nested'), /Safe Space/);
    expect(f).toMatchObject({ kind: 'request', owner: 'Head of Community Safety', due: null, dueBasis: 'none' });
  });

  it('cuts titles cleanly: no connective or reported speech left at their start', () => {
    const r = parseMinutes(
      'Crime and Disorder Committee, 7 June 2022\n\nThe Inspector presented the update report.\n\nFurthermore, the ward profiles would be circulated to Members after the meeting. The Inspector confirmed that the patrol plan would be shared with ward councillors.',
    );
    expect(r.followUps.map((f) => f.title)).toEqual(['Circulate the ward profiles to Members', 'Share the patrol plan with ward councillors']);
    expect(r.followUps[1].owner).toBe('Inspector');
  });
});

describe('figures', () => {
  it('reads figures in prose with their sign, measure and period, numbers in words included', () => {
    const r = read('lettered-resolutions');
    expect(r.figures).toHaveLength(1);
    expect(r.figures[0]).toMatchObject({ value: 12, unit: '%', measure: 'anti-social-behaviour', period: { from: '2021-03', to: '2021-08' }, comparedWith: { from: '2020-03', to: '2020-08' } });
  });

  it('yields the figures of minutes that resolve nothing, each with its own measure', () => {
    const r = read('figures-only');
    expect(r.isMinutes).toBe(true);
    expect(r.resolutions).toEqual([]);
    expect(r.figures.map((f) => [f.value, f.unit, f.measure])).toEqual([
      [-9.1, '%', 'burglary'],
      [14, '%', 'hate-crime'],
      [1046, 'count', 'shoplifting'],
    ]);
    expect(r.figures[0].period).toEqual({ from: '2020-12', to: '2021-11' });
  });

  it('reads a count as a level, not a fall, and a financial year compared with the one before', () => {
    const [count, pct] = read('moderngov-decision-and-minutes').figures;
    expect(count).toMatchObject({ value: 15535, unit: 'count', measure: 'all-crime', period: { from: '2020-04', to: '2021-03' } });
    expect(pct).toMatchObject({ value: -4.8, unit: '%', period: { from: '2020-04', to: '2021-03' }, comparedWith: { from: '2019-04', to: '2020-03' } });
  });

  it('reads a table flattened a row per line (tabs), each number with its row and column', () => {
    const r = read('table-row-per-line');
    const burglary = r.figures.filter((f) => f.measure === 'burglary');
    expect(burglary.map((f) => [f.value, f.unit])).toEqual([
      [612, 'count'],
      [548, 'count'],
      [-64, 'count'],
      [-10.5, '%'],
    ]);
    expect(burglary[1].period).toEqual({ from: '2021-04', to: '2022-03' });
    expect(r.figures).toHaveLength(16);
  });

  it('reads a table flattened a cell per line, quarters included, and keeps its numbers out of page furniture', () => {
    const r = read('table-cell-per-line');
    const asb = r.figures.filter((f) => f.measure === 'anti-social-behaviour');
    expect(asb.map((f) => f.value)).toEqual([1150, 1320, -170]);
    expect(asb[0].period).toEqual({ from: '2022-04', to: '2022-06' });
    expect(r.figures).toHaveLength(9);
  });

  it('reads a table of a label and numbers separated by spaces', () => {
    const r = parseMinutes('Crime and Disorder Committee, 1 March 2023\n\nThe Community Safety Manager presented the update report.\n\nBurglary 312 287 -8.0%\nRobbery 41 52 26.8%\n\nRESOLVED – That the update be noted.');
    expect(r.figures.map((f) => [f.measure, f.value])).toEqual([
      ['burglary', 312],
      ['burglary', 287],
      ['burglary', -8],
      [null, 41],
      [null, 52],
      [null, 26.8],
    ]);
  });
});

describe('the meeting, page furniture and exempt items', () => {
  it("takes the meeting's own date, not the next meeting's, and the committee as title", () => {
    const r = read('moderngov-decision-and-minutes');
    expect(r.meeting).toMatchObject({ date: '2021-09-09', nextMeetingDate: '2021-12-02', title: 'Safer Communities Scrutiny Panel' });
    const later = parseMinutes('Date of next meeting: 12 April 2022\n\nCrime and Disorder Committee\n\nThe Committee met on 8 February 2022.\n\nRESOLVED – That the report be noted.');
    expect(later.meeting.date).not.toBe('2022-04-12');
  });

  it('ignores links with file sizes and "Additional documents:"', () => {
    const r = read('moderngov-decision-and-minutes');
    expect(r.paragraphs.some((p) => /PDF\s+\d+\s*KB|Additional documents/i.test(p.text))).toBe(false);
  });

  it('marks what is read from Part 2 items exempt, and what is public not', () => {
    const r = read('part2-exempt');
    expect(r.resolutions.map((x) => x.exempt)).toEqual([false, true]);
    expect(r.followUps).toHaveLength(1);
    expect(r.followUps[0]).toMatchObject({ owner: 'Legal Services Manager', exempt: true });
    expect(r.notices.join(' ')).toMatch(/exempt/);
    const afterExclusion = read('lettered-resolutions');
    expect(afterExclusion.resolutions.filter((x) => x.exempt).map((x) => x.text)).toEqual(['That the contract be awarded to the preferred bidder and that officers report back on mobilisation before the year end.']);
  });
});

describe('Word documents', () => {
  async function wordMinutes(): Promise<Buffer> {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'resolutions',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '(%1)', alignment: AlignmentType.LEFT },
              { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.LEFT },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Crime and Disorder Committee', bold: true })] }),
            new Paragraph('Minutes of the meeting held on 16 May 2022'),
            new Paragraph('The Community Safety Manager presented the quarterly update report.'),
            new Paragraph({ text: 'Hate crime had risen by 7.5% in the twelve months to March 2022.', bullet: { level: 0 } }),
            new Paragraph({ text: 'Members asked for a breakdown of hate crime by ward.', bullet: { level: 0 } }),
            new Table({
              rows: [
                new TableRow({ children: ['Category', '2020/21', '2021/22'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                new TableRow({ children: ['Burglary', '410', '388'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                new TableRow({ children: ['Shoplifting', '295', '342'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
              ],
            }),
            new Paragraph('RESOLVED –'),
            new Paragraph({ text: 'That the update be noted.', numbering: { reference: 'resolutions', level: 0 } }),
            new Paragraph({ children: [new TextRun('That the Chair\twrite to the Police and Crime Commissioner by 30 June 2022.')], numbering: { reference: 'resolutions', level: 0 } }),
          ],
        },
      ],
    });
    return Packer.toBuffer(doc);
  }

  it('reads bullets, tabs, automatic numbering and tables as it reads plain text', async () => {
    const text = await extractTextFromDocx(await wordMinutes());
    expect(text).toMatch(/^• Hate crime had risen/m);
    expect(text).toMatch(/^\(1\) That the update be noted\./m);
    expect(text).toMatch(/^Burglary\t410\t388$/m);
    const r = parseMinutes(text);
    expect(r.meeting.date).toBe('2022-05-16');
    expect(r.resolutions.map((x) => [x.number, x.text])).toEqual([
      [1, 'That the update be noted.'],
      [2, 'That the Chair write to the Police and Crime Commissioner by 30 June 2022.'],
    ]);
    expect(r.followUps.map((f) => [f.title, f.due])).toEqual([
      ['Provide a breakdown of hate crime by ward', null],
      ['Write to the Police and Crime Commissioner', '2022-06-30'],
    ]);
    expect(r.figures.map((f) => [f.measure, f.value])).toEqual([
      ['hate-crime', 7.5],
      ['burglary', 410],
      ['burglary', 388],
      ['shoplifting', 295],
      ['shoplifting', 342],
    ]);
  });

  it('numbers nested lists (1), (a) and decodes entities', () => {
    expect(textFromMammothHtml('<ol><li>That A &amp; B be noted:<ol><li>first</li><li>second</li></ol></li><li>That C</li></ol>')).toBe('(1) That A & B be noted:\n\n(a) first\n\n(b) second\n\n(2) That C');
  });
});

describe('minutes written with action points and a resolution stem', () => {
  const r = read('action-log-style');

  it('reads "Resolved – that the Committee:" then (i), (ii) as resolutions that each begin with the stem', () => {
    expect(texts(r)).toEqual(['The Committee RESOLVED that the update be noted.', 'That the Committee notes the update; and', 'That the Committee requests that the Chief Inspector attend the February meeting.']);
  });

  it('reads "ACTION: Inspector Shaw to provide …" with its owner and a due date counted from the meeting', () => {
    expect(followUp(r, /breakdown of shoplifting/)).toMatchObject({ title: 'Provide a breakdown of shoplifting by ward', owner: 'Inspector Shaw', due: '2022-11-09', precision: 'day' });
  });

  it('keeps "Members were advised that, furthermore," out of the title and the owner', () => {
    expect(followUp(r, /ward profiles/)).toMatchObject({ title: 'Share the ward profiles with ward councillors', audience: 'ward councillors', due: '2022-11-30' });
  });

  it('reads an attendance the committee asked for, due in the month named', () => {
    expect(followUp(r, /^Attend/)).toMatchObject({ owner: 'Chief Inspector', due: '2023-02', precision: 'month', kind: 'resolution' });
  });

  it('gives each figure the measure of its own clause', () => {
    expect(r.figures.map((f) => [f.measure, f.value, f.unit])).toEqual([
      ['anti-social-behaviour', -4.2, '%'],
      ['shoplifting', 52, 'count'],
    ]);
  });
});

describe('bulleted resolutions and month-end deadlines', () => {
  const r = read('bulleted-resolutions');

  it('reads "RESOLVED (unanimously) that:" then bullets, each a resolution', () => {
    expect(texts(r)).toEqual(['That the update be noted;', "That the Panel's comments be passed to the Partnership Board."]);
    expect(r.meeting.title).toBe('Serious Violence Duty');
  });

  it('reads "by the end of the month" as the meeting month, and who the figures go to', () => {
    expect(followUp(r, /stop and search/)).toMatchObject({ title: 'Send the stop and search figures to the Chair', owner: 'Police Inspector', audience: 'Chair', due: '2022-09', precision: 'month' });
  });

  it('reads something arranged for Members, with no date given', () => {
    expect(followUp(r, /site visit/)).toMatchObject({ title: 'Arrange a site visit to the new youth hub for Members', audience: 'Members', due: null, dueBasis: 'none' });
  });
});

describe('the same minutes copied differently', () => {
  const essentials = (r: MinutesExtract) => ({
    date: r.meeting.date,
    resolutions: r.resolutions.map((x) => [x.text, x.exempt]),
    followUps: r.followUps.map((f) => [f.title, f.due, f.owner, f.audience]),
    figures: r.figures.map((f) => [f.value, f.measure, f.period]),
  });
  const names = ['moderngov-decision-and-minutes', 'lettered-resolutions', 'numbered-nested', 'cabinet-decisions', 'part2-exempt', 'figures-only', 'action-log-style', 'bulleted-resolutions', 'table-row-per-line'];

  it.each(names)('%s reads the same wrapped as in a PDF, with a line per paragraph, Windows line ends or non-breaking spaces', (name) => {
    const text = fixture(name);
    const original = essentials(parseMinutes(text));
    const variants = [
      rewrap(text, 60),
      rewrap(text, 75),
      text.split('\n').filter((l) => l.trim() !== '').join('\n'),
      text.replace(/\n/g, '\r\n'),
      text.replace(/ (?=[a-z])/g, '\u00a0'),
    ];
    for (const v of variants) expect(essentials(parseMinutes(v))).toEqual(original);
  });
});
