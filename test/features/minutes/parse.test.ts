import { parseMinutes, toDryRun } from '../../../src/features/minutes/parse';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';
import { DEMO_ACTION_PLAN } from '../../../src/demo/actionPlan';
import { describeWithSeed, minutesSeed, rewrap } from '../../support/minutesSeed';

const MEETING = '2021-03-16';
const demoActions = DEMO_ACTION_PLAN.map((a) => ({ id: a.id, title: a.title }));

function parse(text: string, meetingDate: string | null = MEETING) {
  return parseMinutes(text, { meetingDate, pack: chesterfieldPack, actions: demoActions });
}

function followUpAbout(result: ReturnType<typeof parse>, word: RegExp) {
  const found = result.followUps.filter((f) => word.test(f.title));
  expect(found).toHaveLength(1);
  return found[0];
}

describeWithSeed('reading the worked example (Chesterfield CSP progress report, 2021)', () => {
  let result: ReturnType<typeof parse>;
  beforeAll(() => {
    result = parse(minutesSeed());
  });

  it('reads it as minutes and names the agenda item', () => {
    expect(result.isMinutes).toBe(true);
    expect(result.meeting.title).toMatch(/Progress Report on Community Safety Partnership/);
    expect(result.meeting.date).toBe(MEETING);
    expect(result.meeting.presenter).toMatch(/^Service Director/);
  });

  it('finds exactly its two resolutions, numbered, with their words', () => {
    const written = [...minutesSeed().matchAll(/^\((\d)\)\s+(.+?)\s*$/gm)].map((m) => ({ number: Number(m[1]), text: m[2] }));
    expect(written).toHaveLength(2);
    expect(result.resolutions.map((r) => ({ number: r.number, text: r.text }))).toEqual(written);
  });

  it('proposes exactly three follow-ups', () => {
    expect(result.followUps).toHaveLength(3);
  });

  it('proposes the September 2021 progress report to the Crime and Disorder Committee, due that month', () => {
    const report = followUpAbout(result, /progress report/i);
    expect(report.title).toMatch(/Crime and Disorder Committee/);
    expect(report.due).toBe('2021-09');
    expect(report.precision).toBe('month');
    expect(report.resolutionNumber).toBe(2);
    expect(report.audience).toBe('Crime and Disorder Committee');
    expect(report.source.paragraph).toBe(result.resolutions[1].source.paragraph);
  });

  it('proposes the further information on reported hate crime, with the sentence it came from', () => {
    const hate = followUpAbout(result, /hate crime/i);
    expect(hate.title).toMatch(/^Provide further information on the increase/);
    const asked = /[^.]*\brequested\b[^.]*hate crime\./.exec(minutesSeed().replace(/\s+/g, ' '));
    expect(hate.source.text).toBe(asked?.[0].trim());
    const paragraph = result.paragraphs.find((p) => p.index === hate.source.paragraph);
    expect(paragraph?.text).toContain(hate.source.text);
    // No date is given in the minutes: none is invented; reminders would start four weeks after the meeting.
    expect(hate.dueBasis).toBe('none');
    expect(hate.due).toBeNull();
    expect(hate.chaseFrom).toBe('2021-04-13');
    expect(toDryRun(result).followUps.find((f) => /hate crime/.test(f.title))?.dueText).toBe('no date given');
    expect(result.notices.join(' ')).toMatch(/no date given/);
  });

  it('proposes sending members the vaccination webinar details a week after the meeting', () => {
    const webinar = followUpAbout(result, /webinar/i);
    expect(webinar.title).toMatch(/^Distribute details of a community question and answer webinar to Members$/);
    expect(webinar.audience).toBe('Members');
    expect(webinar.due).toBe('2021-03-23');
    expect(webinar.precision).toBe('day');
    expect(webinar.dueBasis).toBe('after-meeting');
    expect(webinar.source.text).toMatch(/vaccinations\.$/);
  });

  it('lists the six areas of activity the report referred to, in the plan\'s imperative form', () => {
    const listed = result.activities.filter((a) => a.mention === 'listed');
    expect(listed).toHaveLength(6);
    expect(listed.map((a) => a.title.split(' ')[0])).toEqual(['Support', 'Support', 'An', 'A', 'Support', 'Explore']);
    expect(listed.map((a) => a.source.text).join(' ')).toMatch(/Cyber Buddies.*PREVENT.*guard cams.*communications campaign.*Hate Crime Strategy.*CCTV/s);
  });

  it('matches each listed activity to the demo plan\'s actions it names', () => {
    const listed = result.activities.filter((a) => a.mention === 'listed');
    // Each demo action naming a distinctive phrase of a bullet must be linked to that bullet.
    const cases: [RegExp, RegExp][] = [
      [/Cyber Buddies/, /Cyber Buddies/],
      [/PREVENT/, /PREVENT/],
      [/guard cams/, /guard cams/],
      [/communications campaign/, /communications campaign/],
      [/Public Space Protection Order/, /Public Space Protection Order/],
      [/Hate Crime Awareness Week/, /Hate Crime Awareness Week/],
      [/Business Crime Reduction/, /Business Crime Reduction/],
      [/CCTV/, /CCTV/],
    ];
    for (const [inBullet, inTitle] of cases) {
      const bullet = listed.find((a) => inBullet.test(a.source.text));
      const action = DEMO_ACTION_PLAN.find((a) => inTitle.test(a.title));
      expect(bullet).toBeDefined();
      expect(action).toBeDefined();
      expect(bullet!.matchedActionIds).toContain(action!.id);
    }
    const linked = new Set(result.activities.flatMap((a) => a.matchedActionIds));
    expect(linked.size).toBe(result.activities.flatMap((a) => a.matchedActionIds).length);
  });

  it('proposes every listed activity as new when the plan is empty', () => {
    const bare = parseMinutes(minutesSeed(), { meetingDate: MEETING, pack: chesterfieldPack, actions: [] });
    expect(bare.activities).toHaveLength(6);
    expect(bare.activities.every((a) => a.matchedActionId === null)).toBe(true);
  });

  it('finds the 6.2% fall in total crime for February 2020 to January 2021 against the previous 12 months', () => {
    expect(result.figures).toHaveLength(1);
    const [fig] = result.figures;
    expect(fig.value).toBe(-6.2);
    expect(fig.unit).toBe('%');
    expect(fig.period).toEqual({ from: '2020-02', to: '2021-01' });
    expect(fig.comparedWith).toEqual({ from: '2019-02', to: '2020-01' });
    expect(fig.measure).toBe('all-crime');
    expect(fig.text).toMatch(/^a reduction of 6\.2% in the total number of crimes/);
  });

  it('names Rother, Middlecroft and Poolsbrook (2015–2023 wards) and Staveley', () => {
    expect(result.wards.map((w) => w.name).sort()).toEqual(['Middlecroft and Poolsbrook', 'Rother', 'Staveley']);
    expect(result.wards.find((w) => w.name === 'Rother')?.code).toBe('E05003337');
    expect(result.wards.find((w) => w.name === 'Middlecroft and Poolsbrook')?.code).toBe('E05003334');
    expect(result.wards.find((w) => w.name === 'Staveley')?.type).toBe('group');
  });

  it('keeps every paragraph with its position, and every item points at one of them', () => {
    const indices = result.paragraphs.map((p) => p.index);
    expect(indices).toEqual(indices.map((_, i) => i + 1));
    const sources = [...result.resolutions, ...result.followUps, ...result.activities, ...result.figures].map((x) => x.source);
    for (const s of sources) expect(result.paragraphs[s.paragraph - 1].text).toContain(s.text);
  });

  it('gives the dry-run object the CLI prints', () => {
    const dry = toDryRun(result);
    expect(Object.keys(dry)).toEqual(expect.arrayContaining(['meeting', 'resolutions', 'followUps', 'activities', 'figures', 'wards']));
    expect(dry.figures[0]).toEqual({ text: result.figures[0].text, value: -6.2, unit: '%', measure: 'all-crime', period: { from: '2020-02', to: '2021-01' }, comparedWith: { from: '2019-02', to: '2020-01' }, exempt: false });
    expect(dry.followUps.map((f) => f.due)).toEqual(result.followUps.map((f) => f.due));
  });

  it('leaves relative due dates open and says why when the meeting date is unknown', () => {
    const undated = parse(minutesSeed(), null);
    expect(undated.meeting.date).toBeNull();
    expect(followUpAbout(undated, /progress report/i).due).toBe('2021-09');
    expect(followUpAbout(undated, /webinar/i).due).toBeNull();
    expect(undated.notices.join(' ')).toMatch(/do not say when the meeting was/);
    // The 2021 references still place the wards in the 2015–2023 set.
    expect(undated.wards.find((w) => w.name === 'Rother')?.code).toBe('E05003337');
  });
});

describeWithSeed('reading variations of the same minutes', () => {
  let original: ReturnType<typeof parse>;
  beforeAll(() => {
    original = parse(minutesSeed());
  });
  const essentials = (r: ReturnType<typeof parse>) => ({
    resolutions: r.resolutions.map((x) => x.text),
    followUps: r.followUps.map((f) => [f.title, f.due, f.precision]),
    activities: r.activities.map((a) => [a.title, a.matchedActionIds]),
    figures: r.figures.map((f) => [f.value, f.period]),
    wards: r.wards.map((w) => w.code),
  });

  it('reads the same with other bullets and "1." numbering', () => {
    for (const bullet of ['•', '-', '*', '–']) {
      const text = minutesSeed()
        .replace(/^·\s+/gm, `${bullet} `)
        .replace(/^\((\d)\)\s+/gm, '$1. ');
      expect(essentials(parse(text))).toEqual(essentials(original));
    }
  });

  it('reads the same when lines are wrapped as in a PDF, with page numbers and Windows line ends', () => {
    for (const width of [48, 60, 75]) {
      const wrapped = rewrap(minutesSeed().replace(/\u00a0/g, ' '), width).replace(/\nMinutes:\n/, '\nMinutes:\nPage 1 of 2\n').replace(/\n/g, '\r\n');
      const r = parse(wrapped);
      expect(essentials(r)).toEqual(essentials(original));
      expect(r.contentHash).toBe(original.contentHash);
    }
  });

  it('reads the same with paragraphs on single lines and no blank lines between them', () => {
    const dense = minutesSeed()
      .split(/\n/)
      .filter((l) => l.replace(/[\s\u00a0]/g, '') !== '')
      .join('\n');
    expect(essentials(parse(dense))).toEqual(essentials(original));
  });

  it('reads the same with odd spacing: tabs, runs of spaces and non-breaking spaces', () => {
    const spaced = minutesSeed()
      .replace(/ (?=[a-z])/g, (m, at: number) => (at % 7 === 0 ? '\t' : at % 5 === 0 ? '   ' : at % 3 === 0 ? '\u00a0' : m))
      .replace(/RESOLVED –/, 'RESOLVED  -  ');
    const r = parse(spaced);
    expect(essentials(r).resolutions).toEqual(essentials(original).resolutions);
    expect(essentials(r).followUps).toEqual(essentials(original).followUps);
    expect(essentials(r).figures).toEqual(essentials(original).figures);
  });

  it('reads dates written differently', () => {
    const text = minutesSeed()
      .replace('September, 2021', 'Sept. 2021')
      .replace('from February, 2020 to January, 2021', 'between Feb 2020 and Jan 2021');
    const r = parse(text);
    expect(followUpAbout(r, /progress report/i).due).toBe('2021-09');
    expect(r.figures[0].period).toEqual({ from: '2020-02', to: '2021-01' });
    expect(r.figures[0].value).toBe(-6.2);
  });

  it('takes the meeting date from a dated heading when none is given', () => {
    const text = `Crime and Disorder Committee\nTuesday, 16th March, 2021\n\n${minutesSeed()}`;
    const r = parse(text, null);
    expect(r.meeting.date).toBe('2021-03-16');
    expect(followUpAbout(r, /webinar/i).due).toBe('2021-03-23');
  });

  it('says so when the given meeting date disagrees with the minutes, and uses the given one', () => {
    const text = `Meeting held on 16 March 2021\n\n${minutesSeed()}`;
    const r = parse(text, '2021-03-17');
    expect(r.meeting.date).toBe('2021-03-17');
    expect(r.notices.join(' ')).toMatch(/2021-03-16.*2021-03-17/);
  });

  it('finds an added resolution and the follow-up it asks for, with a day-precise date', () => {
    const text = `${minutesSeed().trimEnd()}\n\n(3)      That a briefing note on hate crime in Rother be circulated to all Members by 30 April 2021.\n`;
    const r = parse(text);
    expect(r.resolutions.map((x) => x.number)).toEqual([1, 2, 3]);
    expect(r.followUps).toHaveLength(4);
    const added = r.followUps.find((f) => f.resolutionNumber === 3)!;
    expect(added.title).toMatch(/^Circulate a briefing note on hate crime in Rother to Members$/);
    expect(added.due).toBe('2021-04-30');
    expect(added.precision).toBe('day');
  });

  it('reads resolutions written on one line after "RESOLVED:"', () => {
    const text = minutesSeed().replace(/RESOLVED –[\s\u00a0]*\(1\)\s+(.*?)[\s\u00a0]*\(2\)\s+/s, 'RESOLVED: (1) $1 (2) ');
    const r = parse(text);
    expect(r.resolutions.map((x) => x.text)).toEqual(original.resolutions.map((x) => x.text));
  });

  it('reads a single unnumbered resolution', () => {
    const text = minutesSeed().replace(/RESOLVED –[\s\S]*$/, 'RESOLVED – That the report be noted.');
    const r = parse(text);
    expect(r.resolutions).toEqual([expect.objectContaining({ number: 1, text: 'That the report be noted.' })]);
  });
});

describe('text that is not minutes', () => {
  const samples = [
    'Preheat the oven to 180C. Mix 200g flour with two eggs and bake for 25 minutes until golden. Serves 4.',
    'Hi team,\n\nThe car park will be closed on Friday for resurfacing. Please use the overflow car park.\n\nThanks',
    'Police are appealing for witnesses after a burglary in Hasland. Crime in the area fell by 4% last year.',
    '',
    '   \n\u00a0\n  ',
  ];

  it.each(samples)('proposes nothing and says why: %j', (text) => {
    const r = parseMinutes(text, { pack: chesterfieldPack, actions: [{ id: 'A1', title: 'Promote Hate Crime Awareness Week' }] });
    expect(r.isMinutes).toBe(false);
    expect([...r.resolutions, ...r.followUps, ...r.activities, ...r.figures, ...r.wards]).toEqual([]);
    expect(r.summary).toMatch(/not read as committee minutes|empty/);
  });

  it('refuses a meeting date that is not YYYY-MM-DD, saying how to write it', () => {
    expect(() => parseMinutes('RESOLVED – That the report be noted.', { meetingDate: '16/03/2021' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('a resolution whose items are numbered after one "that"', () => {
  const text = [
    'Minutes of a meeting of the Crime and Disorder Committee held on Monday 14th February 2022.',
    '',
    'CS47-21/22 COMMUNITY SAFETY PARTNERSHIP UPDATE',
    'The Head of Community Safety presented the report.',
    '',
    'RESOLVED that (1) the report be noted;',
    '(2) a further update on off-road motorbike enforcement be brought to the Committee in six months;',
    '(3) the Head of Community Safety write to Derbyshire Constabulary requesting additional patrols in Pleasley, and report the response to the next meeting.',
  ].join('\n');

  it('reads each item as its own resolution, and each item that asks for something as a follow-up', () => {
    const r = parseMinutes(text, { pack: chesterfieldPack, actions: [] });
    expect(r.resolutions.map((x) => [x.number, x.text.slice(0, 30)])).toEqual([
      [1, 'That the report be noted;'],
      [2, 'a further update on off-road m'],
      [3, 'the Head of Community Safety w'],
    ]);
    const titles = r.followUps.map((f) => f.title);
    expect(titles).toContain('Bring a further update on off-road motorbike enforcement to the Committee');
    expect(titles.some((t) => t.startsWith('Write to Derbyshire Constabulary requesting additional patrols in Pleasley'))).toBe(true);
    expect(r.followUps.find((f) => f.title.startsWith('Write to'))?.owner).toBe('Head of Community Safety');
  });
});

describe('partnership board minutes written a line per paragraph, with "Agreed:" and "ACTION:" lines', () => {
  const text = [
    'Safer Dales Community Safety Partnership Board',
    'Minutes of the meeting held on Thursday 9 June 2022, 2pm, Town Hall, Matlock',
    '2. Minutes of the last meeting and matters arising',
    'The minutes of the meeting held on 10 March 2022 were agreed as a true record.',
    '4. Anti-social behaviour in Ashbourne',
    'Agreed: Jane Ellis to bring a report on the outcomes of the youth diversion pilot to the September meeting.',
    'Date of next meeting: Thursday 8 September 2022 at 2pm.',
  ].join('\n');

  it('keeps a sentence-case item heading apart from its text, names the owner without "Agreed:", and dates "the September meeting" by the next meeting', () => {
    const r = parseMinutes(text, { pack: chesterfieldPack, actions: [] });
    expect(r.resolutions.map((x) => x.text)).toContain('The minutes of the meeting held on 10 March 2022 were agreed as a true record.');
    const pilot = r.followUps.find((f) => /youth diversion pilot/.test(f.title));
    expect(pilot).toMatchObject({ owner: 'Jane Ellis', due: '2022-09-08', precision: 'day', dueBasis: 'next-meeting' });
  });
});
