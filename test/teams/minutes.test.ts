import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, channelMessage, personal } from '../support/botHarness';
import { describeWithSeed, minutesSeed } from '../support/minutesSeed';
import { RoleRepo } from '../../src/store/roleRepo';
import { FollowUpRepo } from '../../src/store/followUpRepo';
import { MinutesRepo } from '../../src/store/minutesRepo';
import { neighbourPack, saveNeighbourPack } from '../support/neighbourPack';
import { CHESTERFIELD } from '../support/partnership';

/** The values a card's inputs hold, by id (a date input left empty is given one). */
function inputsOf(card: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(card)) for (const c of card) inputsOf(c, into);
  else if (card && typeof card === 'object') {
    const o = card as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') into[o.id] = o.value || (o.type === 'Input.Date' ? '2021-09-30' : '');
    for (const v of Object.values(o)) inputsOf(v, into);
  }
  return into;
}

const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);
const coordinator = { id: '29:coord', name: 'Alex Morgan', aadObjectId: 'aad-coord' };

describeWithSeed('minutes sent to the bot in Teams', () => {
  describeEachStore('minutes through the bot', (store) => {
    beforeEach(async () => {
      await new RoleRepo(store()).grant('aad-coord', 'coordinator', 'test', new Date());
    });

    test('a coordinator pasting minutes after "import minutes" gets a preview card with Create and Cancel', async () => {
      const h = new BotHarness(store());
      const reply = messages(await h.send(personal(`import minutes\n${minutesSeed()}`, coordinator)))[0];
      const card = JSON.stringify(cardOf(reply));
      expect(card).toContain('minutes.create');
      expect(card).toContain('minutes.cancel');
      expect(card).toMatch(/September 2021|2021-09/);
    });

    test('a .txt file of minutes sent in personal chat gets the same preview', async () => {
      const h = new BotHarness(store());
      const activity = { ...personal('', coordinator), attachments: [{ contentType: 'text/plain', name: 'minutes.txt', content: minutesSeed() }] };
      const reply = messages(await h.send(activity))[0];
      expect(JSON.stringify(cardOf(reply))).toContain('minutes.create');
    });

    test('a member pasting minutes is told only coordinators can import them, and nothing is stored', async () => {
      const h = new BotHarness(store());
      const reply = messages(await h.send(personal(`import minutes\n${minutesSeed()}`)))[0];
      expect(JSON.stringify(reply)).toMatch(/coordinator/i);
      expect(JSON.stringify(reply)).not.toContain('minutes.create');
      // A short answer of its own, not the welcome card.
      expect(JSON.stringify(reply)).not.toContain('Try one of these');
      const docs = await store().db.selectFrom('minutes_document' as never).selectAll().execute();
      expect(docs).toHaveLength(0);
    });

    test('minutes sent where another partnership answers become that partnership’s, from preview to follow-ups', async () => {
      const bolsover = neighbourPack.district.code;
      await saveNeighbourPack(store());
      const h = new BotHarness(store());
      const inChat = (a: Partial<Activity>): Partial<Activity> => ({ ...a, conversation: { ...a.conversation!, id: 'a:bolsover-chat' } });
      await h.send(inChat(personal('use partnership Bolsover', coordinator)));
      const preview = messages(await h.send(inChat({ ...personal('', coordinator), attachments: [{ contentType: 'text/plain', name: 'minutes.txt', content: minutesSeed() }] })))[0];
      const card = cardOf(preview)!;
      const create = (card.actions as { verb?: string; data: Record<string, unknown> }[]).find((x) => x.verb === 'minutes.create');
      expect(create!.data.partnership).toBe(bolsover);
      // As Teams sends it: the button's data with the card's inputs, a date given where the minutes give none.
      const data = { ...create!.data, ...inputsOf(card) };
      const pressed = await h.send(inChat({ ...personal('', coordinator), type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'minutes.create', data }, trigger: 'manual' } }));
      expect(JSON.stringify(pressed)).toMatch(/follow-up/i);
      expect((await new FollowUpRepo(store(), bolsover).list()).length).toBeGreaterThan(0);
      expect(await new FollowUpRepo(store(), CHESTERFIELD).list()).toEqual([]);
      expect((await new MinutesRepo(store(), bolsover).list()).length).toBe(1);
      expect(await new MinutesRepo(store(), CHESTERFIELD).list()).toEqual([]);
    });

    test('minutes posted in a channel are refused with how to send them privately', async () => {
      const h = new BotHarness(store());
      const reply = messages(await h.send(channelMessage(`import minutes\n${minutesSeed()}`)))[0];
      expect(JSON.stringify(reply)).toContain('personal chat');
    });
  });
});
