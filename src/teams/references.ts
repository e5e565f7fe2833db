import { Activity, TurnContext } from 'botbuilder';
import type { ConversationInput, ConversationType } from '../store/conversationRepo';

/** What the store keeps of a conversation so the bot can post into it later. */
export function conversationFromActivity(activity: Activity): ConversationInput {
  // Where to post later, not which message this was: with the message's id kept, every message
  // would change the stored reference (and proactive posts must not be replies to it anyway).
  const { activityId: _message, ...reference } = TurnContext.getConversationReference(activity);
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const type = conversationTypeOf(activity);
  return {
    tenantId: tenantOf(activity),
    conversationId: activity.conversation.id,
    conversationType: type,
    serviceUrl: activity.serviceUrl,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    userAadObjectId: type === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

/** The Microsoft 365 tenant an activity comes from. */
export function tenantOf(activity: Partial<Activity>): string {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string } };
  return activity.conversation?.tenantId ?? channelData.tenant?.id ?? 'unknown-tenant';
}

export function conversationTypeOf(activity: Partial<Activity>): ConversationType {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat') return 'groupChat';
  return 'personal';
}
