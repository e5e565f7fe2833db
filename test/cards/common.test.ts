import {
  askAction,
  CHART_TABLE_ID,
  figuresTable,
  withChartTable,
  caveatElements,
  renderTextAnswerCard,
  shortenText,
  sourcesLine,
  suggestionActions,
  templateSafe,
  withAnswerFooter,
} from '../../src/cards/common';
import { validateCard } from '../../src/cards/validate';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/template';
import type { Answer } from '../../src/core/answer';

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

describe('sources line', () => {
  it('names the source with its attribution and the month the figures run to', () => {
    expect(sourcesLine([{ name: `police.uk street-level crime data. ${OGL}`, asOf: '2021-01' }])).toBe(
      `Source: police.uk street-level crime data. ${OGL} Figures to Jan 2021.`,
    );
  });

  it('gives a date for an extract and lists several sources', () => {
    expect(sourcesLine([{ name: 'Derbyshire Constabulary extract', asOf: '2021-02-03' }, { name: 'police.uk', asOf: '2021-01' }])).toBe(
      'Sources: Derbyshire Constabulary extract. As of 3 Feb 2021. police.uk. Figures to Jan 2021.',
    );
  });

  it('is empty with no sources', () => {
    expect(sourcesLine([])).toBe('');
    expect(sourcesLine(undefined)).toBe('');
  });
});

describe('suggestion buttons', () => {
  it('asks the question through the "ask" verb, as if it were typed', () => {
    expect(askAction('Actions in Rother')).toEqual({ type: 'Action.Execute', title: 'Actions in Rother', verb: 'ask', data: { question: 'Actions in Rother' } });
  });

  it('drops blanks and repeats and keeps at most four', () => {
    const actions = suggestionActions(['A', ' ', 'a', 'B', 'C', 'D', 'E']);
    expect(actions.map((a) => (a.data as { question: string }).question)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('cuts a long button title but keeps the whole question in the data', () => {
    const q = `Which wards have the most ${'very '.repeat(20)}serious crime?`;
    const a = askAction(q);
    expect((a.title as string).length).toBeLessThanOrEqual(60);
    expect((a.title as string).endsWith('…')).toBe(true);
    expect(a.data).toEqual({ question: q });
  });

  it('cuts a long title at a word, never mid-word, and gives the whole question as its tooltip', () => {
    const q = 'Compare Rother with Chesterfield for violence and sexual offences';
    const a = askAction(q);
    expect(a.title).toBe('Compare Rother with Chesterfield for…');
    expect(a.tooltip).toBe(q);
    expect(askAction('Actions in Rother')).not.toHaveProperty('tooltip');
  });
});

describe('chart tables', () => {
  const table = figuresTable(['Ward', 'Crimes'], [{ cells: ['Rother', '12'] }, { cells: ['Hasland', '9'], bold: true }], [3, 1]);
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'h', style: 'heading' }, { type: 'TextBlock', text: 't' }, { type: 'Chart.VerticalBar', data: [] }] };

  it('puts the table behind the chart as its fallback and under it behind a visible "Show as table" button', () => {
    const out = withChartTable(card, table);
    const body = out.body as Record<string, unknown>[];
    expect(body[2].fallback).toEqual(table);
    expect(body[3]).toMatchObject({ type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show as table', targetElements: [CHART_TABLE_ID] }] });
    expect(body[4]).toEqual({ type: 'Container', id: CHART_TABLE_ID, isVisible: false, items: [table] });
    expect(validateCard(out)).toEqual([]);
  });

  it('shows the table after the text when there is no chart to draw', () => {
    const out = withChartTable({ ...card, body: card.body.slice(0, 2) }, table);
    expect((out.body as unknown[])[2]).toEqual(table);
  });

  it('marks a bold row (the area asked about) in every cell', () => {
    const rows = table.rows as { cells: { items: { weight?: string }[] }[] }[];
    expect(rows[2].cells.every((c) => c.items[0].weight === 'Bolder')).toBe(true);
    expect(rows[1].cells.some((c) => c.items[0].weight === 'Bolder')).toBe(false);
  });
});

describe('caveats toggle', () => {
  it('hides the caveats behind a "Show caveats" button that targets them', () => {
    const [set, container] = caveatElements(['One', 'Two']);
    const toggle = (set.actions as Record<string, unknown>[])[0];
    expect(toggle).toMatchObject({ type: 'Action.ToggleVisibility', title: 'Show caveats (2)', targetElements: ['caveats'] });
    expect(container).toMatchObject({ type: 'Container', id: 'caveats', isVisible: false });
    expect((container.items as { text: string }[]).map((i) => i.text)).toEqual(['• One', '• Two']);
  });

  it('adds nothing when there are no caveats', () => {
    expect(caveatElements([])).toEqual([]);
    const card = withAnswerFooter({ type: 'AdaptiveCard', version: '1.5', body: [] }, { caveats: [], suggestions: [] });
    expect(card.body).toEqual([]);
    expect(card.actions).toBeUndefined();
  });
});

describe('template safety', () => {
  it('keeps "${" in data from reading as a template expression', () => {
    const safe = templateSafe({ name: 'Ward ${evil}', list: ['${x}'], n: 3 });
    expect(safe.name).not.toMatch(/\$\{/);
    expect(safe.name.replace('\u200b', '')).toBe('Ward ${evil}');
    expect(safe.list[0]).not.toMatch(/\$\{/);
    expect(safe.n).toBe(3);
  });
});

describe('text answer card', () => {
  const answer = (text: string, extra: Partial<Answer> = {}): Answer => ({ intent: 'help', text, suggestions: ['ASB trend in Rother', 'Actions in Rother'], ...extra });

  it('puts the text first and the suggestions as buttons', () => {
    const card = renderTextAnswerCard(answer('Ask me about crime in Chesterfield.'));
    expect(validateCard(card)).toEqual([]);
    expect((card.body as { text: string; style?: string }[])[0]).toMatchObject({ style: 'heading' });
    expect((card.body as { text: string }[])[1].text).toBe('Ask me about crime in Chesterfield.');
    expect((card.actions as { data: unknown }[]).map((a) => a.data)).toEqual([{ question: 'ASB trend in Rother' }, { question: 'Actions in Rother' }]);
    expect(card.msteams).toEqual({ width: 'Full' });
  });

  it('stays under the budget and valid whatever the text holds', () => {
    const hostile = ['', '${text}', '{"type":"AdaptiveCard"}', '😀'.repeat(20000), 'x'.repeat(100000), '**bold** [link](http://x)', '; DROP TABLE crime;--'];
    for (const t of hostile) {
      const card = renderTextAnswerCard(answer(t, { caveats: Array(30).fill('c'.repeat(2000)), suggestions: Array(30).fill(t || 'q'), sources: [{ name: t || 's', asOf: '2021-01' }] }));
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
  });
});

describe('shortening', () => {
  it('cuts long text on a character boundary, never inside an emoji', () => {
    expect(shortenText('Rother', 10)).toBe('Rother');
    expect(shortenText('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});
