import { actionPlanCard } from '../../../src/features/actions/cards';
import { planOrder, planPage, PLAN_PAGE_SIZE } from '../../../src/features/actions/planView';
import { actionVerbs, answerActionsWithCard } from '../../../src/features/actions/actionsApp';
import { parseListRequest } from '../../../src/features/actions/input';
import { validateCard } from '../../../src/cards/validate';
import { cardBytes, CARD_BUDGET_BYTES } from '../../../src/cards/template';
import type { CardJson, InvokeOutcome } from '../../../src/core/turn';
import type { ActionItem, ActionStatus } from '../../../src/domain/actions/model';
import { anAction } from '../../support/actions';
import { describeEachStore } from '../../support/stores';
import { invoke } from '../../support/verbs';
import { ctxOf, demoDeps } from '../../support/actionsApp';

const now = new Date('2021-08-16T09:00:00Z');

function plan(n: number): ActionItem[] {
  const statuses: ActionStatus[] = ['in_progress', 'completed', 'not_started', 'closed', 'on_hold'];
  return Array.from({ length: n }, (_, i) =>
    anAction({
      id: `CSP-T-${String(i).padStart(2, '0')}`,
      title: `Action number ${i}`,
      status: statuses[i % statuses.length],
      // Every third action is past its date (2021-07-xx) before today (2021-08-16).
      targetDate: i % 3 === 0 ? `2021-07-${String(10 + (i % 15)).padStart(2, '0')}` : `2021-1${i % 3}-01`,
      theme: i % 2 ? 'Hate crime' : 'Anti-social behaviour',
    }),
  );
}

/** Every clickable element of a card: its accessible name (the Execute title) and the text it shows. */
function clickableRows(card: CardJson): { name: string; visible: string[] }[] {
  const out: { name: string; visible: string[] }[] = [];
  const texts = (node: unknown, acc: string[]) => {
    if (Array.isArray(node)) node.forEach((n) => texts(n, acc));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') acc.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'selectAction') texts(v, acc);
    }
    return acc;
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.selectAction) out.push({ name: String((o.selectAction as { title: string }).title), visible: texts(o.items ?? [], []) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  return out;
}

/** Words as accessibility checkers compare them: letters and digits only, lower case. */
const words = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
const containsInOrder = (name: string[], label: string[]) => name.some((_, i) => label.every((w, j) => name[i + j] === w));

function cardOf(o: InvokeOutcome): CardJson {
  if (o.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(o)}`);
  expect(validateCard(o.card)).toEqual([]);
  return o.card;
}

describe('plan order and pages', () => {
  test('overdue first (longest overdue at the top), then open by target date, then done work', () => {
    const ordered = planOrder(plan(15), now);
    const kinds = ordered.map((a) => (['completed', 'closed', 'cancelled', 'carried_forward'].includes(a.status) ? 'done' : a.targetDate! < '2021-08-16' ? 'overdue' : 'open'));
    expect(kinds.indexOf('open')).toBeGreaterThan(kinds.lastIndexOf('overdue'));
    expect(kinds.indexOf('done')).toBeGreaterThan(kinds.lastIndexOf('open'));
    const overdue = ordered.filter((_, i) => kinds[i] === 'overdue').map((a) => a.targetDate);
    expect(overdue).toEqual([...overdue].sort());
  });

  test('eight a page; done actions are folded into their own view; a page past the end shows the last', () => {
    const all = plan(30);
    const open = all.filter((a) => ['in_progress', 'not_started', 'on_hold'].includes(a.status));
    const first = planPage(all, { done: false, page: 1 }, now);
    expect(first.rows).toHaveLength(PLAN_PAGE_SIZE);
    expect(first.total).toBe(open.length);
    expect(first.folded).toBe(all.length - open.length);
    expect(first.rows.every((a) => open.includes(a))).toBe(true);
    const last = planPage(all, { done: false, page: 99 }, now);
    expect(last.page).toBe(last.pages);
    expect(last.rows.length).toBe(open.length - (last.pages - 1) * PLAN_PAGE_SIZE);
    const done = planPage(all, { done: true, page: 1 }, now);
    expect(done.rows.every((a) => !open.includes(a))).toBe(true);
  });
});

describe('plan card', () => {
  const request = (over: Partial<{ done: boolean; page: number }> = {}) => ({ filter: {}, done: false, page: 1, ...over });

  test('marks overdue rows in words and names every clickable row with its visible text (WCAG 2.5.3)', () => {
    const page = planPage(plan(20), { done: false, page: 1 }, now);
    const card = actionPlanCard({ title: 'Action plan', description: 'd', page, request: request(), now, themes: ['Hate crime'], areas: [{ code: 'E05003337', name: 'Rother' }], footer: 'f' });
    expect(validateCard(card)).toEqual([]);
    const rows = clickableRows(card);
    expect(rows).toHaveLength(PLAN_PAGE_SIZE);
    for (const row of rows) {
      expect(row.visible.length).toBeGreaterThan(0);
      for (const text of row.visible.filter((t) => t !== 'Open ›')) expect(row.name).toContain(text);
      expect(row.name).toMatch(/Lead: Lee Lead/);
      // As an accessibility checker reads it: the lines' text run together, then words compared in order.
      expect(containsInOrder(words(row.name), words(row.visible.join('')))).toBe(true);
    }
    expect(rows[0].visible.join(' ')).toMatch(/^CSP-T-\d+: Action number \d+\. Overdue: the target date \d+ Jul 2021 has passed/);
    expect(JSON.stringify(card)).toContain('Next page ›');
    expect(JSON.stringify(card)).not.toContain('Previous page');
    expect(JSON.stringify(card)).toMatch(/Show done actions \(\d+\)/);
  });

  test('the buttons carry only the filter, view and page, never records', () => {
    const page = planPage(plan(20), { done: false, page: 2 }, now);
    const card = actionPlanCard({ title: 't', description: 'd', page, request: { filter: { theme: 'Hate crime', overdue: true }, done: false, page: 2 }, now, themes: [], areas: [], footer: 'f' });
    const datas = JSON.stringify(card).match(/"verb":"action\.list"[^}]*"data":\{.*?\}\}?/g) ?? [];
    expect(datas.length).toBeGreaterThan(0);
    for (const a of JSON.stringify(card).matchAll(/"data":(\{"filter":\{[^}]*\}[^}]*\})/g)) {
      expect(Object.keys(JSON.parse(a[1]) as object).sort()).toEqual(expect.arrayContaining(['done', 'filter']));
      expect(a[1]).not.toContain('Action number');
    }
  });

  test('stays under the size budget with the longest titles', () => {
    const long = plan(40).map((a) => ({ ...a, title: `${a.title} ${'with a very long description of what will be done '.repeat(8)}`, lead: { ...a.lead, name: 'A'.repeat(200) } }));
    const page = planPage(long, { done: false, page: 1 }, now);
    const areas = Array.from({ length: 60 }, (_, i) => ({ code: `E0500${3300 + i}`, name: `Ward with a long name number ${i}` }));
    const card = actionPlanCard({ title: 't', description: 'd', page, request: request(), now, themes: Array.from({ length: 30 }, (_, i) => `Theme ${i}`), areas, footer: 'f' });
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  });

  test('the filter bar replaces theme, ward, mine and overdue and goes back to page 1; other filters are kept', () => {
    const r = parseListRequest({ filter: { theme: 'Hate crime', rag: 'red', overdue: true }, done: false, page: 3, apply: true, fTheme: '*', fArea: 'E05003337', fMine: 'true', fOverdue: 'false' });
    expect(r).toEqual({ ok: true, value: { filter: { rag: 'red', area: 'E05003337', lead: 'me' }, done: false, page: 1 } });
    expect(parseListRequest({ filter: { sql: 'x' } }).ok).toBe(false);
    expect(parseListRequest({ page: -1 }).ok).toBe(false);
  });
});

describeEachStore('plan card from the store', (get) => {
  test('"show the action plan" answers with page 1 of the open actions, overdue first, done folded away', async () => {
    const deps = await demoDeps(get());
    const result = await answerActionsWithCard({ intent: 'actions.list', text: 'show the action plan', actions: {} }, ctxOf('Priya'), deps);
    if (!('card' in result)) throw new Error('expected a card');
    expect(validateCard(result.card)).toEqual([]);
    const rows = clickableRows(result.card);
    expect(rows.length).toBeLessThanOrEqual(PLAN_PAGE_SIZE);
    expect(rows[0].visible.join(' ')).toContain('Overdue');
    const text = JSON.stringify(result.card);
    expect(text).not.toMatch(/"text":"[^"]*(Completed|Closed) · /);
    expect(text).toMatch(/Show done actions \(\d+\)/);
    expect(text).not.toContain('"verb":"action.new"');
  });

  test('paging, the done view and the filters through the card verb', async () => {
    const deps = await demoDeps(get());
    const verbs = actionVerbs(deps);
    const list = (data: object) => invoke(verbs, { verb: 'action.list', trigger: 'manual', data }, ctxOf('Alex Morgan'));
    const p1 = cardOf(await list({ filter: {}, done: false, page: 1 }));
    const p2 = cardOf(await list({ filter: {}, done: false, page: 2 }));
    const ids = (c: CardJson) => clickableRows(c).map((r) => r.name.split(':')[0]);
    expect(ids(p1).filter((id) => ids(p2).includes(id))).toEqual([]);
    expect(JSON.stringify(p2)).toContain('‹ Previous page');
    expect(JSON.stringify(p1)).toContain('"verb":"action.new"');
    const done = cardOf(await list({ filter: {}, done: true, page: 1 }));
    expect(clickableRows(done).every((r) => /Completed|Closed|Cancelled|Carried forward/.test(r.name))).toBe(true);
    const overdue = cardOf(await list({ filter: {}, done: false, apply: true, fOverdue: 'true' }));
    expect(clickableRows(overdue).length).toBeGreaterThan(0);
    expect(clickableRows(overdue).every((r) => r.name.includes('Overdue'))).toBe(true);
    const theme = cardOf(await list({ filter: {}, done: false, apply: true, fTheme: 'Hate crime' }));
    expect(JSON.stringify(theme)).toContain('on Hate crime');
    const mine = cardOf(await invoke(verbs, { verb: 'action.list', trigger: 'manual', data: { filter: { lead: 'me' } } }, ctxOf('Jo Whitfield')));
    expect(clickableRows(mine).length).toBeGreaterThan(0);
    expect(clickableRows(mine).every((r) => r.name.includes('Jo Whitfield'))).toBe(true);
    const ward = cardOf(await list({ filter: { area: 'E05003337' }, done: false, page: 1 }));
    expect(JSON.stringify(ward)).toContain('in Rother');
  });
});
