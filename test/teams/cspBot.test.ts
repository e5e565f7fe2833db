import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStore } from '../support/stores';
import { BotHarness, cardOf, channelMessage, edgeBot, installation, personal, TENANT } from '../support/botHarness';
import { FakeClock } from '../../src/core/clock';
import { ConversationRepo, conversationKey } from '../../src/store/conversationRepo';
import { RoleRepo } from '../../src/store/roleRepo';

const messages = (acts: Partial<Activity>[]) => acts.filter((a) => a.type === ActivityTypes.Message);

describeEachStore('CspBot', (store) => {
  test('installing the bot in a personal chat stores the reference and sends a welcome card with example questions', async () => {
    const h = new BotHarness(store());
    const replies = messages(await h.send(installation('add')));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]) as { body: { text?: string }[]; actions: { verb: string; data: { question: string } }[] };
    expect(JSON.stringify(card.body)).toContain('Community Safety Assistant for Chesterfield');
    expect(card.actions.length).toBeGreaterThanOrEqual(3);
    expect(card.actions.every((a) => a.verb === 'ask' && a.data.question.length > 0)).toBe(true);
    const ref = await new ConversationRepo(store()).get(conversationKey(TENANT, 'a:personal-1'));
    expect(ref).toMatchObject({ active: true, conversationType: 'personal', userAadObjectId: 'aad-a' });
  });

  test('the stored reference says where to post, not which message it came from, so a later post is not a reply to it', async () => {
    const h = new BotHarness(store());
    await h.send({ ...personal('help'), id: 'msg-1' });
    const first = await new ConversationRepo(store()).get(conversationKey(TENANT, 'a:personal-1'));
    expect(first?.reference).not.toHaveProperty('activityId');
    expect(first?.reference).toMatchObject({ conversation: { id: 'a:personal-1' }, serviceUrl: 'https://smba.example/' });
    await h.send({ ...personal('help'), id: 'msg-2' });
    expect(await new ConversationRepo(store()).get(conversationKey(TENANT, 'a:personal-1'))).toEqual(first);
  });

  test.each([
    ['a group chat', { conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true, name: '' } }],
    ['a team', { ...channelMessage(''), entities: undefined }],
  ])('installing the bot in %s greets it with the welcome card too', async (_where, conversation) => {
    const h = new BotHarness(store());
    const replies = messages(await h.send(installation('add', { ...personal(''), ...conversation })));
    expect(JSON.stringify(cardOf(replies[0]))).toContain('Community Safety Assistant for Chesterfield');
  });

  test('an install event sent again for an active conversation does not greet twice', async () => {
    const h = new BotHarness(store());
    await h.send(installation('add'));
    expect(messages(await h.send(installation('add')))).toHaveLength(0);
  });

  test('uninstalling marks the reference inactive and keeps it; the next message reactivates it', async () => {
    const h = new BotHarness(store());
    const repo = new ConversationRepo(store());
    const key = conversationKey(TENANT, 'a:personal-1');
    await h.send(installation('add'));
    await h.send(installation('remove'));
    expect(await repo.get(key)).toMatchObject({ active: false, inactiveReason: 'uninstalled' });
    await h.send(personal('help'));
    expect(await repo.get(key)).toMatchObject({ active: true, inactiveReason: null });
  });

  test('reinstalling after removal greets again', async () => {
    const h = new BotHarness(store());
    await h.send(installation('add'));
    await h.send(installation('remove'));
    expect(messages(await h.send(installation('add')))).toHaveLength(1);
  });

  test('deleting a team marks every conversation of that team inactive', async () => {
    const h = new BotHarness(store());
    await h.send(channelMessage('help'));
    const teamDeleted = {
      ...channelMessage(''),
      type: ActivityTypes.ConversationUpdate,
      text: undefined,
      entities: undefined,
      channelData: { tenant: { id: TENANT }, team: { id: '19:team-1@thread.tacv2' }, eventType: 'teamDeleted' },
    };
    await h.send(teamDeleted);
    const refs = await new ConversationRepo(store()).list();
    expect(refs.filter((r) => r.teamId === '19:team-1@thread.tacv2').every((r) => !r.active)).toBe(true);
    expect(refs.length).toBeGreaterThan(0);
  });

  test('a team being restored makes its reference active again', async () => {
    const h = new BotHarness(store());
    await h.send(channelMessage('help'));
    const team = { tenant: { id: TENANT }, team: { id: '19:team-1@thread.tacv2' }, channel: { id: '19:channel-1@thread.tacv2' } };
    const event = (eventType: string) => ({ ...channelMessage(''), type: ActivityTypes.ConversationUpdate, text: undefined, entities: undefined, channelData: { ...team, eventType } });
    await h.send(event('teamDeleted'));
    await h.send(event('teamRestored'));
    const refs = await new ConversationRepo(store()).list();
    expect(refs.filter((r) => r.teamId === '19:team-1@thread.tacv2').map((r) => r.active)).toEqual([true]);
  });

  test('help answers with the same card as the welcome, after a typing indicator', async () => {
    const h = new BotHarness(store());
    const welcome = cardOf(messages(await h.send(installation('add')))[0]);
    const replies = await h.send(personal('help'));
    expect(replies[0].type).toBe(ActivityTypes.Typing);
    expect(JSON.stringify(cardOf(messages(replies)[0])?.actions)).toBe(JSON.stringify(welcome?.actions));
  });

  test('a quick answer comes without a typing indicator; slow work shows one first', async () => {
    const quick = new BotHarness(store(), undefined, { typingAfterMs: 5_000 });
    expect((await quick.send(personal('help'))).map((a) => a.type)).toEqual([ActivityTypes.Message]);
    const slow = new BotHarness(store(), undefined, { typingAfterMs: 0 });
    expect((await slow.send(personal('help'))).map((a) => a.type)).toEqual([ActivityTypes.Typing, ActivityTypes.Message]);
  });

  test('the typing indicator waits on the injected clock: work that takes longer than the delay shows it, shorter work does not', async () => {
    const clock = new FakeClock('2021-08-16T09:00:00Z');
    const taking = (ms: number) => ({
      async respond() {
        clock.advance(ms);
        return { answer: { intent: 'help' as const, text: 'Done.' }, text: 'Done.' };
      },
    });
    const slow = edgeBot(store(), taking(1_000), clock, { typingAfterMs: 250 });
    expect((await slow.send(personal('help'))).map((a) => a.type)).toEqual([ActivityTypes.Typing, ActivityTypes.Message]);
    const quick = edgeBot(store(), taking(100), clock, { typingAfterMs: 250 });
    expect((await quick.send(personal('help'))).map((a) => a.type)).toEqual([ActivityTypes.Message]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('whoami answers the stored role of the person asking', async () => {
    await new RoleRepo(store()).grant('aad-a', 'officer', 'test', new Date());
    const h = new BotHarness(store());
    const reply = messages(await h.send(personal('whoami')))[0];
    expect(JSON.stringify(cardOf(reply))).toContain('officer');
  });

  test('a person with no stored role is a member, told in a short card rather than the help card', async () => {
    const h = new BotHarness(store());
    const reply = messages(await h.send(personal('who am I?')))[0];
    expect(JSON.stringify(cardOf(reply))).toContain('member');
    expect(JSON.stringify(cardOf(reply))).not.toContain('Try one of these');
  });

  test('in a channel the bot strips its own mention before reading the question', async () => {
    const h = new BotHarness(store());
    const reply = messages(await h.send(channelMessage('whoami')))[0];
    expect(JSON.stringify(cardOf(reply))).toContain('Officer B');
  });

  test('a message that is only a mention gets the help answer, not an error', async () => {
    const h = new BotHarness(store());
    const reply = messages(await h.send(channelMessage('')))[0];
    expect(JSON.stringify(cardOf(reply))).toContain('empty message');
  });

  test('a re-delivered activity (same id) is answered once', async () => {
    const h = new BotHarness(store());
    await h.adapter.processActivity({ ...personal('help'), id: 'same-id' });
    const first = h.adapter.activeQueue.splice(0);
    await h.adapter.processActivity({ ...personal('help'), id: 'same-id' });
    const second = h.adapter.activeQueue.splice(0);
    expect(messages(first)).toHaveLength(1);
    expect(messages(second)).toHaveLength(0);
  });

  test('10,000 characters of text get a reply and the bot keeps running', async () => {
    const h = new BotHarness(store());
    expect(messages(await h.send(personal('x'.repeat(10_000))))).toHaveLength(1);
    expect(messages(await h.send(personal('help')))).toHaveLength(1);
  });

  test('an unknown card verb is answered with a clear 400, and nothing is stored', async () => {
    const h = new BotHarness(store());
    const replies = await h.send({
      ...personal(''),
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'nonsense.verb', data: {} }, trigger: 'manual' },
    });
    const res = replies.find((a) => a.type === 'invokeResponse') as { value: { status: number; body: { statusCode: number; value: { message: string } } } };
    expect(res.value.body.statusCode).toBe(400);
    expect(res.value.body.value.message).toMatch(/not recognised/);
  });

  test('an example-question button answers the question as a new message', async () => {
    const h = new BotHarness(store());
    const replies = await h.send({
      ...personal(''),
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'ask', data: { question: 'whoami' } }, trigger: 'manual' },
    });
    expect(JSON.stringify(cardOf(messages(replies)[0]))).toContain('member');
    const res = replies.find((a) => a.type === 'invokeResponse') as { value: { body: { statusCode: number } } };
    expect(res.value.body.statusCode).toBe(200);
  });

  test('a store that is down gets an apology with a reference, not a crash', async () => {
    const s = store();
    const h = new BotHarness(s);
    await s.db.schema.dropTable('processed_activity').execute();
    const replies = messages(await h.send(personal('help')));
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/Sorry, something went wrong.*reference [0-9a-f]{8}/);
  });
});
