import { actionVerbs } from '../../../src/features/actions/actionsApp';
import { nextActionId } from '../../../src/features/actions/manage';
import type { CardJson, InvokeOutcome } from '../../../src/core/turn';
import { ActionRepo } from '../../../src/store/actionRepo';
import { validateCard } from '../../../src/cards/validate';
import { demoPerson } from '../../../src/demo/people';
import { describeEachStore } from '../../support/stores';
import { invoke } from '../../support/verbs';
import { ctxOf, demoDeps } from '../../support/actionsApp';
import { anAction } from '../../support/actions';
import { CHESTERFIELD } from '../../support/partnership';
import { chesterfieldPack } from '../../../src/domain/areas/chesterfield';

function cardOf(o: InvokeOutcome): CardJson {
  if (o.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(o)}`);
  expect(validateCard(o.card)).toEqual([]);
  return o.card;
}

const text = (card: unknown) => JSON.stringify(card);

/** The inputs of a card by id, wherever they sit (containers and columns included). */
function inputsOf(card: CardJson): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  return out;
}

/** The error shown right after an input (the TextBlock beside the field). */
function errorBeside(card: CardJson, id: string): string | undefined {
  const find = (list: unknown[]): string | undefined => {
    for (let i = 0; i < list.length; i++) {
      const el = list[i] as Record<string, unknown>;
      if (el.id === id) {
        const next = list[i + 1] as Record<string, unknown> | undefined;
        return next?.type === 'TextBlock' && next.color === 'Attention' ? String(next.text) : undefined;
      }
      for (const k of ['items', 'columns']) if (Array.isArray(el[k])) {
        const r = find(el[k] as unknown[]);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  };
  return find(card.body as unknown[]);
}

const jo = demoPerson('Jo Whitfield');

describeEachStore('coordinators manage actions from cards', (get) => {
  let deps: Awaited<ReturnType<typeof demoDeps>>;
  const call = (verb: string, data: object, who: string) => invoke(actionVerbs(deps), { verb, trigger: 'manual', data }, ctxOf(who));
  beforeEach(async () => {
    deps = await demoDeps(get());
  });

  test('the "New action" form offers the wards in force on the day, whatever order the pack lists its ward sets in', async () => {
    const offered = async (now: string) => {
      const form = cardOf(await invoke(actionVerbs(deps), { verb: 'action.new', trigger: 'manual', data: {} }, ctxOf('Alex Morgan', 'personal', now)));
      return ((inputsOf(form).wards.choices as { value: string }[]) ?? []).map((c) => c.value).sort();
    };
    const codes = (id: string) => chesterfieldPack.wardSets.find((s) => s.id === id)!.wards.map((w) => w.code).sort();
    for (const wardSets of [chesterfieldPack.wardSets, [...chesterfieldPack.wardSets].reverse()]) {
      deps.pack = { ...chesterfieldPack, wardSets };
      expect(await offered('2021-08-16T09:00:00Z')).toEqual(codes('2015-2023'));
      expect(await offered('2024-06-03T09:00:00Z')).toEqual(codes('2023'));
    }
  });

  test('"New action" adds an action with its opening history; the form has a people picker that searches', async () => {
    const form = cardOf(await call('action.new', {}, 'Alex Morgan'));
    const lead = inputsOf(form).lead;
    expect(lead['choices.data']).toEqual({ type: 'Data.Query', dataset: 'csp.people', count: 15 });
    expect((lead.choices as { title: string }[]).map((c) => c.title)).toContain('Jo Whitfield');
    const out = await call('action.create', { theme: 'Hate crime', title: 'Run a hate crime reporting drop-in', lead: jo.aadObjectId, leadAgency: 'Chesterfield Borough Council', wards: 'E05015178', targetDate: '2022-01-31' }, 'Alex Morgan');
    const card = cardOf(out);
    expect(text(card)).toContain('Added CSP-2021-17 to the 2020–21 plan, led by Jo Whitfield');
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const made = await repo.get('CSP-2021-17');
    expect(made).toMatchObject({ title: 'Run a hate crime reporting drop-in', status: 'not_started', version: 1, wards: ['E05015178'], lead: { name: 'Jo Whitfield', aadObjectId: jo.aadObjectId }, targetDate: '2022-01-31' });
    expect((await repo.history('CSP-2021-17')).map((h) => [h.field, h.actorName, h.channel])).toEqual([['created', 'Alex Morgan', 'teams']]);
    const bad = cardOf(await call('action.create', { theme: 'Hate crime', title: 'Another', lead: jo.aadObjectId, leadAgency: 'Police', wards: 'E05099999', targetDate: '2022-01-31' }, 'Alex Morgan'));
    expect(text(bad)).toContain('Not a ward of the borough: E05099999.');
    const stranger = cardOf(await call('action.create', { theme: 'Hate crime', title: 'Another', lead: 'not-a-known-person', leadAgency: 'Police', targetDate: '2022-01-31' }, 'Alex Morgan'));
    expect(errorBeside(stranger, 'lead')).toBe('Choose the lead officer from the list.');
    expect(await repo.count()).toBe(17);
  });

  test('a new action can name its partners and success measure, and be exempt when added in a private chat', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    expect(inputsOf(cardOf(await call('action.new', {}, 'Alex Morgan'))).classification).toMatchObject({ type: 'Input.Toggle', valueOn: 'exempt' });
    const typed = { theme: 'Hate crime', title: 'Support the third-party reporting centres', lead: jo.aadObjectId, leadAgency: 'Police', targetDate: '2022-01-31' };
    const out = cardOf(await call('action.create', { ...typed, partners: 'Chesterfield Borough Council; Derbyshire Fire and Rescue, ', successMeasure: 'Reports through the centres each quarter.', classification: 'exempt' }, 'Alex Morgan'));
    expect(text(out)).toContain('Added CSP-2021-17');
    expect(await repo.get('CSP-2021-17')).toMatchObject({
      partners: ['Chesterfield Borough Council', 'Derbyshire Fire and Rescue'],
      successMeasure: 'Reports through the centres each quarter.',
      classification: 'exempt',
    });
  });

  test('a channel\'s New action form offers no exempt choice, and an exempt action sent from a channel is refused', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const before = await repo.count();
    const inChannel = (verb: string, data: object) => invoke(actionVerbs(deps), { verb, trigger: 'manual', data }, ctxOf('Alex Morgan', 'channel'));
    expect(inputsOf(cardOf(await inChannel('action.new', {}))).classification).toBeUndefined();
    const forged = cardOf(await inChannel('action.create', { theme: 'Hate crime', title: 'Exempt by the back door', lead: jo.aadObjectId, leadAgency: 'Police', targetDate: '2022-01-31', classification: 'exempt' }));
    expect(text(forged)).toContain('added in a private chat');
    expect(await repo.count()).toBe(before);
    const plain = cardOf(await inChannel('action.create', { theme: 'Hate crime', title: 'A public action from the channel', lead: jo.aadObjectId, leadAgency: 'Police', targetDate: '2022-01-31' }));
    expect(text(plain)).toContain('Added CSP-2021-17');
    expect(await repo.get('CSP-2021-17')).toMatchObject({ classification: 'public', partners: [], successMeasure: '' });
  });

  test('a refused new action keeps every input and says what is wrong beside the field; nothing is stored', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const before = await repo.count();
    const typed = { theme: 'Hate crime', title: '', description: 'Weekly at the library.', lead: jo.aadObjectId, leadAgency: 'Police', wards: 'E05003337', targetDate: '2021-02-30' };
    const card = cardOf(await call('action.create', typed, 'Alex Morgan'));
    const inputs = inputsOf(card);
    expect([inputs.theme.value, inputs.description.value, inputs.lead.value, inputs.leadAgency.value, inputs.wards.value]).toEqual(['Hate crime', 'Weekly at the library.', jo.aadObjectId, 'Police', 'E05003337']);
    expect(errorBeside(card, 'title')).toBe('A title is needed');
    expect(errorBeside(card, 'targetDate')).toBe('A target date is not a real date');
    expect(text(card)).toContain('Not added:');
    expect(await repo.count()).toBe(before);
    expect((await repo.auditEvents('action.invalid')).map((a) => a.detail.verb)).toEqual(['action.create']);
  });

  test('members and officers cannot add, reassign, move, close or reopen; each attempt is audited', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = await repo.get('CSP-2021-07');
    for (const [verb, who] of [['action.new', 'Priya'], ['action.create', 'Jo Whitfield'], ['action.reassign', 'Jo Whitfield'], ['action.move', 'Jo Whitfield'], ['action.manage', 'Priya']] as const) {
      const card = cardOf(await call(verb, { id: 'CSP-2021-07', version: a?.version, lead: jo.aadObjectId, targetDate: '2022-06-30', targetDateReason: 'x' }, who));
      expect(text(card)).toContain('Only a coordinator can');
    }
    expect(await repo.get('CSP-2021-07')).toEqual(a);
    expect((await repo.auditEvents('action.refused')).map((e) => e.detail.verb)).toEqual(['action.new', 'action.create', 'action.reassign', 'action.move', 'action.manage']);
  });

  test('reassigning the lead is saved with a history line; the new lead then edits, the old one cannot', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = await repo.get('CSP-2021-07');
    const sam = demoPerson('Sam Price');
    const card = cardOf(await call('action.reassign', { id: 'CSP-2021-07', version: a?.version, lead: sam.aadObjectId, leadAgency: 'Derbyshire Constabulary', leadReason: 'Jo is on leave.' }, 'Alex Morgan'));
    expect(text(card)).toContain('Saved: lead Jo Whitfield');
    const after = await repo.get('CSP-2021-07');
    expect(after).toMatchObject({ lead: { name: 'Sam Price', aadObjectId: sam.aadObjectId }, leadAgency: 'Derbyshire Constabulary', version: (a?.version ?? 0) + 1 });
    const h = await repo.historyAfter('CSP-2021-07', a?.version ?? 0);
    expect(h.map((x) => [x.field, x.oldValue, x.newValue, x.note])).toEqual([
      ['lead', 'Jo Whitfield', 'Sam Price', 'Jo is on leave.'],
      ['lead_agency', 'Chesterfield Borough Council', 'Derbyshire Constabulary', 'Jo is on leave.'],
    ]);
    const jo = cardOf(await call('action.edit', { id: 'CSP-2021-07', version: after?.version }, 'Jo Whitfield'));
    expect(text(jo)).toContain('Only the lead officer (Sam Price) or a coordinator');
  });

  test('moving the target date needs a reason; the second slip flags the action for the committee', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    let a = await repo.get('CSP-2021-07');
    const noReason = cardOf(await call('action.move', { id: 'CSP-2021-07', version: a?.version, targetDate: '2022-03-31' }, 'Alex Morgan'));
    expect(errorBeside(noReason, 'targetDateReason')).toBe('A reason for moving the date is needed');
    expect(inputsOf(noReason).targetDate.value).toBe('2022-03-31');
    expect(await repo.get('CSP-2021-07')).toEqual(a);
    cardOf(await call('action.move', { id: 'CSP-2021-07', version: a?.version, targetDate: '2022-03-31', targetDateReason: 'Funding arrives in January.' }, 'Alex Morgan'));
    a = await repo.get('CSP-2021-07');
    expect(a).toMatchObject({ targetDate: '2022-03-31', targetSlips: 1, committeeFlag: false });
    const second = cardOf(await call('action.move', { id: 'CSP-2021-07', version: a?.version, targetDate: '2022-06-30', targetDateReason: 'Contractor delayed.' }, 'Alex Morgan'));
    expect(text(second)).toContain('flagged for the committee');
    expect(await repo.get('CSP-2021-07')).toMatchObject({ targetSlips: 2, committeeFlag: true });
  });

  test('a stale version changes nothing and gets the fresh card back with what was typed', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = await repo.get('CSP-2021-07');
    cardOf(await call('action.save', { id: 'CSP-2021-07', version: a?.version, update: 'Consultation begins.' }, 'Jo Whitfield'));
    const card = cardOf(await call('action.move', { id: 'CSP-2021-07', version: a?.version, targetDate: '2022-03-31', targetDateReason: 'Later funding.' }, 'Alex Morgan'));
    expect(text(card)).toContain(`was changed by Jo Whitfield after this card was shown (version ${a?.version} → ${(a?.version ?? 0) + 1})`);
    expect(inputsOf(card).targetDateReason.value).toBe('Later funding.');
    expect(JSON.stringify(card)).toContain(`"version":${(a?.version ?? 0) + 1}`);
    expect((await repo.get('CSP-2021-07'))?.targetDate).toBe(a?.targetDate);
    expect((await repo.auditEvents('action.stale')).map((e) => e.detail.verb)).toEqual(['action.move']);
  });

  test('a coordinator closes a completed action with a verification note and reopens it with a reason', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    let a = await repo.get('CSP-2021-02');
    expect(a?.status).toBe('completed');
    const manage = cardOf(await call('action.manage', { id: 'CSP-2021-02', version: a?.version }, 'Alex Morgan'));
    expect(text(manage)).toContain('action.close');
    const noNote = cardOf(await call('action.close', { id: 'CSP-2021-02', version: a?.version }, 'Alex Morgan'));
    expect(errorBeside(noNote, 'closeNote')).toBe('A verification note is needed');
    cardOf(await call('action.close', { id: 'CSP-2021-02', version: a?.version, closeNote: 'Checked the training register.' }, 'Alex Morgan'));
    a = await repo.get('CSP-2021-02');
    expect(a?.status).toBe('closed');
    const reopened = cardOf(await call('action.reopen', { id: 'CSP-2021-02', version: a?.version, reopenReason: 'Two sessions were cancelled after all.' }, 'Alex Morgan'));
    expect(text(reopened)).toContain('Saved: status Closed → In progress');
    expect((await repo.history('CSP-2021-02')).slice(-2).map((h) => [h.field, h.newValue, h.note])).toEqual([
      ['status', 'closed', 'Checked the training register.'],
      ['status', 'in_progress', 'Two sessions were cancelled after all.'],
    ]);
  });
});

describeEachStore('the edit form after a refused save', (get) => {
  test('"reason required" keeps every input and shows the message beside the reason; Save then confirms in words', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const a = await repo.get('CSP-2021-07');
    const typed = { id: 'CSP-2021-07', version: a?.version, status: 'on_hold', statusNote: '', update: 'Waiting for the new contract.', targetDate: '2022-01-31', targetDateReason: '', ragOverride: 'keep' };
    const out = await invoke(actionVerbs(deps), { verb: 'action.save', trigger: 'manual', data: typed }, ctxOf('Jo Whitfield'));
    const card = cardOf(out);
    const inputs = inputsOf(card);
    expect([inputs.status.value, inputs.update.value, inputs.targetDate.value]).toEqual(['on_hold', 'Waiting for the new contract.', '2022-01-31']);
    expect(errorBeside(card, 'statusNote')).toBe('In progress → On hold needs a reason.');
    expect(text(card)).toContain('Not saved: In progress → On hold needs a reason.');
    expect(JSON.stringify(card.actions)).toContain('"verb":"action.save"');
    expect(await repo.get('CSP-2021-07')).toEqual(a);
    expect((await repo.auditEvents('action.invalid'))[0].detail).toMatchObject({ verb: 'action.save', inputs: { update: 'Waiting for the new contract.' } });

    const saved = cardOf(await invoke(actionVerbs(deps), { verb: 'action.save', trigger: 'manual', data: { ...typed, statusNote: 'Contract retendered.', targetDateReason: 'Contract retendered.' } }, ctxOf('Jo Whitfield')));
    expect(text(saved)).toMatch(/Saved: status In progress → On hold; progress update; target date 31 Oct 2021 → 31 Jan 2022\. RAG is now Amber – at risk: on hold; the target date has moved later once\./);
  });

  test('a zod refusal (a date that does not exist) keeps the input too', async () => {
    const deps = await demoDeps(get());
    const a = await new ActionRepo(deps.store, CHESTERFIELD).get('CSP-2021-07');
    const out = await invoke(actionVerbs(deps), { verb: 'action.save', trigger: 'manual', data: { id: 'CSP-2021-07', version: a?.version, status: 'in_progress', update: 'Kept.', targetDate: '2021-02-30', ragOverride: 'keep' } }, ctxOf('Jo Whitfield'));
    const card = cardOf(out);
    expect(inputsOf(card).update.value).toBe('Kept.');
    expect(errorBeside(card, 'targetDate')).toBe('The target date is not a real date');
  });
});

describe('references of new actions', () => {
  test('follow the plan\'s own pattern and skip ones taken', () => {
    const now = new Date('2021-08-16T09:00:00Z');
    const plan = [anAction({ id: 'CSP-2021-07' }), anAction({ id: 'CSP-2021-09' })];
    expect(nextActionId(plan, now)).toBe('CSP-2021-10');
    expect(nextActionId(plan, now, 1)).toBe('CSP-2021-11');
    expect(nextActionId([], now)).toBe('CSP-2021-01');
  });
});

describe('form cards stay under the size budget', () => {
  test('with hundreds of people with long names, and a long-titled action', async () => {
    const { actionNewCard, actionManageCard } = await import('../../../src/features/actions/cards');
    const { cardBytes, CARD_BUDGET_BYTES } = await import('../../../src/cards/template');
    const now = new Date('2021-08-16T09:00:00Z');
    const people = Array.from({ length: 500 }, (_, i) => ({ aadObjectId: `a${i}-0000-4000-8000-000000000000`, name: `${'Very Long Name '.repeat(6)}${i}` }));
    const wards = Array.from({ length: 60 }, (_, i) => ({ code: `E0501${String(i).padStart(4, '0')}`, name: `A ward with a long name ${i}` }));
    const created = actionNewCard({ now, people, plan: '2021–22', themes: Array.from({ length: 20 }, (_, i) => `Theme ${i}`), wards, form: { description: 'x'.repeat(2000) } });
    const managed = actionManageCard(anAction({ title: 'T'.repeat(200), status: 'completed' }), { now, people, canClose: true, canReopen: true, form: { closeNote: 'y'.repeat(1000) } });
    for (const card of [created, managed]) {
      expect(validateCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
  });
});
