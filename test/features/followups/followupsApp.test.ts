import { invoke } from '../../support/verbs';
import { FakeClock } from '../../../src/core/clock';
import { answerFollowUps, followUpVerbs } from '../../../src/features/followups/followupsApp';
import { ReminderScheduler } from '../../../src/features/followups/scheduler';
import type { RequestContext } from '../../../src/core/turn';
import type { Query } from '../../../src/core/query';
import type { Actor } from '../../../src/core/roles';
import { DEFAULT_DIGEST } from '../../../src/features/followups/digest';
import { DEMO_FOLLOW_UP_IDS, seedDemoFollowUps } from '../../../src/demo/followUps';
import { demoPerson } from '../../../src/demo/people';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { ReminderRepo } from '../../../src/store/reminderRepo';
import { AuditLog } from '../../../src/store/auditLog';
import type { Store } from '../../../src/store/db';
import { describeEachStore } from '../../support/stores';
import { followupDeps, RecordingSender } from '../../support/followupFixtures';
import { oneTurnState } from '../../../src/core/turnState';
import { CHESTERFIELD } from '../../support/partnership';

const alexP = demoPerson('Alex Morgan');
const alex: Actor = { aadObjectId: alexP.aadObjectId, name: alexP.name, role: 'coordinator' };
const priya: Actor = { aadObjectId: demoPerson('Priya').aadObjectId, name: 'Cllr Priya Shah', role: 'member' };

function ctx(actor: Actor, now: string, type: 'personal' | 'channel' = 'personal'): RequestContext {
  const id = type === 'channel' ? '19:committee@thread.tacv2' : `a:${actor.aadObjectId}`;
  return { actor, conversation: { key: `tenant-1|${id}`, id, tenantId: 'tenant-1', type }, now: new Date(now), correlationId: 'test', state: oneTurnState(new Date(now)) };
}

const q = (intent: Query['intent'], text: string, extra: Partial<Query> = {}): Query => ({ intent, text, ...extra });

describeEachStore('follow-ups in chat', (getStore) => {
  async function setup(now = '2021-08-18T10:00:00Z'): Promise<{ store: Store; deps: ReturnType<typeof followupDeps> }> {
    const store = getStore();
    const clock = new FakeClock(now);
    await seedDemoFollowUps(store, clock);
    return { store, deps: followupDeps(store, clock) };
  }

  it('"what\'s due" lists the open items due in the next four weeks', async () => {
    const { deps } = await setup();
    const a = await answerFollowUps(q('followups.list', "what's due", { followups: { scope: 'due' } }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(a.intent).toBe('followups.list');
    expect(a.followups?.map((f) => [f.id, f.due, f.status])).toEqual([
      [DEMO_FOLLOW_UP_IDS.hateCrime, '2021-09', 'open'],
      [DEMO_FOLLOW_UP_IDS.progressReport, '2021-09', 'open'],
    ]);
    expect(a.text).toContain('2 follow-ups are due by Wednesday 15 September 2021');
    expect(a.text).toContain('Further progress report on the CSP action plan and performance to the Crime and Disorder Committee – due September 2021');
  });

  it('"what\'s due this month" keeps to that month: none in August, and the next one named; both in September', async () => {
    const { deps } = await setup();
    const august = await answerFollowUps(q('followups.list', "what's due this month", { followups: { scope: 'due', from: '2021-08-01', to: '2021-08-31' } }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(august.followups).toEqual([]);
    expect(august.text).toMatch(/^No committee follow-up is due between 1 August 2021 and 31 August 2021\. The next is due September 2021: /);
    const september = await answerFollowUps(q('followups.list', "what's due next month", { followups: { scope: 'due', from: '2021-09-01', to: '2021-09-30' } }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(september.followups?.map((f) => f.id)).toEqual([DEMO_FOLLOW_UP_IDS.hateCrime, DEMO_FOLLOW_UP_IDS.progressReport]);
  });

  it('"what\'s overdue" says no follow-up is overdue before the date (never "nothing": an action may be), and lists both items after it', async () => {
    const { deps } = await setup();
    const before = await answerFollowUps(q('followups.list', "what's overdue", { followups: { scope: 'overdue' } }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(before.text).toBe('No committee follow-up is overdue.');
    expect(before.suggestions).toContain('which actions are overdue');
    expect(before.followups).toEqual([]);
    const after = await answerFollowUps(q('followups.list', "what's overdue", { followups: { scope: 'overdue' } }), ctx(priya, '2021-09-10T10:00:00Z'), deps);
    expect(after.followups).toHaveLength(2);
    expect(after.text).toMatch(/^2 follow-ups are overdue:/);
    expect(after.text).toContain('– overdue');
  });

  it('"follow-ups from the last meeting" gives everything from 11 March 2021, with what was done', async () => {
    const { deps } = await setup();
    const a = await answerFollowUps(q('followups.list', 'follow-ups from the last meeting', { followups: { scope: 'last-meeting' } }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(a.followups?.map((f) => f.status).sort()).toEqual(['done', 'open', 'open']);
    expect(a.text).toContain('From the meeting on 11 March 2021: 3 follow-ups, 1 done.');
    expect(a.text).toContain('Send members the details of the vaccination question-and-answer webinar – done (12 March 2021)');
  });

  it('"remind me about the hate crime figures on 1 March" adds a one-off reminder to that follow-up for me at 09:00', async () => {
    const { store, deps } = await setup();
    const a = await answerFollowUps(
      q('followups.remind', 'remind me about the hate crime figures on 1 March', { reminder: { about: 'the hate crime figures', on: '2022-03-01', audience: 'me' } }),
      ctx(priya, '2021-08-18T10:00:00Z'),
      deps,
    );
    expect(a.text).toBe('I will remind you about "Further information on the rise in reported hate crime" on Tuesday 1 March 2022 at 09:00. It is due September 2021.');
    const rows = await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.hateCrime });
    expect(rows.filter((r) => r.recipient === priya.aadObjectId).map((r) => [r.stage, r.fireAt])).toEqual([['requested', '2022-03-01T09:00:00.000Z']]);
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(DEMO_FOLLOW_UP_IDS.hateCrime))?.recipients.some((r) => r.target === priya.aadObjectId && r.role === 'audience')).toBe(true);
  });

  it('reads a spoken date ("1 September") when the parser passes it through as words', async () => {
    const { store, deps } = await setup();
    await answerFollowUps(q('followups.remind', 'remind me about the progress report on 1 September', { reminder: { about: 'the progress report', on: '1 September', audience: 'me' } }), ctx(alex, '2021-08-18T10:00:00Z'), deps);
    const rows = await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport });
    expect(rows.filter((r) => r.stage === 'requested').map((r) => r.fireAt)).toEqual(['2021-09-01T08:00:00.000Z']);
  });

  it('"remind this channel about the progress report on 1 September" works for a coordinator and is refused for a member', async () => {
    const { store, deps } = await setup();
    const query = q('followups.remind', 'remind this channel about the progress report on 1 September', {
      reminder: { about: 'the progress report', on: '2021-09-01', audience: 'this-conversation' },
    });
    const refused = await answerFollowUps(query, ctx(priya, '2021-08-18T10:00:00Z', 'channel'), deps);
    expect(refused.text).toMatch(/^Only coordinators can set reminders for a whole channel/);
    expect(await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport })).toHaveLength(0);

    const ok = await answerFollowUps(query, ctx(alex, '2021-08-18T10:00:00Z', 'channel'), deps);
    expect(ok.text).toBe(
      'I will remind this channel about "Further progress report on the CSP action plan and performance to the Crime and Disorder Committee" on Wednesday 1 September 2021 at 09:00. It is due September 2021.',
    );
    const rows = await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport });
    expect(rows.map((r) => [r.recipientKind, r.recipient, r.fireAt])).toEqual([['conversation', 'tenant-1|19:committee@thread.tacv2', '2021-09-01T08:00:00.000Z']]);
  });

  it('a reminder about something not yet tracked becomes a follow-up with that one reminder only', async () => {
    const { store, deps } = await setup();
    const a = await answerFollowUps(
      q('followups.remind', 'remind me about the PSPO consultation on 10 September', { reminder: { about: 'the PSPO consultation', on: '2021-09-10', audience: 'me' } }),
      ctx(alex, '2021-08-18T10:00:00Z'),
      deps,
    );
    expect(a.text).toBe('I will remind you about "The PSPO consultation" on Friday 10 September 2021 at 09:00. I have added it as a follow-up due Friday 10 September 2021.');
    const id = a.followups![0].id;
    await new ReminderScheduler(deps, new RecordingSender(), { digest: { ...DEFAULT_DIGEST, enabled: false } }).plan(new Date('2021-08-18T10:00:00Z'));
    expect((await new ReminderRepo(store).list({ itemId: id })).map((r) => r.stage)).toEqual(['requested']);
  });

  it('refuses a date that has passed and changes nothing', async () => {
    const { store, deps } = await setup();
    const a = await answerFollowUps(q('followups.remind', 'remind me', { reminder: { about: 'the hate crime figures', on: '2021-08-01', audience: 'me' } }), ctx(alex, '2021-08-18T10:00:00Z'), deps);
    expect(a.text).toBe('Sunday 1 August 2021 has passed. Which day should I remind you?');
    expect(await new ReminderRepo(store).list()).toHaveLength(0);
  });

  it('"stop reminding me about the progress report" mutes Alex and skips his pending reminders', async () => {
    const { store, deps } = await setup('2021-08-01T10:00:00Z');
    const scheduler = new ReminderScheduler(deps, new RecordingSender(), { digest: { ...DEFAULT_DIGEST, enabled: false } });
    await scheduler.plan(new Date('2021-08-01T10:00:00Z'));
    const a = await answerFollowUps(q('followups.stop', 'stop reminding me about the progress report', { stopAbout: 'the progress report' }), ctx(alex, '2021-08-01T10:00:00Z'), deps);
    expect(a.text).toMatch(/^I will stop reminding you about "Further progress report on the CSP action plan/);
    const rows = await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport });
    const alexRows = rows.filter((r) => r.recipient === alexP.aadObjectId);
    expect(alexRows.length).toBeGreaterThan(0);
    expect(alexRows.every((r) => r.state === 'skipped')).toBe(true);
    expect(rows.filter((r) => r.recipientKind === 'committee').every((r) => r.state === 'pending')).toBe(true);
  });

  it('"stop reminding me about X" when nothing matches says what does remind me', async () => {
    const { deps } = await setup();
    const a = await answerFollowUps(q('followups.stop', 'stop reminding me about parking', { stopAbout: 'parking' }), ctx(priya, '2021-08-18T10:00:00Z'), deps);
    expect(a.text).toBe('I could not find a follow-up about "parking" that reminds you. You get no reminders at the moment.');
  });
});

describeEachStore('reminder card buttons', (getStore) => {
  async function setup() {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T10:00:00Z');
    await seedDemoFollowUps(store, clock);
    return { store, verbs: followUpVerbs(followupDeps(store, clock)) };
  }
  const data = { id: DEMO_FOLLOW_UP_IDS.progressReport, version: 1 };

  it('Mark done by the owner closes the item and updates the card everyone sees', async () => {
    const { store, verbs } = await setup();
    const out = await invoke(verbs, { verb: 'followup.done', data, trigger: 'manual' }, ctx(alex, '2021-08-18T10:00:00Z'));
    expect(out.kind).toBe('card');
    if (out.kind !== 'card') return;
    expect(JSON.stringify(out.card)).toContain('Marked done by Alex Morgan. No more reminders will be sent.');
    expect(out.updateOriginal).toEqual(out.card);
    expect(JSON.stringify(out.card)).not.toContain('followup.done');
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(data.id))?.status).toBe('done');
  });

  it('refuses a member who does not own the item, and changes nothing', async () => {
    const { store, verbs } = await setup();
    const out = await invoke(verbs, { verb: 'followup.done', data, trigger: 'manual' }, ctx(priya, '2021-08-18T10:00:00Z'));
    expect(out).toEqual({ kind: 'error', status: 403, message: 'Only the owner of this follow-up or a coordinator can change it.' });
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(data.id))?.status).toBe('open');
  });

  it('audits every refused press the way refused action-card presses are audited, and changes nothing', async () => {
    const { store, verbs } = await setup();
    const audit = new AuditLog(store);
    const before = await new FollowUpRepo(store, CHESTERFIELD).get(data.id);
    const channel = ctx(alex, '2021-08-18T10:00:00Z', 'channel');
    const exempt = (await new FollowUpRepo(store, CHESTERFIELD).create(
      { title: 'Exempt item', dueDate: '2021-09-01', duePrecision: 'day', classification: 'exempt', source: { kind: 'chat', meetingDate: null, meetingTitle: null, minuteRef: null, text: 'x' }, recipients: [] },
      new Date('2021-08-18T10:00:00Z'),
      alex.aadObjectId,
      'teams',
    )).followUp;
    await invoke(verbs, { verb: 'followup.done', data, trigger: 'manual' }, ctx(priya, '2021-08-18T10:00:00Z'));
    await invoke(verbs, { verb: 'followup.done', data: { nope: 1 }, trigger: 'manual' }, ctx(alex, '2021-08-18T10:00:00Z'));
    await invoke(verbs, { verb: 'followup.snooze', data: { id: 'fu-missing', version: 1 }, trigger: 'manual' }, ctx(alex, '2021-08-18T10:00:00Z'));
    await invoke(verbs, { verb: 'followup.done', data: { id: exempt.id, version: 1 }, trigger: 'manual' }, channel);
    const events = await audit.events('followup.');
    expect(events.map((e) => [e.event, e.actor, e.detail.verb, e.detail.id])).toEqual([
      ['followup.refused', priya.aadObjectId, 'followup.done', data.id],
      ['followup.invalid', alex.aadObjectId, 'followup.done', null],
      ['followup.not_found', alex.aadObjectId, 'followup.snooze', 'fu-missing'],
      ['followup.refused', alex.aadObjectId, 'followup.done', exempt.id],
    ]);
    expect(events[0].detail).toMatchObject({ role: 'member', conversation: 'personal', correlationId: 'test', message: 'Only the owner of this follow-up or a coordinator can change it.' });
    expect(events[3].detail).toMatchObject({ conversation: 'channel' });
    expect(events[0].at).toBe('2021-08-18T10:00:00.000Z');
    expect(await new FollowUpRepo(store, CHESTERFIELD).get(data.id)).toEqual(before);
  });

  it('Snooze a week moves the next reminder to 09:00 a week later', async () => {
    const { store, verbs } = await setup();
    const out = await invoke(verbs, { verb: 'followup.snooze', data: { ...data, version: '1' }, trigger: 'manual' }, ctx(alex, '2021-08-18T10:00:00Z'));
    expect(out.kind).toBe('card');
    expect(JSON.stringify(out)).toContain('until Wednesday 25 August 2021');
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(data.id))?.snoozedUntil).toBe('2021-08-25T08:00:00.000Z');
  });

  it('a stale card gets the latest card back instead of the change', async () => {
    const { store, verbs } = await setup();
    await invoke(verbs, { verb: 'followup.snooze', data, trigger: 'manual' }, ctx(alex, '2021-08-18T10:00:00Z'));
    const out = await invoke(verbs, { verb: 'followup.done', data, trigger: 'manual' }, ctx(alex, '2021-08-18T10:05:00Z'));
    expect(JSON.stringify(out)).toContain('This card was out of date, so nothing changed.');
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(data.id))?.status).toBe('open');
  });

  it('a refresh only shows the card and changes nothing', async () => {
    const { store, verbs } = await setup();
    const out = await invoke(verbs, { verb: 'followup.done', data, trigger: 'automatic' }, ctx(alex, '2021-08-18T10:00:00Z'));
    expect(out.kind).toBe('card');
    expect((await new FollowUpRepo(store, CHESTERFIELD).get(data.id))?.status).toBe('open');
  });

  it('offers "Open the action" (action.view) when the follow-up is about an action', async () => {
    const { store, verbs } = await setup();
    const repo = new FollowUpRepo(store, CHESTERFIELD);
    const { followUp } = await repo.create(
      {
        title: 'Report on Staveley CCTV funding',
        dueDate: '2021-09-01',
        duePrecision: 'day',
        actionId: 'CSP-2021-06',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: [{ kind: 'user', target: alexP.aadObjectId, label: alexP.name, role: 'owner' }],
      },
      new Date('2021-08-18T10:00:00Z'),
      'test',
      'cli',
    );
    const out = await invoke(verbs, { verb: 'followup.refresh', data: { id: followUp.id, version: 1 }, trigger: 'automatic' }, ctx(alex, '2021-08-18T10:00:00Z'));
    const actions = out.kind === 'card' ? (out.card.actions as { title: string; verb: string; data: unknown }[]) : [];
    expect(actions.map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Mark done', 'followup.done', { id: followUp.id, version: 1 }],
      ['Snooze a week', 'followup.snooze', { id: followUp.id, version: 1 }],
      ['Open the action', 'action.view', { id: 'CSP-2021-06' }],
    ]);
  });
});
