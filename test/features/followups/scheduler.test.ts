import { FakeClock } from '../../../src/core/clock';
import { ReminderScheduler, SchedulerOptions } from '../../../src/features/followups/scheduler';
import { DEFAULT_DIGEST } from '../../../src/features/followups/digest';
import { DEMO_CLOCK_START, DEMO_FOLLOW_UP_IDS, seedDemoFollowUps } from '../../../src/demo/followUps';
import { demoPerson } from '../../../src/demo/people';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { ReminderRepo } from '../../../src/store/reminderRepo';
import { RoleRepo } from '../../../src/store/roleRepo';
import { ConversationRepo } from '../../../src/store/conversationRepo';
import { describeEachStore } from '../../support/stores';
import { addChannel, addPersonalChat, followupDeps, RecordingSender } from '../../support/followupFixtures';
import { CHESTERFIELD } from '../../support/partnership';

const alex = demoPerson('Alex Morgan');
const noDigest: Partial<SchedulerOptions> = { digest: { ...DEFAULT_DIGEST, enabled: false }, instanceId: 'test-1' };

describeEachStore('ReminderScheduler', (getStore) => {
  it('delivers the September 2021 report reminder to Alex and the committee channel at 09:00 on 18 August, not before', async () => {
    const store = getStore();
    const clock = new FakeClock(DEMO_CLOCK_START);
    await seedDemoFollowUps(store, clock);
    const alexChat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    const channel = await addChannel(store, '19:committee@thread.tacv2', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);

    await scheduler.runDue();
    expect(sender.sent).toHaveLength(0);

    clock.set('2021-08-18T08:00:00Z');
    const run = await scheduler.runDue();
    expect(sender.to(alexChat).map((s) => s.heading)).toEqual([
      'Further progress report on the CSP action plan and performance to the Crime and Disorder Committee',
    ]);
    expect(sender.to(channel).map((s) => s.heading).sort()).toEqual([
      'Further information on the rise in reported hate crime',
      'Further progress report on the CSP action plan and performance to the Crime and Disorder Committee',
    ]);
    expect(JSON.stringify(sender.to(alexChat)[0].message.card)).toContain('Due in 14 days');
    // Jo Whitfield, the hate crime item's owner, has no chat with the bot yet: her reminder waits.
    expect(run.waiting).toBe(1);

    await scheduler.runDue();
    expect(sender.sent).toHaveLength(3);
  });

  it('an instance that stalls past its lease sends nothing another instance took over; only the send in flight is resent, flagged', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-09-01T08:00:00Z');
    const repo = new FollowUpRepo(store, CHESTERFIELD);
    for (let u = 0; u < 4; u++) await addPersonalChat(store, `user-${u}`, `a:user-${u}`, new Date('2021-08-31T12:00:00Z'));
    await repo.create(
      {
        title: 'Stalled item',
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: Array.from({ length: 4 }, (_, u) => ({ kind: 'user' as const, target: `user-${u}`, label: null, role: 'owner' as const })),
      },
      new Date('2021-08-31T12:00:00Z'),
      'test',
      'cli',
    );
    const other = new RecordingSender();
    const b = new ReminderScheduler(followupDeps(store, clock), other, { ...noDigest, instanceId: 'b', leaseMs: 45_000 });
    // A's first send hangs past its lease; B takes over meanwhile.
    const stalled = new RecordingSender();
    let first = true;
    const stallingSender = {
      async send(key: string, message: Parameters<RecordingSender['send']>[1]) {
        if (first) {
          first = false;
          clock.advance(46_000);
          await b.runDue();
        }
        return stalled.send(key, message);
      },
    };
    // A's heartbeat cannot reach the store either (its timers never fire): it is as good as dead.
    const frozen = { now: () => clock.now(), setTimer: () => () => undefined, repeat: () => () => undefined, sleep: () => new Promise<void>(() => undefined) };
    const a = new ReminderScheduler(followupDeps(store, frozen), stallingSender, { ...noDigest, instanceId: 'a', leaseMs: 45_000, concurrency: 1 });
    await a.runDue();
    expect(stalled.sent).toHaveLength(1); // only the send already under way when B took over
    expect(other.sent).toHaveLength(4); // B sent all four, the one in flight again
    const rows = await new ReminderRepo(store).list();
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rows.filter((r) => r.possiblyDuplicated).map((r) => r.recipient)).toEqual([stalled.sent[0].conversationKey.replace('tenant-1|a:', '')]);
  });

  it('a live instance renews its lease on the clock\'s timer, so another cannot take over its claims', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-09-01T08:00:00Z');
    await addPersonalChat(store, 'user-0', 'a:user-0', new Date('2021-08-31T12:00:00Z'));
    await new FollowUpRepo(store, CHESTERFIELD).create(
      {
        title: 'Slow item',
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: [{ kind: 'user', target: 'user-0', label: null, role: 'owner' }],
      },
      new Date('2021-08-31T12:00:00Z'),
      'test',
      'cli',
    );
    const other = new RecordingSender();
    const b = new ReminderScheduler(followupDeps(store, clock), other, { ...noDigest, instanceId: 'b', leaseMs: 45_000 });
    const slow = new RecordingSender();
    const sender = {
      async send(key: string, message: Parameters<RecordingSender['send']>[1]) {
        // The send takes two minutes; the heartbeat fires every 15 s meanwhile.
        for (let i = 0; i < 8; i++) {
          clock.advance(15_000);
          await new Promise((r) => setTimeout(r, 20)); // lets the heartbeat's write land
        }
        await b.runDue();
        return slow.send(key, message);
      },
    };
    const a = new ReminderScheduler(followupDeps(store, clock), sender, { ...noDigest, instanceId: 'a', leaseMs: 45_000 });
    await a.runDue();
    expect(slow.sent).toHaveLength(1);
    expect(other.sent).toHaveLength(0);
    expect((await new ReminderRepo(store).list()).map((r) => [r.state, r.possiblyDuplicated])).toEqual([['sent', false]]);
  });

  it('fires at 09:00 London time on both sides of the October clock change (08:00 UTC in BST, 09:00 UTC in GMT)', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-10-01T10:00:00Z');
    const chat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    await new FollowUpRepo(store, CHESTERFIELD).create(
      {
        title: 'Send the ASB campaign evaluation',
        dueDate: '2021-11-08',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: [{ kind: 'user', target: alex.aadObjectId, label: alex.name, role: 'owner' }],
      },
      clock.now(),
      'test',
      'cli',
    );
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);
    const at = async (iso: string) => {
      clock.set(iso);
      await scheduler.runDue();
      return sender.to(chat).length;
    };
    expect(await at('2021-10-25T07:59:00Z')).toBe(0);
    expect(await at('2021-10-25T08:00:00Z')).toBe(1); // 14 days before, BST
    expect(await at('2021-11-01T08:30:00Z')).toBe(1); // 08:30 GMT: not yet
    expect(await at('2021-11-01T09:00:00Z')).toBe(2); // 7 days before, GMT
    expect(await at('2021-11-05T09:00:00Z')).toBe(3); // 1 day before falls on Sunday: moved to Friday
    expect(await at('2021-11-07T12:00:00Z')).toBe(3);
    expect(await at('2021-11-08T09:00:00Z')).toBe(4); // on the day
  });

  it('after a 10-day outage sends one "reminders you missed" summary per audience, not a flood', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-17T12:00:00Z');
    await seedDemoFollowUps(store, clock);
    const alexChat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    const jo = demoPerson('Jo Whitfield');
    const joChat = await addPersonalChat(store, jo.aadObjectId, 'a:jo', clock.now());
    const channel = await addChannel(store, '19:committee@thread.tacv2', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, { instanceId: 'test-1' });
    await scheduler.runDue();
    expect(sender.sent).toHaveLength(0);

    clock.set('2021-08-27T12:00:00Z'); // missed 18 and 25 August, and the Monday digest
    const run = await scheduler.runDue();
    expect(sender.to(alexChat).map((s) => s.heading)).toEqual(['2 reminders you missed']);
    expect(sender.to(joChat).map((s) => s.heading)).toEqual(['2 reminders you missed']);
    expect(sender.to(channel).map((s) => s.heading)).toEqual(['4 reminders you missed']);
    expect(run.summaries).toBe(3);
    expect(run.summarised).toBe(8);
    const states = await new ReminderRepo(store).countByState();
    expect(states.claimed ?? 0).toBe(0);
    expect(states.pending ?? 0).toBeGreaterThan(0); // the reminders still to come
    await scheduler.runDue();
    expect(sender.sent).toHaveLength(3);
  });

  it('sends nothing for a follow-up marked done, before or after its reminders were planned', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-01T12:00:00Z');
    await seedDemoFollowUps(store, clock);
    const alexChat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    const channel = await addChannel(store, '19:committee@thread.tacv2', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);
    await scheduler.runDue(); // plans the report's reminders
    await new FollowUpRepo(store, CHESTERFIELD).setStatus(DEMO_FOLLOW_UP_IDS.progressReport, 'done', null, alex.aadObjectId, clock.now(), 'teams');
    for (let day = 0; day < 60; day++) {
      clock.advance(86_400_000);
      await scheduler.runDue();
    }
    expect(sender.to(alexChat)).toHaveLength(0);
    expect(sender.to(channel).every((s) => !s.heading.includes('progress report'))).toBe(true);
    expect(sender.to(channel).length).toBeGreaterThan(0); // the hate crime item is still open
    // The webinar item was done before any reminder: none was ever planned for it.
    expect(await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.vaccinationWebinar })).toHaveLength(0);
  });

  it('keeps a reminder pending while the person has no chat with the bot, and sends it once the chat appears', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T07:59:00Z');
    await seedDemoFollowUps(store, clock);
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);
    clock.set('2021-08-18T08:00:30Z');
    await scheduler.runDue();
    const waiting = await new ReminderRepo(store).list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport, state: ['pending'] });
    expect(waiting.filter((r) => r.recipient === alex.aadObjectId && r.stage === 'before-14')).toHaveLength(1);

    clock.set('2021-08-18T08:20:00Z');
    const chat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    await scheduler.runDue();
    await scheduler.runDue();
    expect(sender.to(chat).map((s) => s.heading)).toEqual(['Further progress report on the CSP action plan and performance to the Crime and Disorder Committee']);
  });

  it('sends the second overdue reminder to the coordinators as well, and only that one', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-20T12:00:00Z');
    await seedDemoFollowUps(store, clock);
    const coordinatorId = 'c0000009-0000-4000-8000-000000000009';
    await new RoleRepo(store).grant(coordinatorId, 'coordinator', 'test', clock.now(), 'Casey Coordinator');
    const coordinatorChat = await addPersonalChat(store, coordinatorId, 'a:casey', clock.now());
    await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);
    await scheduler.runDue();
    // Due Wednesday 1 September; overdue reminders on 8, 15, 22 September.
    for (const iso of ['2021-09-01T08:00:00Z', '2021-09-08T08:00:00Z', '2021-09-15T08:00:00Z', '2021-09-22T08:00:00Z']) {
      clock.set(iso);
      await scheduler.runDue();
    }
    const toCasey = sender.to(coordinatorChat);
    expect(toCasey).toHaveLength(2); // the report and the hate crime item, each once
    expect(toCasey.every((s) => JSON.stringify(s.message.card).includes('Sent to the coordinators as well'))).toBe(true);
    const rows = await new ReminderRepo(store).list({ state: ['sent'] });
    expect(rows.filter((r) => r.recipient === coordinatorId).map((r) => r.stage)).toEqual(['overdue-2', 'overdue-2']);
  });

  it('retries a transient failure next cycle and gives up on a final one, recording every attempt', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T07:59:00Z');
    await seedDemoFollowUps(store, clock);
    const alexChat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    const channel = await addChannel(store, '19:committee@thread.tacv2', clock.now());
    const sender = new RecordingSender();
    sender.outcomes.set(alexChat, { status: 'retry', httpStatus: 503, code: 'ServiceError' });
    sender.outcomes.set(channel, { status: 'final', httpStatus: 403, code: 'BotNotInConversationRoster' });
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, { ...noDigest, intervalMs: 30_000 });
    clock.set('2021-08-18T08:00:00Z');
    const first = await scheduler.runDue();
    expect(first.failed).toBe(1);
    expect(first.dead).toBe(2);
    const repo = new ReminderRepo(store);
    const [alexRow] = (await repo.list({ itemId: DEMO_FOLLOW_UP_IDS.progressReport })).filter((r) => r.recipient === alex.aadObjectId && r.stage === 'before-14');
    expect(alexRow.state).toBe('failed');
    expect((await repo.attemptsFor(alexRow.id)).map((a) => [a.status, a.httpStatus])).toEqual([['retry', 503]]);

    clock.advance(10_000);
    await scheduler.runDue();
    expect(sender.to(alexChat)).toHaveLength(0); // not before the next cycle

    sender.outcomes.delete(alexChat);
    clock.advance(30_000);
    await scheduler.runDue();
    expect(sender.to(alexChat)).toHaveLength(1);
    expect((await repo.get(alexRow.id))?.state).toBe('sent');
    expect((await repo.attemptsFor(alexRow.id)).map((a) => a.status)).toEqual(['retry', 'sent']);
  });

  it('posts the weekly digest to the committee channel on the configured day, once, with what is due in the next two weeks', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-23T07:00:00Z'); // Monday
    await new FollowUpRepo(store, CHESTERFIELD).create(
      {
        title: 'Further progress report to the Crime and Disorder Committee',
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'resolution', meetingDate: '2021-03-11', meetingTitle: 'Crime and Disorder Committee', minuteRef: 'Resolution (2)', text: null },
        recipients: [{ kind: 'committee', target: 'committee', label: null, role: 'audience' }],
      },
      clock.now(),
      'test',
      'cli',
    );
    const channel = await addChannel(store, '19:committee@thread.tacv2', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, { instanceId: 'test-1' });
    await scheduler.runDue();
    expect(sender.to(channel)).toHaveLength(0);
    clock.set('2021-08-23T08:00:00Z');
    await scheduler.runDue();
    await scheduler.runDue();
    expect(sender.to(channel).map((s) => s.heading)).toEqual(['Weekly digest – 23 August 2021']);
    const text = JSON.stringify(sender.to(channel)[0].message.card);
    expect(text).toContain('Further progress report to the Crime and Disorder Committee – due 1 September 2021');
    expect(text).toContain('Nothing is overdue.');
  });

  it('does not post to a conversation whose reference was marked inactive, and resumes when it is reactivated', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T07:59:00Z');
    await seedDemoFollowUps(store, clock);
    const alexChat = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    await new ConversationRepo(store).markInactive(alexChat, 'BotNotInConversationRoster', clock.now());
    const sender = new RecordingSender();
    const scheduler = new ReminderScheduler(followupDeps(store, clock), sender, noDigest);
    clock.set('2021-08-18T08:00:00Z');
    await scheduler.runDue();
    expect(sender.to(alexChat)).toHaveLength(0);
    await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock.now());
    clock.advance(60_000);
    await scheduler.runDue();
    expect(sender.to(alexChat)).toHaveLength(1);
  });
});
