import { validateCard } from '../../src/cards/validate';

const card = (body: unknown[], actions: unknown[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
const text = (t: string) => ({ type: 'TextBlock', text: t, wrap: true });
const table = { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [text('1')] }] }] };

describe('validateCard', () => {
  it('accepts a well-formed card with a chart, a table fallback, a toggle and an Execute button', () => {
    const c = card(
      [
        text('Hello'),
        { type: 'Chart.Line', title: 't', data: [{ legend: 'a', values: [{ x: 'Jan', y: 1 }] }], fallback: table },
        { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show', targetElements: ['more'] }] },
        { type: 'Container', id: 'more', isVisible: false, items: [text('hidden')] },
        { type: 'Input.Text', id: 'note', label: 'Note' },
      ],
      [{ type: 'Action.Execute', title: 'Go', verb: 'ask', data: { question: 'x' } }],
    );
    expect(validateCard({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', ...c })).toEqual([]);
  });

  it('rejects something that is not an Adaptive Card, or a version Teams does not know', () => {
    expect(validateCard('nope')).toEqual(['card: not a JSON object']);
    expect(validateCard({ type: 'MessageCard', version: '1.5' })[0]).toMatch(/not "AdaptiveCard"/);
    expect(validateCard({ type: 'AdaptiveCard', version: '2.0', body: [] })[0]).toMatch(/version "2.0"/);
  });

  it('names unknown element and action types with their path', () => {
    const problems = validateCard(card([{ type: 'Carousel' }], [{ type: 'Action.Http', title: 'x' }]));
    expect(problems).toEqual(['card.body[0]: unknown element type "Carousel"', 'card.actions[0]: unknown action type "Action.Http"']);
  });

  it('requires every input to have a label and an id', () => {
    const problems = validateCard(card([{ type: 'Input.ChoiceSet', choices: [{ title: 'A', value: 'a' }] }]));
    expect(problems).toEqual(['card.body[0]: Input.ChoiceSet has no id', 'card.body[0]: Input.ChoiceSet has no label (every input needs one)']);
  });

  it('finds ids used twice, even inside table cells and columns', () => {
    const c = card([
      { type: 'Container', id: 'x', items: [] },
      { type: 'ColumnSet', columns: [{ type: 'Column', id: 'x', items: [] }] },
    ]);
    expect(validateCard(c)).toEqual(['card.body[1].columns[0]: id "x" is used twice (first at card.body[0])']);
  });

  it('requires a verb on Action.Execute and an existing target for a toggle', () => {
    const c = card([], [{ type: 'Action.Execute', title: 'Go' }, { type: 'Action.ToggleVisibility', title: 'Show', targetElements: ['missing'] }]);
    expect(validateCard(c)).toEqual([
      'card.actions[0]: Action.Execute has no verb',
      'card.actions[1]: Action.ToggleVisibility targets "missing", which is not an element id in the card',
    ]);
  });

  it('requires a chart to have a fallback and well-formed data', () => {
    const c = card([{ type: 'Chart.Donut', data: [{ legend: 'a', value: 'many' }] }]);
    expect(validateCard(c)).toEqual([
      'card.body[0]: Chart.Donut has no fallback element (charts do not draw on every client; give a Table or FactSet)',
      'card.body[0].data[0]: a slice needs a legend and a numeric value',
    ]);
  });

  it('catches template expressions and directives left unexpanded', () => {
    const problems = validateCard(card([text('Total: ${total}'), { type: 'TextBlock', $when: '${x}', text: 'a' }]));
    expect(problems).toContain('card.body[0].text: unexpanded template expression in "Total: ${total}"');
    expect(problems.some((p) => p.startsWith('card.body[1].$when: template directive'))).toBe(true);
  });

  it('rejects a card over the 28 KB budget', () => {
    const problems = validateCard(card([text('x'.repeat(29 * 1024))]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/over the 28672-byte budget/);
  });

  it('checks table rows and cells', () => {
    const c = card([{ type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [] }, { type: 'TableCell', items: [] }] }, { cells: [] }] }]);
    expect(validateCard(c)).toEqual(['card.body[0].rows[0]: 2 cells for 1 columns', 'card.body[0].rows[1]: not a TableRow with cells']);
  });
});
