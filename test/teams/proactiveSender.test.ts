import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { FakeClock } from '../../src/core/clock';
import { BotProactiveSender, PacingOptions, PacingTime } from '../../src/teams/proactiveSender';
import { ConversationRepo } from '../../src/store/conversationRepo';
import { migrate, openStore, Store } from '../../src/store/db';
import { FakeConnector, fakeReference } from '../support/fakeConnector';
import { addPersonalChat, followupDeps } from '../support/followupFixtures';
import { ReminderScheduler } from '../../src/features/followups/scheduler';
import { DEFAULT_DIGEST } from '../../src/features/followups/digest';
import { seedDemoFollowUps } from '../../src/demo/followUps';
import { demoPerson } from '../../src/demo/people';
import { ReminderRepo } from '../../src/store/reminderRepo';

/** Virtual time for pacing: sleeping moves it on at once, so waits can be checked without waiting. */
class VirtualTime implements PacingTime {
  t = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    await Promise.resolve();
  }
}

const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Reminder' }] };

describe('BotProactiveSender through a fake Teams connector', () => {
  let store: Store;
  let fake: FakeConnector;
  let time: VirtualTime;
  let conversations: ConversationRepo;
  const clock = new FakeClock('2021-08-18T08:00:00Z');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }));

  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    time = new VirtualTime();
    fake = new FakeConnector(() => time.now());
    await fake.start();
    conversations = new ConversationRepo(store);
  });
  afterEach(async () => {
    await fake.stop();
    await store.close();
  });

  async function conversation(id: string): Promise<string> {
    await conversations.upsertActive(
      {
        tenantId: 'tenant-1',
        conversationId: id,
        conversationType: 'personal',
        serviceUrl: fake.url,
        teamId: null,
        channelId: null,
        userAadObjectId: `aad-${id}`,
        reference: fakeReference(fake.url, id),
      },
      clock.now(),
    );
    return `tenant-1|${id}`;
  }

  function sender(options: Partial<PacingOptions> = {}): BotProactiveSender {
    return new BotProactiveSender(adapter, '', conversations, clock, { globalPerSecond: 1000, ...options }, undefined, time);
  }

  it('posts the card to the stored conversation with continueConversationAsync', async () => {
    const key = await conversation('a:alex');
    const outcome = await sender().send(key, { text: 'Reminder: report', card });
    expect(outcome.status).toBe('sent');
    expect(outcome.activityId).toMatch(/^fake-/);
    const [call] = fake.delivered('a:alex');
    expect(call.activity.text).toBe('Reminder: report');
    expect((call.activity.attachments as { contentType: string; content: unknown }[])[0]).toEqual({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
  });

  it('marks the reference inactive when the bot was removed (403 BotNotInConversationRoster) and does not retry', async () => {
    const key = await conversation('a:gone');
    fake.answerAlways('a:gone', { status: 403, code: 'BotNotInConversationRoster' });
    const outcome = await sender().send(key, { card });
    expect(outcome).toMatchObject({ status: 'final', httpStatus: 403, code: 'BotNotInConversationRoster' });
    expect(fake.calls).toHaveLength(1);
    const stored = await conversations.get(key);
    expect(stored?.active).toBe(false);
    expect(stored?.inactiveReason).toBe('BotNotInConversationRoster');
  });

  it('treats 404 ConversationNotFound as final too', async () => {
    const key = await conversation('a:deleted');
    fake.answerAlways('a:deleted', { status: 404, code: 'ConversationNotFound' });
    expect((await sender().send(key, { card })).status).toBe('final');
    expect((await conversations.get(key))?.inactiveReason).toBe('ConversationNotFound');
  });

  it('waits as long as Retry-After says after a 429, then sends', async () => {
    const key = await conversation('a:busy');
    fake.script('a:busy', [{ status: 429, retryAfterSeconds: 3 }]);
    const outcome = await sender().send(key, { card });
    expect(outcome.status).toBe('sent');
    expect(time.sleeps).toContain(3000);
    expect(outcome.tries).toEqual([{ httpStatus: 429, code: 'Throttled', waitedMs: 3000 }, { httpStatus: 200 }]);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.calls[1].at - fake.calls[0].at).toBeGreaterThanOrEqual(3000);
  });

  it('leaves a reminder for the next cycle when Retry-After is longer than it will wait', async () => {
    const key = await conversation('a:very-busy');
    fake.script('a:very-busy', [{ status: 429, retryAfterSeconds: 120 }]);
    const outcome = await sender({ maxRetryAfterMs: 60_000 }).send(key, { card });
    expect(outcome).toMatchObject({ status: 'retry', httpStatus: 429, retryAfterMs: 120_000 });
    expect(fake.calls).toHaveLength(1);
  });

  it('retries 503 and 412 with backoff, and gives up for this cycle after the last try', async () => {
    const key = await conversation('a:flaky');
    fake.script('a:flaky', [{ status: 503 }, { status: 412 }]);
    expect((await sender().send(key, { card })).status).toBe('sent');
    expect(fake.calls.map((c) => c.status)).toEqual([503, 412, 200]);
    expect(time.sleeps.length).toBe(2);

    fake.answerAlways('a:flaky', { status: 502 });
    const outcome = await sender({ maxTries: 3 }).send(key, { card });
    expect(outcome).toMatchObject({ status: 'retry', httpStatus: 502 });
    expect(fake.calls.slice(3).map((c) => c.status)).toEqual([502, 502, 502]);
    expect((await conversations.get(key))?.active).toBe(true);
  });

  it('gives up on a connector that never answers, for this cycle', async () => {
    const key = await conversation('a:hang');
    fake.answerAlways('a:hang', { hang: true });
    const outcome = await sender({ sendTimeoutMs: 200, maxTries: 1 }).send(key, { card });
    expect(outcome).toMatchObject({ status: 'retry', code: 'Timeout' });
  });

  it('never sends more than 7 a second or 60 in 30 seconds to one conversation', async () => {
    const key = await conversation('a:many');
    const s = sender();
    const outcomes = await Promise.all(Array.from({ length: 75 }, (_, i) => s.send(key, { text: `message ${i}` })));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    const at = fake.delivered('a:many').map((c) => c.at);
    expect(at).toHaveLength(75);
    for (let i = 7; i < at.length; i++) expect(at[i] - at[i - 7]).toBeGreaterThanOrEqual(1000);
    for (let i = 60; i < at.length; i++) expect(at[i] - at[i - 60]).toBeGreaterThanOrEqual(30_000);
    // In order, as asked.
    expect(fake.delivered('a:many').map((c) => c.activity.text)).toEqual(Array.from({ length: 75 }, (_, i) => `message ${i}`));
  });

  it('keeps all conversations together under the global cap in any one second', async () => {
    const keys = await Promise.all(Array.from({ length: 30 }, (_, i) => conversation(`a:c${i}`)));
    const s = sender({ globalPerSecond: 10 });
    const outcomes = await Promise.all(keys.map((k) => s.send(k, { text: 'hello' })));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    const at = fake.delivered().map((c) => c.at).sort((a, b) => a - b);
    expect(at).toHaveLength(30);
    for (let i = 10; i < at.length; i++) expect(at[i] - at[i - 10]).toBeGreaterThanOrEqual(1000);
  });

  it('does not post to a conversation that is unknown or inactive, and says to try again later', async () => {
    expect(await sender().send('tenant-1|nowhere', { card })).toMatchObject({ status: 'retry', code: 'NoReference' });
    const key = await conversation('a:paused');
    await conversations.markInactive(key, 'uninstalled', clock.now());
    expect(await sender().send(key, { card })).toMatchObject({ status: 'retry', code: 'ConversationInactive' });
    expect(fake.calls).toHaveLength(0);
  });

  it('end to end: a reminder to a chat whose bot was removed deactivates the reference, is given up, and the next reminder waits', async () => {
    const clock2 = new FakeClock('2021-08-18T07:59:00Z');
    await seedDemoFollowUps(store, clock2);
    const alex = demoPerson('Alex Morgan');
    const key = await addPersonalChat(store, alex.aadObjectId, 'a:alex', clock2.now(), fake.url);
    fake.answerAlways('a:alex', { status: 403, code: 'BotNotInConversationRoster' });
    const scheduler = new ReminderScheduler(followupDeps(store, clock2), sender(), { digest: { ...DEFAULT_DIGEST, enabled: false } });
    clock2.set('2021-08-18T08:00:00Z');
    const run = await scheduler.runDue();
    expect(run.dead).toBe(1);
    expect((await conversations.get(key))?.inactiveReason).toBe('BotNotInConversationRoster');
    const reminders = new ReminderRepo(store);
    const [row] = (await reminders.list({ state: ['dead'] })).filter((r) => r.recipient === alex.aadObjectId);
    expect((await reminders.attemptsFor(row.id)).map((a) => [a.status, a.httpStatus, a.code])).toEqual([['final', 403, 'BotNotInConversationRoster']]);

    clock2.set('2021-08-25T08:00:00Z'); // the 7-day reminder: no active chat, so it waits instead of failing
    await scheduler.runDue();
    const alexRows = (await reminders.list()).filter((r) => r.recipient === alex.aadObjectId && r.fireAt <= '2021-08-25T08:00:00.000Z');
    expect(alexRows.map((r) => [r.stage, r.state, r.lastCode])).toEqual([
      ['before-14', 'dead', 'BotNotInConversationRoster'],
      ['before-7', 'pending', 'no-conversation'],
    ]);
    expect(fake.calls.filter((c) => c.conversationId === 'a:alex')).toHaveLength(1);
  });
});
