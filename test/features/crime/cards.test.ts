import type { CardJson } from '../../../src/core/turn';
import { createAnswerRenderer, renderAnswerCard, splitSeries } from '../../../src/features/crime/cards';
import { CHART_TABLE_ID } from '../../../src/cards/common';
import { CARD_BUDGET_BYTES, cardBytes } from '../../../src/cards/template';
import { validateCard } from '../../../src/cards/validate';
import type { Query } from '../../../src/core/query';
import type { Answer } from '../../../src/core/answer';
import { answerCrime } from '../../../src/features/crime/answer';
import { ASB, fixtureFigures, HASLAND, HATE, pack, ROTHER } from './answerFixture';

type Node = Record<string, unknown>;

/** Every object in the card, depth first. */
function nodes(x: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(x)) x.forEach((y) => nodes(y, out));
  else if (x && typeof x === 'object') {
    out.push(x as Node);
    Object.values(x).forEach((y) => nodes(y, out));
  }
  return out;
}

const ofType = (card: CardJson, type: string) => nodes(card).filter((n) => n.type === type);
const cellTexts = (row: Node) => (row.cells as Node[]).map((c) => ((c.items as Node[])[0].text as string));

function expectGoodCard(card: CardJson, answer: Answer): void {
  expect(validateCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  expect(card.version).toBe('1.5');
  expect(card.msteams).toEqual({ width: 'Full' });
  // A heading first (screen readers jump by headings), then the text answer.
  const [heading, text] = card.body as Node[];
  expect(heading).toMatchObject({ type: 'TextBlock', style: 'heading', wrap: true });
  expect(text.type).toBe('TextBlock');
  expect(text.wrap).toBe(true);
  expect(answer.text.startsWith(text.text as string) || (text.text as string).endsWith('…')).toBe(true);
  // Colours are Teams' named chart colours only; what they mark is also said in words.
  expect(nodes(card).some((n) => 'colorSet' in n)).toBe(false);
  for (const n of nodes(card).filter((x) => 'color' in x)) expect(['categoricalBlue', 'categoricalMarigold']).toContain(n.color);
  // Every chart has its figures as a table: its fallback, and behind a visible "Show as table" button.
  for (const chart of nodes(card).filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Chart.'))) {
    expect((chart.fallback as Node).type).toBe('Table');
    const body = card.body as Node[];
    const at = body.indexOf(chart);
    expect(body[at + 1]).toMatchObject({ type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show as table', targetElements: [CHART_TABLE_ID] }] });
    expect(body[at + 2]).toEqual({ type: 'Container', id: CHART_TABLE_ID, isVisible: false, items: [chart.fallback] });
  }
}

const q = (intent: Query['intent'], extra: Partial<Query> = {}): Query => ({ intent, text: 'q', ...extra });

describe('crime cards from real answers', () => {
  const cases: [string, Query][] = [
    ['trend', q('crime.trend', { area: ROTHER, category: ASB })],
    ['total', q('crime.total', { area: ROTHER })],
    ['rank', q('crime.rank', { category: ASB, area: ROTHER })],
    ['breakdown', q('crime.breakdown', { area: ROTHER })],
    ['compare', q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB })],
  ];

  it.each(cases)('the %s card renders, validates, fits and starts with the text answer', async (_name, query) => {
    const answer = await answerCrime(query, fixtureFigures({ sample: true }), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    expect((card.body as Node[])[1].text).toBe(answer.text);
    // Sources line, then the caveats behind a toggle, then the follow-up questions.
    const texts = ofType(card, 'TextBlock').map((t) => t.text as string);
    expect(texts.some((t) => t.startsWith('Source: Sample data (synthetic). Figures to Jan 2021.'))).toBe(true);
    expect(texts).toContain('• These figures are synthetic sample data for the demo, not real crime figures.');
    const toggles = ofType(card, 'Action.ToggleVisibility').map((t) => t.title as string);
    expect(toggles.some((t) => /^Show caveats/.test(t))).toBe(true);
    const buttons = card.actions as Node[];
    expect(buttons.map((b) => b.data)).toEqual(answer.suggestions?.map((s) => ({ question: s })));
    expect(buttons.every((b) => b.type === 'Action.Execute' && b.verb === 'ask')).toBe(true);
  });

  it('the trend chart has this period and the previous one, told apart by legend words and a dark and a light colour, with month labels that fit', async () => {
    const answer = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    expect((card.body as Node[])[0].text).toBe('ASB in Rother, Feb 2020 – Jan 2021');
    const [chart] = ofType(card, 'Chart.Line');
    const data = chart.data as { legend: string; color: string; values: { x: string; y: number }[] }[];
    expect(data.map((d) => d.legend)).toEqual(['Feb 2020 – Jan 2021', 'Feb 2019 – Jan 2020']);
    expect(data.map((d) => d.color)).toEqual(['categoricalBlue', 'categoricalMarigold']);
    const { current, previous } = splitSeries(answer);
    expect(data[0].values.map((v) => v.y)).toEqual(current.map((m) => m.count));
    expect(data[1].values.map((v) => v.y)).toEqual(previous.map((m) => m.count));
    // Initials that fit a narrow card, each label distinct (points are keyed by label), the same for both years.
    const labels = data[0].values.map((v) => v.x);
    expect(labels.map((x) => x.replace(/\u200b/g, ''))).toEqual(['F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D', 'J']);
    expect(new Set(labels).size).toBe(12);
    expect(data[1].values.map((v) => v.x)).toEqual(labels);
    expect(chart.xAxisTitle).toBe('Month, Feb 2020 to Jan 2021');

    const fallback = chart.fallback as Node;
    expect(fallback.type).toBe('Table');
    const [header, ...rows] = fallback.rows as Node[];
    expect(cellTexts(header)).toEqual(['Feb 2020 – Jan 2021', 'Incidents', 'Feb 2019 – Jan 2020', 'Incidents']);
    expect(rows.map((r) => Number(cellTexts(r)[1]))).toEqual(current.map((m) => m.count));
    expect(rows.map((r) => Number(cellTexts(r)[3]))).toEqual(previous.map((m) => m.count));
    expect(cellTexts(rows[3])).toEqual(['May 2020', '40', 'May 2019', '10']);
  });

  it('the trend card repeats the headline figures as facts, in words', async () => {
    const answer = await answerCrime(q('crime.trend', { area: ROTHER, category: ASB }), fixtureFigures(), pack);
    const facts = ofType(renderAnswerCard(answer), 'FactSet')[0].facts;
    expect(facts).toEqual([
      { title: 'Feb 2020 – Jan 2021', value: '150 incidents' },
      { title: 'Feb 2019 – Jan 2020', value: '120 incidents' },
      { title: 'Change', value: 'Up 25.0%' },
      { title: 'Rank among wards', value: '2nd of 3' },
      { title: 'Per 1,000 residents', value: '30.0' },
    ]);
  });

  it('the ranking card has a bar chart in one colour whose table lists every ward with its count and rate', async () => {
    const answer = await answerCrime(q('crime.rank', { category: ASB }), fixtureFigures(), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    const [chart] = ofType(card, 'Chart.HorizontalBar');
    expect(chart.data).toEqual([
      { x: 'Hasland', y: 240, color: 'categoricalBlue' },
      { x: 'Rother', y: 150, color: 'categoricalBlue' },
      { x: 'Walton', y: 96, color: 'categoricalBlue' },
    ]);
    // Values along the bottom, wards down the side; values written by the bars, not as cut ticks.
    expect(chart).toMatchObject({ xAxisTitle: 'Incidents', yAxisTitle: 'Ward', displayMode: 'AbsoluteNoAxis' });
    const rows = ((chart.fallback as Node).rows as Node[]).slice(1).map(cellTexts);
    expect(rows).toEqual([
      ['1', 'Hasland', '240', '120.0'],
      ['2', 'Rother', '150', '30.0'],
      ['3', 'Walton', '96', '60.0'],
    ]);
  });

  it('the ranking highlights the ward asked about in a second colour and names it so', async () => {
    const answer = await answerCrime(q('crime.rank', { category: ASB, area: ROTHER }), fixtureFigures(), pack);
    const [chart] = ofType(renderAnswerCard(answer), 'Chart.HorizontalBar');
    expect((chart.data as Node[]).find((d) => d.color === 'categoricalMarigold')).toEqual({ x: 'Rother (asked about)', y: 150, color: 'categoricalMarigold' });
    expect((chart.data as Node[]).filter((d) => d.color === 'categoricalBlue')).toHaveLength(2);
  });

  it('the breakdown card has bars named and counted, and a table with each category and its share', async () => {
    const answer = await answerCrime(q('crime.breakdown', { area: ROTHER }), fixtureFigures(), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    const [donut] = ofType(card, 'Chart.HorizontalBar');
    expect(donut).toMatchObject({ displayMode: 'AbsoluteNoAxis' });
    expect(donut.data).toEqual([
      { x: 'Violence and sexual offences', y: 60, color: 'categoricalBlue' },
      { x: 'Burglary', y: 24, color: 'categoricalBlue' },
    ]);
    const rows = ((donut.fallback as Node).rows as Node[]).slice(1).map(cellTexts);
    expect(rows.slice(0, 2)).toEqual([
      ['Violence and sexual offences', '60', '71.4%'],
      ['Burglary', '24', '28.6%'],
    ]);
  });

  it('the compare card puts areas side by side in a bar chart and its table', async () => {
    const answer = await answerCrime(q('crime.compare_areas', { areas: [ROTHER, HASLAND], category: ASB }), fixtureFigures(), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    const [chart] = ofType(card, 'Chart.VerticalBar');
    expect(((chart.fallback as Node).rows as Node[]).slice(1).map(cellTexts)).toEqual([
      ['Hasland', '240', '120.0'],
      ['Rother', '150', '30.0'],
    ]);
    expect(chart.data).toEqual([
      { x: 'Hasland', y: 240, color: 'categoricalBlue' },
      { x: 'Rother', y: 150, color: 'categoricalBlue' },
    ]);
  });

  it('shows a suppressed month as "Fewer than 5", never its number, and leaves it off the chart', async () => {
    const answer = await answerCrime(q('crime.trend', { area: ROTHER, category: HATE }), fixtureFigures({ withHateCrime: true }), pack);
    const card = renderAnswerCard(answer, { suppressionThreshold: 5 });
    expectGoodCard(card, answer);
    const [chart] = ofType(card, 'Chart.Line');
    const current = (chart.data as { values: { x: string }[] }[])[0].values;
    expect(current).toHaveLength(11);
    // The second point (March) is left out; February and April keep their places.
    expect(current.map((v) => v.x.replace(/\u200b/g, '')).slice(0, 2)).toEqual(['F', 'A']);
    const rows = ((chart.fallback as Node).rows as Node[]).slice(1).map(cellTexts);
    expect(rows[1]).toEqual(['Mar 2020', 'Fewer than 5', 'Mar 2019', '6']);
    expect(JSON.stringify(card)).not.toMatch(/"Mar 2020","wrap":true}\]},\{"type":"TableCell","items":\[\{"type":"TextBlock","text":"2"/);
  });

  it('answers without figures (nothing loaded) fall back to the text card', async () => {
    const answer = await answerCrime(q('crime.trend', { area: ROTHER, category: HATE }), fixtureFigures(), pack);
    const card = renderAnswerCard(answer);
    expectGoodCard(card, answer);
    expect(ofType(card, 'Chart.Line')).toHaveLength(0);
  });
});

describe('the answer renderer', () => {
  it('renders any other intent as text with suggestion buttons', () => {
    const card = renderAnswerCard({ intent: 'unknown', text: 'I did not follow that.', suggestions: ['Help'] });
    expect(validateCard(card)).toEqual([]);
    expect((card.body as Node[])[0]).toMatchObject({ style: 'heading', text: 'Not understood' });
    expect((card.body as Node[])[1].text).toBe('I did not follow that.');
    expect((card.actions as Node[])[0].data).toEqual({ question: 'Help' });
  });

  it('can be extended with renderers for other intents', () => {
    const render = createAnswerRenderer({ 'actions.list': (a) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `actions: ${a.text}` }] }) });
    expect((render({ intent: 'actions.list', text: 'x' }).body as Node[])[0].text).toBe('actions: x');
    expect((render({ intent: 'help', text: 'y' }).body as Node[])[1].text).toBe('y');
  });
});

/** A small seeded generator so the fuzzed answers are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function fuzzName(rand: () => number, i: number): string {
  const bits = ['Ward', 'St Helen’s', '${x}', '**bold**', '😀', 'Ænglish', 'Брімінгтон', '"quoted"', '<b>', 'and', '&'];
  const words = Array.from({ length: 20 + Math.floor(rand() * 40) }, () => bits[Math.floor(rand() * bits.length)]);
  return `${i} ${words.join(' ')}`;
}

describe('fuzzed answers with long lists', () => {
  const rand = prng(20210118);
  const months = Array.from({ length: 72 }, (_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const wards = Array.from({ length: 100 }, (_, i) => ({ area: { code: `E05${String(i).padStart(6, '0')}`, name: fuzzName(rand, i) }, count: Math.floor(rand() * 100000), per1000: Math.round(rand() * 10000) / 10 }))
    .sort((a, b) => b.count - a.count);
  const base: Omit<Answer, 'intent'> = {
    area: { code: wards[57].area.code, name: wards[57].area.name, type: 'ward' },
    areas: wards.map((w) => ({ ...w.area, type: 'ward' as const })),
    category: { slug: 'anti-social-behaviour', name: 'Anti-social behaviour' },
    period: { from: '2018-01', to: '2020-12' },
    previousPeriod: { from: '2015-01', to: '2017-12' },
    total: 123456789,
    previousTotal: 98765432,
    changePct: 25,
    series: months.map((month) => ({ month, count: Math.floor(rand() * 1e6), ...(rand() < 0.1 ? { suppressed: true } : {}) })),
    ranking: wards,
    breakdown: wards.map((w) => ({ category: { slug: w.area.code, name: w.area.name }, count: w.count })),
    text: fuzzName(rand, 0).repeat(40),
    sources: Array.from({ length: 20 }, (_, i) => ({ name: fuzzName(rand, i), asOf: '2021-01' })),
    caveats: Array.from({ length: 30 }, (_, i) => fuzzName(rand, i).repeat(3)),
    suggestions: Array.from({ length: 30 }, (_, i) => fuzzName(rand, i)),
  };

  it.each(['crime.trend', 'crime.total', 'crime.rank', 'crime.breakdown', 'crime.compare_areas'] as const)('%s stays valid and under 28 KB with 100 long-named wards', (intent) => {
    const answer: Answer = { intent, ...base };
    const card = renderAnswerCard(answer);
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });

  it('a trimmed ranking says how many it shows and keeps the ward asked about', () => {
    const card = renderAnswerCard({ intent: 'crime.rank', ...base });
    const texts = ofType(card, 'TextBlock').map((t) => t.text as string);
    expect(texts.some((t) => /^Showing the top \d+ of 100 wards\.$/.test(t))).toBe(true);
    const [chart] = ofType(card, 'Chart.HorizontalBar');
    const rows = ((chart.fallback as Node).rows as Node[]).slice(1).map(cellTexts);
    expect(rows[rows.length - 1][0]).toBe('58');
    expect(rows[rows.length - 1][1]).toMatch(/\(asked about\)$/);
  });
  it('a ten-year trend keeps its latest months, pairs them with the same months before, and says so', () => {
    const month = (i: number) => `${2001 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const series = Array.from({ length: 240 }, (_, i) => ({ month: month(i), count: i }));
    const answer: Answer = { ...base, intent: 'crime.trend', period: { from: month(120), to: month(239) }, previousPeriod: { from: month(0), to: month(119) }, series };
    const card = renderAnswerCard(answer);
    expect(validateCard(card)).toEqual([]);
    const texts = ofType(card, 'TextBlock').map((t) => t.text as string);
    const note = texts.find((t) => t.startsWith('Showing the latest'));
    expect(note).toMatch(/^Showing the latest \d+ of 120 months\.$/);
    const [chart] = ofType(card, 'Chart.Line');
    const rows = ((chart.fallback as Node).rows as Node[]).slice(1).map(cellTexts);
    expect(rows[rows.length - 1]).toEqual(['Dec 2020', '239', 'Dec 2010', '119']);
  });
});
