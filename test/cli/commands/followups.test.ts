import { runCsp } from '../../support/cli';
import { register } from '../../../src/cli/commands/followups';
import { FakeClock } from '../../../src/core/clock';
import { seedDemoFollowUps } from '../../../src/demo/followUps';
import { demoPerson } from '../../../src/demo/people';
import type { Store } from '../../../src/store/db';
import { ReminderRepo } from '../../../src/store/reminderRepo';
import { describeEachStore } from '../../support/stores';
import { FakeConnector } from '../../support/fakeConnector';
import { addChannel, addPersonalChat, followupDeps } from '../../support/followupFixtures';
import { neighbourPack, saveNeighbourPack } from '../../support/neighbourPack';
import { FollowUpRepo } from '../../../src/store/followUpRepo';

async function run(store: Store, clock: FakeClock, args: string[]): Promise<{ out: string; err: string }> {
  return runCsp(register, followupDeps(store, clock), args);
}

describeEachStore('csp remind / csp followups', (getStore) => {
  let fake: FakeConnector;
  beforeEach(async () => {
    fake = new FakeConnector();
    await fake.start();
  });
  afterEach(() => fake.stop());

  it('`csp remind run-due` sends what is due through the connector, once however often cron runs it', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T08:00:00Z');
    await seedDemoFollowUps(store, clock);
    await addPersonalChat(store, demoPerson('Alex Morgan').aadObjectId, 'a:alex', clock.now(), fake.url);
    await addChannel(store, '19:committee@thread.tacv2', clock.now(), fake.url);
    const first = await run(store, clock, ['remind', 'run-due', '--instance', 'cron-1']);
    // The one skipped is Monday's digest, two days stale; the one waiting is Jo Whitfield's, who has no chat yet.
    expect(first.out).toMatch(/claimed 5: 3 sent, 0 catch-up summaries \(0 reminders\), 1 skipped, 1 waiting for a conversation, 0 to retry, 0 given up\.$/);
    expect(first.err).toBe('Next reminder due at 2021-08-23T08:00:00.000Z.'); // next Monday's digest
    expect(fake.delivered().map((c) => c.conversationId).sort()).toEqual(['19:committee@thread.tacv2', '19:committee@thread.tacv2', 'a:alex']);
    clock.advance(60_000);
    await run(store, clock, ['remind', 'run-due']);
    expect(fake.delivered()).toHaveLength(3);
    expect((await new ReminderRepo(store).list({ state: ['sent'] })).every((r) => r.claimedBy === 'cron-1')).toBe(true);
  });

  it('`csp followups list last-meeting --json` prints the Answer; the scope may also be given as --scope', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T08:00:00Z');
    await seedDemoFollowUps(store, clock);
    const { out } = await run(store, clock, ['followups', 'list', 'last-meeting', '--json']);
    const answer = JSON.parse(out) as { intent: string; text: string; followups: { status: string }[] };
    expect(answer.intent).toBe('followups.list');
    expect(answer.followups.map((f) => f.status).sort()).toEqual(['done', 'open', 'open']);
    expect((await run(store, clock, ['followups', 'list', '--scope', 'last-meeting', '--json'])).out).toBe(out);
    // The positional scope is not ignored: all open follow-ups are another list.
    const all = JSON.parse((await run(store, clock, ['followups', 'list', '--json'])).out) as { followups: { status: string }[] };
    expect(all.followups.map((f) => f.status)).not.toContain('done');
  });

  it('`--partnership` lists that partnership\'s follow-ups and sets its committee channel; without it, the default\'s', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T08:00:00Z');
    await saveNeighbourPack(store);
    await seedDemoFollowUps(store, clock);
    await new FollowUpRepo(store, neighbourPack.district.code).create(
      {
        title: 'Shirebrook market patrol figures',
        dueDate: '2021-09-01',
        duePrecision: 'day',
        source: { kind: 'manual', meetingDate: null, meetingTitle: null, minuteRef: null, text: null },
        recipients: [],
      },
      clock.now(),
      'test',
      'cli',
    );
    const bolsover = (await run(store, clock, ['followups', 'list', '--partnership', 'Bolsover'])).out;
    expect(bolsover).toBe('1 open follow-up:\n- Shirebrook market patrol figures – due 1 September 2021');
    const chesterfield = (await run(store, clock, ['followups', 'list'])).out;
    expect(chesterfield).toMatch(/hate crime/);
    expect(chesterfield).not.toMatch(/Shirebrook/);
    await expect(run(store, clock, ['followups', 'list', '--partnership', 'Atlantis'])).rejects.toThrow('No partnership "Atlantis" in this store');

    const channel = await addChannel(store, '19:bolsover-csp@thread.tacv2', clock.now(), fake.url);
    expect((await run(store, clock, ['followups', 'committee-channel', channel, '--partnership', 'E07000033'])).out).toBe(
      `The Bolsover partnership's committee reminders and weekly digest will go to ${channel}.`,
    );
    expect((await run(store, clock, ['followups', 'committee-channel'])).out).toMatch(/^No committee channel set for the Chesterfield partnership/);
  });

  it('refuses an unknown scope, and two scopes that disagree', async () => {
    const store = getStore();
    const clock = new FakeClock('2021-08-18T08:00:00Z');
    await expect(run(store, clock, ['followups', 'list', 'soon'])).rejects.toThrow('The scope must be one of due, overdue, last-meeting, all (got "soon").');
    await expect(run(store, clock, ['followups', 'list', '--scope', 'soon'])).rejects.toThrow('(got "soon")');
    await expect(run(store, clock, ['followups', 'list', 'due', '--scope', 'overdue'])).rejects.toThrow('Two scopes given ("due" and --scope overdue); give one.');
  });
});
