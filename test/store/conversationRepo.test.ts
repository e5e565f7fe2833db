import { describeEachStore } from '../support/stores';
import { ConversationRepo, ConversationInput } from '../../src/store/conversationRepo';

const chat = (id: string, extra: Partial<ConversationInput> = {}): ConversationInput => ({
  tenantId: 't',
  conversationId: id,
  conversationType: 'personal',
  serviceUrl: 'https://smba.example/',
  teamId: null,
  channelId: null,
  userAadObjectId: 'u1',
  reference: { conversation: { id } },
  ...extra,
});

describeEachStore('ConversationRepo', (store) => {
  test('a reference marked inactive is kept with its reason, and upserting revives it', async () => {
    const repo = new ConversationRepo(store());
    await repo.upsertActive(chat('c1'), new Date('2021-01-01T00:00:00Z'));
    await repo.markInactive('t|c1', 'BotNotInConversationRoster', new Date('2021-01-02T00:00:00Z'));
    expect(await repo.get('t|c1')).toMatchObject({ active: false, inactiveReason: 'BotNotInConversationRoster' });
    expect(await repo.personalChatOf('u1')).toBeUndefined();
    await repo.upsertActive(chat('c1'), new Date('2021-01-03T00:00:00Z'));
    expect(await repo.personalChatOf('u1')).toMatchObject({ conversationId: 'c1', active: true, reference: { conversation: { id: 'c1' } } });
  });

  test('a message from an unchanged conversation leaves the stored reference as it is; a change is stored at once', async () => {
    const repo = new ConversationRepo(store());
    await repo.upsertActive(chat('c1'), new Date('2021-01-01T09:00:00Z'));
    await repo.upsertActive(chat('c1'), new Date('2021-01-01T15:00:00Z'));
    expect((await repo.get('t|c1'))?.updatedAt).toBe('2021-01-01T09:00:00.000Z');
    await repo.upsertActive(chat('c1', { serviceUrl: 'https://smba.example/emea/' }), new Date('2021-01-01T16:00:00Z'));
    expect(await repo.get('t|c1')).toMatchObject({ serviceUrl: 'https://smba.example/emea/', updatedAt: '2021-01-01T16:00:00.000Z' });
    await repo.upsertActive(chat('c1', { serviceUrl: 'https://smba.example/emea/', reference: { conversation: { id: 'c1' }, locale: 'en-GB' } }), new Date('2021-01-01T17:00:00Z'));
    expect((await repo.get('t|c1'))?.reference).toEqual({ conversation: { id: 'c1' }, locale: 'en-GB' });
  });

  test('an unchanged reference is still refreshed once a day, so the most recently used chat is known', async () => {
    const repo = new ConversationRepo(store());
    await repo.upsertActive(chat('c1'), new Date('2021-01-01T09:00:00Z'));
    await repo.upsertActive(chat('c1'), new Date('2021-01-02T09:30:00Z'));
    expect((await repo.get('t|c1'))?.updatedAt).toBe('2021-01-02T09:30:00.000Z');
  });

  test('a team being deleted deactivates its channels only', async () => {
    const repo = new ConversationRepo(store());
    await repo.upsertActive(chat('ch1', { conversationType: 'channel', teamId: 'team', userAadObjectId: null }), new Date());
    await repo.upsertActive(chat('ch2', { conversationType: 'channel', teamId: 'team', userAadObjectId: null }), new Date());
    await repo.upsertActive(chat('p1'), new Date());
    expect(await repo.markTeamInactive('team', 'team deleted', new Date())).toBe(2);
    expect((await repo.list({ activeOnly: true })).map((c) => c.conversationId)).toEqual(['p1']);
  });
});
