import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, personal } from '../support/botHarness';
import { seedDemoCrime } from '../../src/demo/seedCrime';

const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);

describeEachStore('asking again when a question is unclear, through the bot', (store) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = new BotHarness(store());
    await seedDemoCrime(store(), h.deps.clock);
  });

  test('a name that fits two wards gets buttons; pressing one answers for that ward', async () => {
    const card = cardOf(messages(await h.send(personal('burglary in Brimington')))[0]) as { actions: { verb: string; title: string; data: { question: string } }[] };
    expect(JSON.stringify(card)).toMatch(/Brimington North or Brimington South/);
    const north = card.actions.find((a) => /North/.test(a.data.question))!;
    expect(north.verb).toBe('ask');
    const replies = await h.send({ ...personal(''), type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: north.verb, data: north.data }, trigger: 'manual' } });
    const answer = JSON.stringify(cardOf(messages(replies)[0]));
    expect(answer).toMatch(/Burglary in Brimington North: \d+ crimes/);
  });

  test('a misspelt ward is answered, saying which ward it was taken to mean', async () => {
    const answer = JSON.stringify(cardOf(messages(await h.send(personal('ASB trend in Haslnd')))[0]));
    expect(answer).toMatch(/Haslnd/);
    expect(answer).toMatch(/ASB in Hasland: \d+ incidents/);
  });
});
