import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, edgeBot, personal, replyText } from '../support/botHarness';
import { anAction } from '../support/actions';
import { CHESTERFIELD } from '../support/partnership';
import { seedDemoCrime } from '../../src/demo/seedCrime';
import { FakeClock } from '../../src/core/clock';
import { ActionRepo } from '../../src/store/actionRepo';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { mountRoutes } from '../../src/teams/router';
import type { RequestContext } from '../../src/core/turn';

/**
 * Answering ahead: while a message's turn is being opened, the bot starts its answer from the data
 * and the conversation as it last knew them. What a person notices is only that nothing changes:
 * the same answers, changes made on another instance shown at once, a retry answered once.
 */

const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);
const ALICE = { id: '29:alice', name: 'Cllr Alice', aadObjectId: 'aad-alice' };

describeEachStore('answering ahead of the turn', (store) => {
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock('2021-08-16T09:00:00Z');
    await seedDemoCrime(store(), clock);
  });

  /** Asks on `bot` and moves the clock on a minute, as a person typing would. */
  const ask = async (bot: BotHarness, text: string) => {
    const acts = await bot.send(personal(text, ALICE));
    clock.advance(60_000);
    return acts;
  };

  test('answers exactly as a bot that waits for the turn to open', async () => {
    const ahead = new BotHarness(store(), clock, { answerAhead: true });
    const waits = new BotHarness(store(), clock, { answerAhead: false });
    const questions = ['burglary in Rother last year', 'ASB trend in Hasland', 'and Dunston?', 'as a rate?', 'which ward has the most vehicle crime?', 'help', 'burglary in Rother last year'];
    for (const q of questions) {
      const [a, b] = [await ahead.send(personal(q, ALICE)), await waits.send(personal(q, ALICE))];
      expect(messages(a).map(cardOf)).toEqual(messages(b).map(cardOf));
      clock.advance(60_000);
    }
  });

  test('a question started ahead reads its figures once', async () => {
    const bot = new BotHarness(store(), clock, { answerAhead: true });
    await ask(bot, 'help');
    const reads = jest.spyOn(CrimeRepo.prototype, 'countsByMonth');
    try {
      expect(replyText(await ask(bot, 'shoplifting in Walton since March 2020'))).toMatch(/Shoplifting in Walton/);
      // One read of the ward's months, shared by the answer started ahead and the turn.
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  test('an action added on another instance shows in the next answer about its ward', async () => {
    const bot = new BotHarness(store(), clock, { answerAhead: true });
    expect(replyText(await ask(bot, 'burglary in Rother'))).not.toMatch(/Light the alleys behind Rother Avenue/);
    const other = store().openAnother();
    try {
      await new ActionRepo(other, CHESTERFIELD).insertIfAbsent(anAction({ id: 'CSP-AHEAD-01', title: 'Light the alleys behind Rother Avenue', wards: ['E05003337'] }), []);
    } finally {
      await other.close();
    }
    // Started ahead from the plan as it was; answered from the plan as it is.
    expect(replyText(await ask(bot, 'ASB in Rother'))).toMatch(/Light the alleys behind Rother Avenue/);
  });

  test('a follow-up follows the question last asked on another instance, not the one this instance remembers', async () => {
    const here = new BotHarness(store(), clock, { answerAhead: true });
    const there = new BotHarness(store(), clock, { answerAhead: true });
    await ask(here, 'vehicle crime in Moor');
    await ask(there, 'ASB in Walton');
    const next = replyText(await ask(here, 'and Dunston?'));
    expect(next).toMatch(/^ASB in Dunston — following on from your last question/m);
  });

  test('a message delivered again is answered once, though its answer was started ahead both times', async () => {
    const bot = new BotHarness(store(), clock, { answerAhead: true });
    await ask(bot, 'help');
    const message = { ...personal('drugs in Hasland', ALICE), id: 'teams-again-1' };
    expect(messages(await bot.send(message))).toHaveLength(1);
    expect(messages(await bot.send(message))).toHaveLength(0);
  });
});

describe('answering ahead at the Teams edge', () => {
  test('a failure while answering ahead is not the person\'s: the turn answers as usual', async () => {
    const { openStore, migrate } = await import('../../src/store/db');
    const store = openStore('sqlite::memory:');
    await migrate(store);
    try {
      const clock = new FakeClock('2021-08-16T09:00:00Z');
      const started: string[] = [];
      const bot = edgeBot(
        store,
        {
          answerAhead: async (text: string) => {
            started.push(text);
            throw new Error('store unreachable');
          },
          respond: async (text: string) => ({ text: `answered: ${text}`, answer: { intent: 'unknown', text: `answered: ${text}` } }),
        },
        clock,
        { answerAhead: { begin: () => true, contextMinutes: 30 } },
      );
      const replies = messages(await bot.send(personal('burglary in Rother')));
      expect(replies.map((a) => a.text)).toEqual(['answered: burglary in Rother']);
      expect(started).toEqual(['burglary in Rother']);
    } finally {
      await store.close();
    }
  });

  test('nothing is started ahead before the bot has read any data', async () => {
    const { openStore, migrate } = await import('../../src/store/db');
    const store = openStore('sqlite::memory:');
    await migrate(store);
    try {
      const started: RequestContext[] = [];
      const bot = edgeBot(
        store,
        {
          answerAhead: async (_text: string, ctx: RequestContext) => void started.push(ctx),
          respond: async () => ({ text: 'ok', answer: { intent: 'unknown', text: 'ok' } }),
        },
        new FakeClock('2021-08-16T09:00:00Z'),
        { answerAhead: { begin: () => false, contextMinutes: 30 } },
      );
      expect(messages(await bot.send(personal('burglary in Rother'))).map((a) => a.text)).toEqual(['ok']);
      expect(started).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

test('a feature may not offer to answer ahead an intent it does not answer', () => {
  expect(() => mountRoutes([{ feature: 'crime', intents: {}, answeredAhead: ['crime.trend'] }])).toThrow(/crime.*crime\.trend/);
});
