import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, channelMessage, personal } from '../support/botHarness';
import { describeWithSeed, minutesSeed } from '../support/minutesSeed';
import { RoleRepo } from '../../src/store/roleRepo';

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

    test('minutes posted in a channel are refused with how to send them privately', async () => {
      const h = new BotHarness(store());
      const reply = messages(await h.send(channelMessage(`import minutes\n${minutesSeed()}`)))[0];
      expect(JSON.stringify(reply)).toContain('personal chat');
    });
  });
});
