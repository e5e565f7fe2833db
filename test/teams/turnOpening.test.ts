import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore, type TestStore } from '../support/stores';
import { BotHarness, cardOf, personal, TENANT } from '../support/botHarness';
import { saveNeighbourPack } from '../support/neighbourPack';
import { FakeClock } from '../../src/core/clock';
import type { Store } from '../../src/store/db';
import { ConversationRepo, conversationKey } from '../../src/store/conversationRepo';
import { PartnershipRepo } from '../../src/store/partnershipRepo';
import { RoleRepo } from '../../src/store/roleRepo';

/**
 * A message reads what it needs of the store in one go when it arrives, and keeps the rest from
 * earlier turns while the data is unchanged: what a person notices is that a retry is still
 * answered once and that a change made anywhere shows at the next message.
 */
const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);
const said = (acts: Partial<Activity>[]) => JSON.stringify(messages(acts).map((a) => [a.text, cardOf(a)]));

/** Runs `work` with a second instance of the bot over the same database. */
async function withOtherInstance(store: TestStore, clock: FakeClock, work: (other: BotHarness, otherStore: Store) => Promise<void>): Promise<void> {
  const otherStore = store.openAnother();
  try {
    await work(new BotHarness(otherStore, clock), otherStore);
  } finally {
    await otherStore.close();
  }
}

describeEachStore('what each message reads', (store) => {
  test('a retry that lands on another instance is not answered again', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const first = new BotHarness(store(), clock);
    expect(messages(await first.send({ ...personal('whoami'), id: 'teams-1' }))).toHaveLength(1);
    await withOtherInstance(store(), clock, async (other) => {
      expect(messages(await other.send({ ...personal('whoami'), id: 'teams-1' }))).toHaveLength(0);
      expect(messages(await other.send({ ...personal('whoami'), id: 'teams-2' }))).toHaveLength(1);
    });
    expect(messages(await first.send({ ...personal('whoami'), id: 'teams-2' }))).toHaveLength(0);
  });

  test('a card button press delivered again, on another instance, is not done twice', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const press: Partial<Activity> = {
      ...personal(''),
      id: 'press-1',
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'ask', data: { question: 'whoami' } }, trigger: 'manual' },
    };
    const invokeText = (acts: Partial<Activity>[]) => JSON.stringify(acts.find((a) => a.type === 'invokeResponse')?.value);
    const first = await new BotHarness(store(), clock).send(press);
    expect(said(first)).toContain('member');
    await withOtherInstance(store(), clock, async (other) => {
      const again = await other.send(press);
      expect(messages(again)).toHaveLength(0);
      expect(invokeText(again)).toContain('That was already done.');
    });
  });

  test('a role given or taken away on another instance counts from the next message', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const bot = new BotHarness(store(), clock);
    expect(said(await bot.send(personal('whoami')))).toContain('member');
    expect(said(await bot.send(personal('whoami')))).toContain('member');
    await withOtherInstance(store(), clock, async (_other, otherStore) => {
      await new RoleRepo(otherStore).grant('aad-a', 'coordinator', 'test', clock.now());
      expect(said(await bot.send(personal('whoami')))).toContain('coordinator');
      await new RoleRepo(otherStore).revoke('aad-a');
    });
    expect(said(await bot.send(personal('whoami')))).toContain('member');
  });

  test('a conversation bound to another partnership on another instance answers for it at once', async () => {
    await saveNeighbourPack(store());
    const clock = new FakeClock('2024-04-10T09:00:00Z');
    const bot = new BotHarness(store(), clock);
    const key = conversationKey(TENANT, 'a:personal-1');
    expect(said(await bot.send(personal('which partnership is this?')))).toMatch(/Chesterfield/);
    await withOtherInstance(store(), clock, async (_other, otherStore) => {
      await new PartnershipRepo(otherStore).bind(key, 'E07000033', 'aad-c', clock.now());
      expect(said(await bot.send(personal('which partnership is this?')))).toMatch(/Bolsover/);
      await new PartnershipRepo(otherStore).unbind(key);
    });
    expect(said(await bot.send(personal('which partnership is this?')))).toMatch(/Chesterfield partnership \(the default\)/);
  });

  test('a reference another instance found dead is made active again by the next message, and a moved service is followed', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const bot = new BotHarness(store(), clock);
    const repo = new ConversationRepo(store());
    const key = conversationKey(TENANT, 'a:personal-1');
    await bot.send(personal('whoami'));
    await withOtherInstance(store(), clock, async (_other, otherStore) => {
      // As the proactive sender does when Teams says the bot was removed.
      await new ConversationRepo(otherStore).markInactive(key, 'bot removed', clock.now());
    });
    await bot.send(personal('whoami'));
    expect(await repo.get(key)).toMatchObject({ active: true, inactiveReason: null });
    await bot.send({ ...personal('whoami'), serviceUrl: 'https://smba.example/emea/' });
    expect(await repo.get(key)).toMatchObject({ serviceUrl: 'https://smba.example/emea/', reference: { serviceUrl: 'https://smba.example/emea/' } });
  });
});
