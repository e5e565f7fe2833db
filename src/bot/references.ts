import { Activity, TurnContext } from 'botbuilder';
import type { ConversationInput, ConversationType } from '../store/conversationRepo';

/** What the store keeps of a conversation so the bot can post into it later. */
export function conversationFromActivity(activity: Activity): ConversationInput {
  const reference = TurnContext.getConversationReference(activity);
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string }; channel?: { id?: string } };
  const type = conversationTypeOf(activity);
  return {
    tenantId: activity.conversation?.tenantId ?? channelData.tenant?.id ?? 'unknown-tenant',
    conversationId: activity.conversation.id,
    conversationType: type,
    serviceUrl: activity.serviceUrl,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    userAadObjectId: type === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

export function conversationTypeOf(activity: Partial<Activity>): ConversationType {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat') return 'groupChat';
  return 'personal';
}
