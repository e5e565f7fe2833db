import { demoPerson } from '../../../src/demo/people';
import { composeAssistant } from '../../../src/main';
import { invoke } from '../../support/verbs';
import { actionVerbs, answerActions, answerActionsWithCard, cardFilterOfQuery } from '../../../src/features/actions/actionsApp';
import type { CardJson, InvokeOutcome } from '../../../src/core/turn';
import { ActionRepo } from '../../../src/store/actionRepo';
import { validateCard } from '../../../src/cards/validate';
import { renderActionsAnswerCard } from '../../../src/features/actions/cards';
import { describeEachStore } from '../../support/stores';
import { ctxOf, demoDeps } from '../../support/actionsApp';
import { CHESTERFIELD } from '../../support/partnership';

function cardOf(o: InvokeOutcome): CardJson {
  if (o.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(o)}`);
  expect(validateCard(o.card)).toEqual([]);
  return o.card;
}

const text = (card: unknown) => JSON.stringify(card);
const executes = (card: CardJson) => JSON.stringify(card).match(/"verb":"[^"]+"/g) ?? [];

describeEachStore('action plan card verbs', (get) => {
  const save = (data: object) => ({ verb: 'action.save', trigger: 'manual' as const, data });

  test('the lead officer saves a progress update: everyone sees the read-only card, the lead gets the editing view', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-07');
    const out = await invoke(actionVerbs(deps), save({ id: 'CSP-2021-07', version: before?.version, update: 'Consultation on renewal starts in September.', status: 'in_progress', ragOverride: 'keep' }), ctxOf('Jo Whitfield'));
    if (out.kind !== 'card' || !out.updateOriginal) throw new Error('expected a card and an update for everyone');
    expect(validateCard(out.card)).toEqual([]);
    expect(validateCard(out.updateOriginal)).toEqual([]);
    expect(executes(out.card)).toContain('"verb":"action.edit"');
    expect(executes(out.updateOriginal)).not.toContain('"verb":"action.edit"');
    const refresh = out.updateOriginal.refresh as { action: { verb: string; data: object }; userIds: string[] };
    expect(refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'action.refresh', data: { id: 'CSP-2021-07', version: (before?.version ?? 0) + 1 } });
    expect(refresh.userIds).toEqual(expect.arrayContaining(['29:demo-jo-whitfield', '29:demo-alex-morgan', '29:demo-sam-price']));
    expect(refresh.userIds).not.toContain('29:demo-priya-shah');
    expect(refresh.userIds.every((id) => id.startsWith('29:'))).toBe(true);
    expect(refresh.userIds.length).toBeLessThanOrEqual(60);
    const after = await repo.get('CSP-2021-07');
    expect(after).toMatchObject({ version: (before?.version ?? 0) + 1, latestUpdate: { text: 'Consultation on renewal starts in September.', author: 'Jo Whitfield', asOf: '2021-08-16' } });
    expect((await repo.historyAfter('CSP-2021-07', before?.version ?? 0)).map((h) => [h.field, h.channel, h.actorName])).toEqual([['latest_update', 'teams', 'Jo Whitfield']]);
  });

  test('a member forging an action.save invoke is refused with a card, nothing changes, and the attempt is logged', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-07');
    const out = await invoke(actionVerbs(deps), save({ id: 'CSP-2021-07', version: before?.version, status: 'cancelled', statusNote: 'forged' }), ctxOf('Priya'));
    const card = cardOf(out);
    expect(text(card)).toContain('Members can read the action plan but not change it.');
    expect(text(card)).toContain('Nothing was changed.');
    expect(await repo.get('CSP-2021-07')).toEqual(before);
    const audit = await repo.auditEvents('action.');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ event: 'action.refused', actor: 'a0000002-0000-4000-8000-000000000002', detail: { verb: 'action.save', id: 'CSP-2021-07', role: 'member' } });
    expect(deps.warnings.join('')).toContain('action invoke refused');
  });

  test('an officer cannot save or even open the edit form on an action someone else leads', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-07');
    const saved = cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-07', version: before?.version, update: 'Not mine to update.' }), ctxOf('Dan')));
    expect(text(saved)).toContain('Only the lead officer (Jo Whitfield) or a coordinator can update CSP-2021-07.');
    const form = cardOf(await invoke(actionVerbs(deps), { verb: 'action.edit', trigger: 'manual', data: { id: 'CSP-2021-07', version: before?.version } }, ctxOf('Dan')));
    expect(executes(form)).not.toContain('"verb":"action.save"');
    expect(await repo.get('CSP-2021-07')).toEqual(before);
    expect((await repo.auditEvents('action.refused')).length).toBe(2);
  });

  test('a save with a stale version shows what changed since and offers the unsaved input back against the latest version', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const v = (await repo.get('CSP-2021-06'))?.version ?? 0;
    cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-06', version: v, update: 'Jo: schools shared the messages.' }), ctxOf('Jo Whitfield')));
    const out = cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-06', version: v, update: 'Alex: budget confirmed.', targetDate: '2021-09-30', targetDateReason: 'Extend into September.' }), ctxOf('Alex')));
    const t = text(out);
    expect(t).toContain('changed while you were editing');
    expect(t).toContain('Jo: schools shared the messages.');
    expect(t).toContain('"value":"Alex: budget confirmed."');
    expect(t).toContain('"value":"2021-09-30"');
    expect(t).toContain(`"verb":"action.save","style":"positive","associatedInputs":"auto","data":{"id":"CSP-2021-06","version":${v + 1}}`);
    expect(await repo.get('CSP-2021-06')).toMatchObject({ version: v + 1, latestUpdate: { text: 'Jo: schools shared the messages.' }, targetDate: '2021-09-05' });
    expect(await repo.auditEvents('action.stale')).toHaveLength(1);
  });

  test('two saves of the same version at once: exactly one is stored, the other gets the conflict card', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const v = (await repo.get('CSP-2021-09'))?.version ?? 0;
    const verbs = actionVerbs(deps);
    const outs = await Promise.all([
      invoke(verbs, save({ id: 'CSP-2021-09', version: v, update: 'From Jo.' }), ctxOf('Jo Whitfield')),
      invoke(verbs, save({ id: 'CSP-2021-09', version: v, update: 'From Alex.' }), ctxOf('Alex')),
    ]);
    const saved = outs.filter((o) => o.kind === 'card' && o.updateOriginal);
    const conflicts = outs.filter((o) => text(o).includes('changed while you were editing'));
    expect([saved.length, conflicts.length]).toEqual([1, 1]);
    const after = await repo.get('CSP-2021-09');
    expect(after?.version).toBe(v + 1);
    expect((await repo.historyAfter('CSP-2021-09', v)).map((h) => h.newValue)).toEqual([after?.latestUpdate?.text]);
  });

  test.each([
    [{ targetDate: '2021-02-30', targetDateReason: 'x' }, 'not a real date'],
    [{ targetDate: '16/08/2021', targetDateReason: 'x' }, 'a date like 2021-12-31'],
    [{ targetDate: '1990-01-01', targetDateReason: 'x' }, 'before 2000-01-01'],
    [{ update: 'x'.repeat(5000) }, 'at most 2,000 characters'],
    [{ status: 'finished' }, 'status'],
  ])('invalid input %# is refused with the reason and changes nothing', async (inputs, why) => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-07');
    const card = cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-07', version: before?.version, ...inputs }), ctxOf('Jo Whitfield')));
    expect(text(card)).toContain(why);
    expect(await repo.get('CSP-2021-07')).toEqual(before);
    const audit = await repo.auditEvents('action.invalid');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].detail).length).toBeLessThan(2000);
  });

  test('a status change the workflow does not allow this person is refused and explained', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-02');
    const card = cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-02', version: before?.version, status: 'closed', statusNote: 'I checked it myself.' }), ctxOf('Jo Whitfield')));
    expect(text(card)).toContain('can only be made by a coordinator who is not the lead officer');
    expect(await repo.get('CSP-2021-02')).toEqual(before);
  });

  test('a coordinator closes a completed action with a verification note', async () => {
    const deps = await demoDeps(get());
    const repo = new ActionRepo(deps.store, CHESTERFIELD);
    const before = await repo.get('CSP-2021-02');
    cardOf(await invoke(actionVerbs(deps), save({ id: 'CSP-2021-02', version: before?.version, status: 'closed', statusNote: 'Seen the magazine and posts.' }), ctxOf('Alex')));
    expect((await repo.get('CSP-2021-02'))?.status).toBe('closed');
    expect((await repo.historyAfter('CSP-2021-02', before?.version ?? 0))[0]).toMatchObject({ field: 'status', oldValue: 'completed', newValue: 'closed', note: 'Seen the magazine and posts.', actorName: 'Alex Morgan' });
  });

  test('the edit form offers only the moves this person may make', async () => {
    const deps = await demoDeps(get());
    const v = (await new ActionRepo(deps.store, CHESTERFIELD).get('CSP-2021-02'))?.version;
    const choices = async (who: string) => {
      const card = cardOf(await invoke(actionVerbs(deps), { verb: 'action.edit', trigger: 'manual', data: { id: 'CSP-2021-02', version: v } }, ctxOf(who)));
      const input = (card.body as { id?: string; choices?: { value: string }[] }[]).find((e) => e.id === 'status');
      return input?.choices?.map((c) => c.value);
    };
    expect(await choices('Jo Whitfield')).toEqual(['completed']);
    expect(await choices('Alex')).toEqual(['completed', 'closed', 'in_progress']);
  });

  test('an unknown or forged verb is an error outcome and is audited', async () => {
    const deps = await demoDeps(get());
    const out = await composeAssistant(deps).invoke({ verb: 'action.delete', trigger: 'manual', data: { id: 'CSP-2021-07' } }, ctxOf('Priya'));
    expect(out).toEqual({ kind: 'error', status: 400, message: expect.any(String) });
    expect(await new ActionRepo(deps.store, CHESTERFIELD).auditEvents('card.unknown_verb')).toEqual([expect.objectContaining({ actor: demoPerson('Priya').aadObjectId, detail: expect.objectContaining({ verb: 'action.delete' }) })]);
  });

  test('an automatic refresh returns the card for that person only: editing view for the lead, read-only for a member', async () => {
    const deps = await demoDeps(get());
    const refresh = { verb: 'action.refresh', trigger: 'automatic' as const, data: { id: 'CSP-2021-10', version: 1 } };
    const forLead = await invoke(actionVerbs(deps), refresh, ctxOf('Jo Whitfield', 'channel'));
    const forMember = await invoke(actionVerbs(deps), refresh, ctxOf('Priya', 'channel'));
    expect(forLead.kind === 'card' && forLead.updateOriginal).toBeFalsy();
    expect(forMember.kind === 'card' && forMember.updateOriginal).toBeFalsy();
    expect(executes(cardOf(forLead))).toContain('"verb":"action.edit"');
    expect(executes(cardOf(forMember))).not.toContain('"verb":"action.edit"');
  });

  test('an exempt action is never shown in a channel or group chat, nor to a member in a personal chat', async () => {
    const deps = await demoDeps(get());
    const view = { verb: 'action.view', trigger: 'manual' as const, data: { id: 'CSP-2021-16' } };
    for (const [who, where] of [['Dan', 'channel'], ['Dan', 'groupChat'], ['Priya', 'personal']] as const) {
      const t = text(cardOf(await invoke(actionVerbs(deps), view, ctxOf(who, where))));
      expect(t).not.toContain('Blofeld');
      expect(t).toContain('no action CSP-2021-16 that can be shown here');
    }
    expect(text(cardOf(await invoke(actionVerbs(deps), view, ctxOf('Dan', 'personal'))))).toContain('Operation Blofeld');
  });

  test('plan summary, filtered list and history cards render and validate', async () => {
    const deps = await demoDeps(get());
    const verbs = actionVerbs(deps);
    const summary = cardOf(await invoke(verbs, { verb: 'action.summary', trigger: 'manual', data: {} }, ctxOf('Priya', 'channel')));
    expect(text(summary)).toContain('Anti-social behaviour');
    expect(text(summary)).not.toContain('Serious and organised crime');
    const red = cardOf(await invoke(verbs, { verb: 'action.list', trigger: 'manual', data: { filter: { rag: 'red' } } }, ctxOf('Priya', 'channel')));
    expect(text(red)).toContain('CSP-2021-04');
    expect(text(red)).not.toContain('CSP-2021-06');
    const history = cardOf(await invoke(verbs, { verb: 'action.history', trigger: 'manual', data: { id: 'CSP-2021-14' } }, ctxOf('Priya', 'channel')));
    expect(text(history)).toContain('Flagged for the committee');
  });
});

describeEachStore('action plan answers', (get) => {
  const q = (over: object) => ({ intent: 'actions.list' as const, text: '', ...over });

  test('"show the action plan" in a channel: public actions only, with RAG in words and a caveat about exempt items', async () => {
    const deps = await demoDeps(get());
    const a = await answerActions(q({ text: 'show the action plan' }), ctxOf('Priya', 'channel'), deps);
    expect(a.intent).toBe('actions.list');
    expect(a.actions).toHaveLength(15);
    expect(a.actions?.some((x) => x.id === 'CSP-2021-16')).toBe(false);
    expect(a.text).toMatch(/^The 2020–21 action plan has 15 actions: .*Red – off track.*overdue\./);
    expect(a.caveats?.join(' ')).toContain('Exempt (Part 2)');
    expect(a.caveats?.join(' ')).toContain('Sample data');
    expect(validateCard(renderActionsAnswerCard(a))).toEqual([]);
  });

  test('"status of Operation Blofeld" finds it only in a personal chat with an officer', async () => {
    const deps = await demoDeps(get());
    const query = { intent: 'action.detail' as const, text: 'status of Operation Blofeld', actionTitle: 'Operation Blofeld' };
    const inChannel = await answerActions(query, ctxOf('Dan', 'channel'), deps);
    expect(inChannel.actions).toEqual([]);
    expect(inChannel.text).not.toContain('organised');
    const personal = await answerActions(query, ctxOf('Dan', 'personal'), deps);
    expect(personal.actions?.map((x) => x.id)).toEqual(['CSP-2021-16']);
    expect(personal.text).toContain('Green – on track');
    expect(validateCard(renderActionsAnswerCard(personal))).toEqual([]);
  });

  test('"overdue actions" and "red actions"', async () => {
    const deps = await demoDeps(get());
    const overdue = await answerActions(q({ actions: { overdue: true } }), ctxOf('Priya', 'channel'), deps);
    expect(overdue.actions?.map((x) => x.id)).toEqual(['CSP-2021-04']);
    expect(overdue.text).toContain('Overdue actions: 1.');
    const red = await answerActions(q({ actions: { rag: 'red' } }), ctxOf('Priya', 'channel'), deps);
    expect(red.actions?.every((x) => x.rag === 'Red – off track')).toBe(true);
  });

  test('"actions in Rother" by ward, and "actions in Staveley" by named group', async () => {
    const deps = await demoDeps(get());
    const rother = await answerActions(q({ area: { code: 'E05003337', name: 'Rother', type: 'ward' } }), ctxOf('Priya', 'channel'), deps);
    expect(rother.actions?.map((x) => x.id)).toEqual(['CSP-2021-10']);
    expect(rother.text).toContain('in Rother');
    const staveley = await answerActions(q({ area: { code: 'group:staveley', name: 'Staveley', type: 'group' } }), ctxOf('Priya', 'channel'), deps);
    expect(staveley.actions?.map((x) => x.id)).toContain('CSP-2021-14');
  });

  test('"my actions" are the asker’s own', async () => {
    const deps = await demoDeps(get());
    const mine = await answerActions(q({ actions: { lead: 'me' } }), ctxOf('Dan', 'personal'), deps);
    expect(mine.actions?.map((x) => x.id).sort()).toEqual(['CSP-2021-05', 'CSP-2021-08', 'CSP-2021-11', 'CSP-2021-15', 'CSP-2021-16']);
    expect(mine.text).toMatch(/^Your actions: 5\./);
  });

  test('"actions due before Christmas" lists only the actions whose target dates fall in the window, and the card carries it', async () => {
    const deps = await demoDeps(get());
    const due = q({ actions: { dueFrom: '2021-08-18', dueTo: '2021-10-16' } });
    const a = await answerActions(due, ctxOf('Priya', 'channel'), deps);
    expect(a.actions?.map((x) => x.id)).toEqual(['CSP-2021-06', 'CSP-2021-12', 'CSP-2021-13']);
    expect(a.text).toMatch(/^Actions due between 18 Aug 2021 and 16 Oct 2021: 3\./);
    const card = cardFilterOfQuery(due);
    expect(card).toMatchObject({ dueFrom: '2021-08-18', dueTo: '2021-10-16' });
    const listed = cardOf(await invoke(actionVerbs(deps), { verb: 'action.list', trigger: 'manual', data: { filter: card } }, ctxOf('Priya', 'channel')));
    expect(text(listed)).toContain('CSP-2021-13');
    expect(text(listed)).not.toContain('CSP-2021-07');
  });

  test('a theme the plan does not have is said so, with the themes it has, not "none"', async () => {
    const deps = await demoDeps(get());
    const a = await answerActions(q({ actions: { theme: 'youth' } }), ctxOf('Priya', 'channel'), deps);
    expect(a.text).toMatch(/^The plan has no theme called “youth”\. Its themes are: .*Vulnerable people\.$/);
    const known = await answerActions(q({ actions: { theme: 'vulnerable people' } }), ctxOf('Priya', 'channel'), deps);
    expect(known.actions?.map((x) => x.id)).toEqual(['CSP-2021-05']);
  });

  test('the plan card says how the question was read, and that a theme asked for is not one of the plan\'s', async () => {
    const deps = await demoDeps(get());
    const note = 'Taking "before Christmas" as due dates from today to 24 Dec 2021.';
    const due = await answerActionsWithCard(q({ actions: { dueFrom: '2021-08-18', dueTo: '2021-12-24' }, note }), ctxOf('Priya', 'channel'), deps);
    if (!('card' in due)) throw new Error('expected the plan card');
    expect(text(due.card)).toContain(note.replace(/"/g, '\\"'));
    const youth = await answerActionsWithCard(q({ actions: { theme: 'youth' } }), ctxOf('Priya', 'channel'), deps);
    if (!('card' in youth)) throw new Error('expected the plan card');
    expect(text(youth.card)).toContain('The plan has no theme called “youth”');
  });

  test('an action\'s own card says how the question was read, as the plan card does', async () => {
    const deps = await demoDeps(get());
    const note = 'Taking "guard cameras" as guard cams.';
    const a = await answerActions({ intent: 'action.detail', text: 'status of guard cameras', actionTitle: 'guard cams', note }, ctxOf('Priya', 'channel'), deps);
    expect(a.text.startsWith(`${note} CSP-2021-05`)).toBe(true);
    expect(text(renderActionsAnswerCard(a))).toContain('Taking \\"guard cameras\\" as guard cams.');
  });

  test('"what changed since 1 March" lists the actions and the changes', async () => {
    const deps = await demoDeps(get());
    const a = await answerActions(q({ actions: { changedSince: '2021-08-01' } }), ctxOf('Priya', 'channel'), deps);
    expect(a.actions?.map((x) => x.id).sort()).toEqual(['CSP-2021-08', 'CSP-2021-09', 'CSP-2021-12', 'CSP-2021-15']);
    expect(a.text).toContain('RAG override');
  });
});

describeEachStore('action plan answers across ward sets', (get) => {
  test('"actions in Rother" finds the plan’s actions whether the 2015 or the 2023 Rother ward is meant', async () => {
    const deps = await demoDeps(get());
    for (const code of ['E05003337', 'E05015178']) {
      const a = await answerActions({ intent: 'actions.list', text: 'actions in Rother', area: { code, name: 'Rother', type: 'ward' } }, ctxOf('Priya', 'channel'), deps);
      expect(a.actions?.map((x) => x.id)).toContain('CSP-2021-10');
    }
  });

  test('a "since" period on the question is read as changed since its first day', async () => {
    const deps = await demoDeps(get());
    const a = await answerActions({ intent: 'actions.list', text: 'what changed since August', period: { kind: 'since', from: '2021-08' } }, ctxOf('Priya', 'channel'), deps);
    expect(a.actions?.map((x) => x.id).sort()).toEqual(['CSP-2021-08', 'CSP-2021-09', 'CSP-2021-12', 'CSP-2021-15']);
  });
});
