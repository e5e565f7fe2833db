import { createHttpHeaders, createPipelineRequest, RestError, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { CardFactory, type Activity, type ResourceResponse } from 'botbuilder';
import { cardJson } from '../cards/template';

/**
 * A turn's reply carrying an Adaptive Card, posted with the card's JSON written as it was kept.
 *
 * botbuilder serializes every reply afresh: for an answer card of 10–15 KB that is most of what a
 * repeated question costs over a bare bot, though the card is the very same one each time (answers
 * are kept, deep-frozen, in the data snapshot). A frozen card cannot change, so its JSON is made
 * once (cardJson). The post goes through the turn's connector client and its own pipeline
 * (credentials, retries, user agent) to the address botbuilder's replyToActivity uses; a refusal
 * throws the same RestError. Anything else (proactive sends, several attachments, other kinds of
 * activity) is left to botbuilder.
 */

const ADAPTIVE_CARD = CardFactory.contentTypes.adaptiveCard;

/** A reply in a turn (it answers an activity) whose one attachment is an Adaptive Card. */
export type CardReply = Partial<Activity> & { replyToId: string; serviceUrl: string; conversation: { id: string }; attachments: [{ contentType: string; content: Record<string, unknown> }] };

export function isCardReply(activity: Partial<Activity>): activity is CardReply {
  const [attachment, ...more] = activity.attachments ?? [];
  return (
    activity.type === 'message' &&
    typeof activity.replyToId === 'string' &&
    activity.replyToId !== '' &&
    typeof activity.serviceUrl === 'string' &&
    typeof activity.conversation?.id === 'string' &&
    more.length === 0 &&
    attachment?.contentType === ADAPTIVE_CARD &&
    typeof attachment.content === 'object' &&
    attachment.content !== null &&
    attachment.name === undefined &&
    attachment.contentUrl === undefined &&
    attachment.thumbnailUrl === undefined
  );
}

/** The reply's body: the activity's own fields, then its card as kept. */
export function cardReplyBody(activity: CardReply): string {
  const { attachments, id: _id, ...fields } = activity;
  const head = JSON.stringify(fields);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"attachments":[{"contentType":${JSON.stringify(ADAPTIVE_CARD)},"content":${cardJson(attachments[0].content)}}]}`;
}

/** What a connector client sends through: its HTTP pipeline with the bot's credentials. */
export interface ConnectorPipeline {
  sendRequest(request: PipelineRequest): Promise<PipelineResponse>;
}

/** The connector client's pipeline (botbuilder keeps it as the client's `client`). */
export function pipelineOf(connectorClient: unknown): ConnectorPipeline | undefined {
  const inner = (connectorClient as { client?: Partial<ConnectorPipeline> } | undefined)?.client;
  return typeof inner?.sendRequest === 'function' ? (inner as ConnectorPipeline) : undefined;
}

/** Posts the reply to v3/conversations/{conversation}/activities/{replyToId} of its service, as botbuilder does. */
export async function sendCardReply(pipeline: ConnectorPipeline, activity: CardReply): Promise<ResourceResponse> {
  const base = activity.serviceUrl.endsWith('/') ? activity.serviceUrl : `${activity.serviceUrl}/`;
  const request = createPipelineRequest({
    url: `${base}v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.replyToId)}`,
    method: 'POST',
    body: cardReplyBody(activity),
    headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'x-ms-conversation-id': activity.conversation.id }),
    // As botbuilder's client allows for a service on plain http (a local Teams client, tests).
    allowInsecureConnection: base.toLowerCase().startsWith('http:'),
  });
  const response = await pipeline.sendRequest(request);
  if (response.status < 200 || response.status >= 300) {
    throw new RestError(`The connector refused the reply (${response.status}).`, { statusCode: response.status, request, response });
  }
  try {
    const body = JSON.parse(response.bodyAsText ?? '{}') as { id?: unknown };
    return { id: typeof body.id === 'string' ? body.id : '' };
  } catch {
    return { id: '' };
  }
}
