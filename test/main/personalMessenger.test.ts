import { personalMessenger } from '../../src/main';
import { ConversationRepo, ConversationInput } from '../../src/store/conversationRepo';
import type { ProactiveMessage, ProactiveSender, SendOutcome } from '../../src/features/followups/sender';
import { describeEachStore } from '../support/stores';

const conversation = (id: string, type: ConversationInput['conversationType'], user: string | null): ConversationInput => ({
  tenantId: 't',
  conversationId: id,
  conversationType: type,
  serviceUrl: 'https://smba.example/',
  teamId: type === 'channel' ? 'team-1' : null,
  channelId: type === 'channel' ? id : null,
  userAadObjectId: user,
  reference: { conversation: { id } },
});

describeEachStore('telling one person something in their personal chat', (store) => {
  test('goes to their personal chat only; no personal chat means no message anywhere', async () => {
    const repo = new ConversationRepo(store());
    const at = new Date('2021-08-16T09:00:00Z');
    await repo.upsertActive(conversation('19:channel', 'channel', null), at);
    await repo.upsertActive(conversation('a:nadia', 'personal', 'aad-nadia'), at);
    const sent: [string, ProactiveMessage][] = [];
    const sender: ProactiveSender = {
      async send(key, message): Promise<SendOutcome> {
        sent.push([key, message]);
        return { status: 'sent' };
      },
    };
    const tell = personalMessenger(repo, sender);
    expect(await tell('aad-nadia', { text: 'You are now an officer.' })).toBe('sent');
    expect(await tell('aad-nobody', { text: 'You are now an officer.' })).toBe('no_chat');
    expect(sent).toEqual([['t|a:nadia', { text: 'You are now an officer.' }]]);
  });
});
