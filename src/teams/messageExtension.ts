import type { AppBasedLinkQuery, InvokeResponse, MessagingExtensionAttachment, MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import type { Assistant } from './router';
import type { RequestContext, CardJson } from '../core/turn';
import type { AreaPack } from '../domain/areas/pack';
import type { Logger } from '../core/log';
import { pickAnswer, searchAnswers, searchExamples, SearchItem, SearchPorts } from '../features/search/messageSearch';
import { unfurlPoliceUkLink } from '../features/search/policeUkLink';
import { cardAttachment } from './invokeResponse';

/** The search command's id and parameter, as the manifest declares them. */
export const SEARCH_COMMAND_ID = 'askFigures';
export const SEARCH_PARAMETER = 'question';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL_CARD = 'application/vnd.microsoft.card.thumbnail';

/** What the message extension uses of a conversation's partnership: its assistant and area pack, and the mark its cards carry. */
export interface SearchServing {
  assistant: Pick<Assistant, 'read' | 'answerQuery' | 'cardFor'>;
  pack: AreaPack;
  mark(card: CardJson): CardJson;
}

/**
 * The Teams side of the message extension: `composeExtension/query` (a search typed in the
 * compose box), `composeExtension/selectItem` (a suggestion picked from the results) and
 * `composeExtension/queryLink` (a police.uk link pasted). The answers come from the Assistant of
 * the conversation's partnership, so a search reads and answers a question exactly as the chat does.
 */
export class MessageExtension {
  constructor(private readonly deps: { serving(ctx: RequestContext): Promise<SearchServing>; log: Logger }) {}

  async query(value: MessagingExtensionQuery | undefined, ctx: RequestContext): Promise<MessagingExtensionResponse> {
    const text = typedText(value);
    const serving = await this.deps.serving(ctx);
    const items = await searchAnswers(text, this.ports(serving, ctx));
    return result(items.map((item) => searchAttachment(item, serving)));
  }

  async selectItem(value: unknown, ctx: RequestContext): Promise<MessagingExtensionResponse> {
    const question = value && typeof value === 'object' && typeof (value as { question?: unknown }).question === 'string' ? (value as { question: string }).question : '';
    const serving = await this.deps.serving(ctx);
    const item = question.trim() ? await pickAnswer(question, this.ports(serving, ctx)) : undefined;
    if (!item?.card) return { composeExtension: { type: 'message', text: 'I could not answer that here. Ask me in chat instead.' } };
    return result([searchAttachment(item, serving)]);
  }

  /** A card for a police.uk link the bot can place; an empty result (no preview) for any other. */
  async queryLink(value: AppBasedLinkQuery | undefined, ctx: RequestContext): Promise<MessagingExtensionResponse> {
    const url = typeof value?.url === 'string' ? value.url : '';
    const serving = await this.deps.serving(ctx);
    const card = url ? await unfurlPoliceUkLink(url, serving.pack, this.ports(serving, ctx)) : undefined;
    if (!card) {
      this.deps.log.info({ correlationId: ctx.correlationId }, 'link not unfurled: not a neighbourhood the bot knows');
      return result([]);
    }
    const preview = { contentType: THUMBNAIL_CARD, content: { title: String(firstText(card)), text: 'Crime and ASB figures' } };
    return result([{ ...cardAttachment(serving.mark(card)), preview }]);
  }

  private ports(serving: SearchServing, asker: RequestContext): SearchPorts {
    const assistant = serving.assistant;
    // What is inserted from the compose box is read by everyone in that chat, even a one-to-one chat
    // between two people: answer as in a shared conversation, so nothing exempt is ever listed.
    const ctx: RequestContext = { ...asker, conversation: { ...asker.conversation, type: 'groupChat' } };
    return {
      examples: searchExamples(serving.pack),
      read: (text) => assistant.read(text, ctx),
      answer: async (query) => {
        const r = await assistant.answerQuery(query, ctx);
        return { answer: r.answer, card: assistant.cardFor(r, ctx) };
      },
    };
  }

}

/** A result of the search; a suggestion is answered when picked (its tap sends composeExtension/selectItem). */
function searchAttachment(item: SearchItem, serving: SearchServing): MessagingExtensionAttachment {
  const tap = item.card ? undefined : { type: 'invoke', value: { question: item.question } };
  const preview = { contentType: THUMBNAIL_CARD, content: { title: item.title, text: item.text, ...(tap ? { tap } : {}) } };
  if (item.card) return { contentType: ADAPTIVE_CARD, content: serving.mark(item.card), preview };
  return { contentType: THUMBNAIL_CARD, content: { title: item.title, text: item.text }, preview };
}

function result(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** The search text: the command's parameter; empty on the first open (`initialRun`). */
function typedText(value: MessagingExtensionQuery | undefined): string {
  const params = value?.parameters ?? [];
  if (params.some((p) => p.name === 'initialRun')) return '';
  const p = params.find((x) => x.name === SEARCH_PARAMETER) ?? params[0];
  return typeof p?.value === 'string' ? p.value : '';
}

function firstText(card: CardJson): string {
  const body = Array.isArray(card.body) ? (card.body as { type?: string; text?: unknown }[]) : [];
  const t = body.find((b) => b.type === 'TextBlock' && typeof b.text === 'string');
  return (t?.text as string | undefined) ?? 'Crime and ASB figures';
}

/**
 * The answer to an invoke the bot does not handle: a 200 with a well-formed body saying so, in
 * the shape the invoke's family expects, never the SDK's bare 501 (Teams shows that as a fault).
 */
export function notSupportedInvoke(name: string | undefined): InvokeResponse {
  const what = name ? `"${name}"` : 'This request';
  const message = `${what} is not something this app does.`;
  if (name?.startsWith('composeExtension/')) return { status: 200, body: { composeExtension: { type: 'message', text: message } } };
  if (name?.startsWith('task/')) return { status: 200, body: { task: { type: 'message', value: message } } };
  return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotSupported', message } } };
}
