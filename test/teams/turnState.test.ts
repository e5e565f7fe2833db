import { Activity, ActivityTypes } from 'botbuilder';
import '../support/turnSlots';
import { describeEachStore } from '../support/stores';
import { edgeBot, personal, TENANT } from '../support/botHarness';
import type { Assistant } from '../../src/teams/router';
import type { InvokeRequest, RequestContext } from '../../src/core/turn';
import { FakeClock } from '../../src/core/clock';
import type { Store } from '../../src/store/db';
import { TurnStateRepo } from '../../src/store/turnStateRepo';

/**
 * An assistant that answers with the person's previous question, then remembers this one; a
 * message starting "status" answers without touching the state, as most turns do.
 */
const rememberingAssistant = {
  async respond(text: string, ctx: RequestContext) {
    if (text.startsWith('status')) return { answer: { intent: 'help', text: 'All well.' }, text: 'All well.' };
    const previous = await ctx.state.get('lastQuestion');
    ctx.state.set('lastQuestion', { text, asked: ctx.now.getTime() });
    const reply = `Before that you asked: ${previous?.text ?? 'nothing'}`;
    return { answer: { intent: 'help', text: reply }, text: reply };
  },
  async invoke(req: InvokeRequest, ctx: RequestContext) {
    ctx.state.set('lastQuestion', { text: `pressed ${req.verb}`, asked: ctx.now.getTime() });
    return { kind: 'message', text: 'Done.' };
  },
  welcome: async () => ({ text: 'Hello.' }),
} as Partial<Assistant>;

/** One bot instance over a store; `say` returns the texts it sent back. */
function botOn(store: Store, clock: FakeClock, turnStates = new TurnStateRepo(store, { minutes: 30 })) {
  const edge = edgeBot(store, rememberingAssistant, clock, { turnStates, typingAfterMs: 60_000 });
  return {
    turnStates,
    async say(activity: Partial<Activity>): Promise<string[]> {
      return (await edge.send(activity)).flatMap((a) => (a.type === ActivityTypes.Message && a.text ? [a.text] : []));
    },
  };
}

const PRIYA = { id: '29:priya', name: 'Cllr Priya Shah', aadObjectId: 'aad-priya' };
const TOM = { id: '29:tom', name: 'Tom Baker', aadObjectId: 'aad-tom' };
const groupChat = (text: string, from: typeof PRIYA): Partial<Activity> => ({
  ...personal(text, from),
  conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true, name: '' },
});

describeEachStore('turn state through the bot', (store) => {
  test('what a person asked in one message is known when their next message arrives, on another instance too', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const first = botOn(store(), clock);
    expect(await first.say(personal('vehicle crime in Moor', PRIYA))).toEqual(['Before that you asked: nothing']);
    clock.advance(60_000);
    const other = store().openAnother();
    try {
      const second = botOn(other, clock);
      expect(await second.say(personal('and Dunston?', PRIYA))).toEqual(['Before that you asked: vehicle crime in Moor']);
    } finally {
      await other.close();
    }
  });

  test('what was asked is kept even when the answer to it failed', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const failing = {
      ...rememberingAssistant,
      async respond(text: string, ctx: RequestContext) {
        if (!text.startsWith('burglary')) return rememberingAssistant.respond!(text, ctx);
        ctx.state.set('lastQuestion', { text, asked: ctx.now.getTime() });
        // The question was read; the answer then failed (a store outage, say).
        await new Promise((r) => setImmediate(r));
        throw new Error('figures unavailable');
      },
    } as Partial<Assistant>;
    const edge = edgeBot(store(), failing, clock, { turnStates: new TurnStateRepo(store(), { minutes: 30 }), typingAfterMs: 60_000 });
    const texts = async (a: Partial<Activity>) => (await edge.send(a)).flatMap((x) => (x.type === ActivityTypes.Message && x.text ? [x.text] : []));
    expect((await texts(personal('burglary in Rother', PRIYA)))[0]).toMatch(/^Sorry, something went wrong/);
    clock.advance(60_000);
    expect(await texts(personal('and last year?', PRIYA))).toEqual(['Before that you asked: burglary in Rother']);
  });

  test('after the minutes of silence the next message starts afresh', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const bot = botOn(store(), clock);
    await bot.say(personal('vehicle crime in Moor', PRIYA));
    clock.advance(31 * 60_000);
    expect(await bot.say(personal('and Dunston?', PRIYA))).toEqual(['Before that you asked: nothing']);
  });

  test('two people in one group chat each continue their own questions', async () => {
    const bot = botOn(store(), new FakeClock('2021-08-16T09:00:00Z'));
    await bot.say(groupChat('vehicle crime in Moor', PRIYA));
    await bot.say(groupChat('burglary in Brimington', TOM));
    expect(await bot.say(groupChat('and Dunston?', PRIYA))).toEqual(['Before that you asked: vehicle crime in Moor']);
    expect(await bot.say(groupChat('and Hollingwood?', TOM))).toEqual(['Before that you asked: burglary in Brimington']);
    expect(await bot.say(personal('what about Moor?', PRIYA))).toEqual(['Before that you asked: nothing']);
  });

  test('a message that does not use the state costs no read and no write', async () => {
    const bot = botOn(store(), new FakeClock('2021-08-16T09:00:00Z'));
    const load = jest.spyOn(bot.turnStates, 'load');
    const save = jest.spyOn(bot.turnStates, 'save');
    expect(await bot.say(personal('status', PRIYA))).toEqual(['All well.']);
    expect(load).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    await bot.say(personal('vehicle crime in Moor', PRIYA));
    expect(load).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledTimes(1);
  });

  test('a card button pressed keeps what it set for the next message', async () => {
    const bot = botOn(store(), new FakeClock('2021-08-16T09:00:00Z'));
    await bot.say({ ...personal('', PRIYA), type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'crime.more', data: {} }, trigger: 'manual' } });
    expect(await bot.say(personal('and Dunston?', PRIYA))).toEqual(['Before that you asked: pressed crime.more']);
  });
});
