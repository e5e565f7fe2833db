import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, channelMessage, personal, replyText } from '../support/botHarness';
import { seedDemoCrime } from '../../src/demo/seedCrime';
import { seedDemoFollowUps } from '../../src/demo/followUps';
import { FollowUpRepo } from '../../src/store/followUpRepo';
import { FakeClock } from '../../src/core/clock';
import { CHESTERFIELD } from '../support/partnership';

/** Conversations through the bot: a follow-up keeps the subject of the same person's last question. */

const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);
const ALICE = { id: '29:alice', name: 'Cllr Alice', aadObjectId: 'aad-alice' };
const BOB = { id: '29:bob', name: 'Cllr Bob', aadObjectId: 'aad-bob' };

function inChannel(text: string, from: typeof ALICE): Partial<Activity> {
  return { ...channelMessage(text), from };
}

describeEachStore('conversations through the bot', (store) => {
  let h: BotHarness;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock('2021-08-16T09:00:00Z');
    h = new BotHarness(store(), clock);
    await seedDemoCrime(store(), h.deps.clock);
  });

  const ask = async (a: Partial<Activity>) => {
    const text = replyText(await h.send(a));
    clock.advance(60_000);
    return text;
  };

  test('"and Dunston?" keeps the crime type of the last question and says so first', async () => {
    expect(await ask(personal('vehicle crime in Moor', ALICE))).toMatch(/Vehicle crime in (Whittington )?Moor: \d+ crimes/);
    const next = await ask(personal('and Dunston?', ALICE));
    expect(next).toMatch(/^Vehicle crime in Dunston — following on from your last question/m);
    expect(next).toMatch(/Vehicle crime in Dunston: \d+ crimes/);
    const rate = await ask(personal('as a rate?', ALICE));
    expect(rate).toMatch(/following on from your last question/);
    expect(rate).toMatch(/per 1,000 residents/);
  });

  test('a complete new question replaces the context', async () => {
    await ask(personal('vehicle crime in Moor', ALICE));
    const next = await ask(personal('ASB in Walton', ALICE));
    expect(next).not.toMatch(/following on/);
    expect(next).toMatch(/ASB in Walton: \d+ incidents/);
    const all = await ask(personal('crime in Hasland', ALICE));
    expect(all).toMatch(/All crime in Hasland: \d+ crimes/);
  });

  test('two people in one group chat keep their own subjects', async () => {
    await ask(inChannel('burglary in Rother', ALICE));
    await ask(inChannel('ASB in Hasland', BOB));
    const a = await ask(inChannel('and Walton?', ALICE));
    const b = await ask(inChannel('and Walton?', BOB));
    expect(a).toMatch(/^Burglary in Walton — following on/m);
    expect(a).toMatch(/Burglary in Walton: \d+ crimes/);
    expect(b).toMatch(/^ASB in Walton — following on/m);
    expect(b).toMatch(/ASB in Walton: \d+ incidents/);
  });

  test('context never crosses conversations', async () => {
    await ask(personal('vehicle crime in Moor', ALICE));
    const other = await ask(inChannel('and Dunston?', ALICE));
    expect(other).not.toMatch(/Vehicle crime/);
    expect(other).not.toMatch(/following on/);
  });

  test('context expires after 30 minutes of silence', async () => {
    await ask(personal('vehicle crime in Moor', ALICE));
    clock.advance(31 * 60_000);
    const later = await ask(personal('and Dunston?', ALICE));
    expect(later).not.toMatch(/following on/);
    expect(later).not.toMatch(/Vehicle crime/);
  });

  test('one typed word answers a "which did you mean?" card', async () => {
    expect(await ask(personal('burglary in Brimington', ALICE))).toMatch(/Brimington North or Brimington South/);
    const picked = await ask(personal('north', ALICE));
    expect(picked).toMatch(/Burglary in Brimington North: \d+ crimes/);
  });

  test('a follow-up that lands on another instance follows on (the context is in the store)', async () => {
    await ask(personal('vehicle crime in Moor', ALICE));
    const other = store().openAnother();
    try {
      const second = new BotHarness(other, clock);
      const next = replyText(await second.send(personal('and Dunston?', ALICE)));
      expect(next).toMatch(/^Vehicle crime in Dunston — following on from your last question/m);
      expect(next).toMatch(/Vehicle crime in Dunston: \d+ crimes/);
    } finally {
      await other.close();
    }
  });

  test('"since the last meeting" starts at the last meeting the store knows', async () => {
    await seedDemoFollowUps(store(), clock);
    const meeting = await new FollowUpRepo(store(), CHESTERFIELD).lastMeetingDate('2021-08-16');
    expect(meeting).toBeDefined();
    const text = await ask(personal('ASB in Rother since the last meeting', ALICE));
    expect(text).toMatch(/Since the last meeting \(\d{1,2} \w+ \d{4}\)/);
    // The demo figures end before that meeting: the answer says which month is the latest and why.
    expect(text).toMatch(/latest month held is January 2021/);
  });

  test('a question about something not held is named, with the nearest held question as a button', async () => {
    const acts = await h.send(personal('fly tipping in Rother', ALICE));
    const text = replyText(acts);
    expect(text).toMatch(/Fly-tipping is recorded by the council/);
    expect(JSON.stringify(cardOf(messages(acts)[0]))).toMatch(/ASB in Rother/);
  });
  test('the same question asked again within minutes costs no write; after five minutes the context is renewed', async () => {
    const savedAt = async () =>
      (await store().db.selectFrom('turn_state').select('updated_at').where('person_id', '=', ALICE.aadObjectId).executeTakeFirst())?.updated_at;
    await ask(personal('ASB in Rother', ALICE));
    const first = await savedAt();
    expect(first).toBeDefined();
    await ask(personal('ASB in Rother', ALICE));
    expect(await savedAt()).toBe(first);
    clock.advance(5 * 60_000);
    await ask(personal('ASB in Rother', ALICE));
    expect(await savedAt()).not.toBe(first);
  });
});
