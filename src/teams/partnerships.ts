import { hasAtLeast } from '../core/roles';
import type { CardJson, InvokeOutcome, InvokeRequest, Reply, RequestContext } from '../core/turn';
import type { Answer } from '../core/answer';
import { readPartnershipCommand } from '../ask/partnershipCommand';
import { partnershipOfCardData, stampPartnership } from '../cards/partnership';
import type { Assistant } from './router';
import type { AreaPack } from '../domain/areas/pack';
import type { SearchServing } from './messageExtension';

/** The part of an Assistant the Teams handler uses. */
export type Answering = Pick<Assistant, 'respond' | 'welcome' | 'invoke'> & Partial<Pick<Assistant, 'answerAhead'>>;

/** A partnership's assistant: what chat and buttons use, and what the message extension's search does. */
export type PartnershipAssistant = Answering & SearchServing['assistant'];

export interface PartnershipParts {
  /** The partnership served when a conversation is bound to none (CSP_AREA). */
  defaultDistrict: { code: string; name: string };
  /** The assistant answering for a district (built once per district). */
  assistantFor(district: string): Promise<PartnershipAssistant>;
  /** The area pack of a district the deployment serves. */
  packOf(district: string): Promise<AreaPack>;
  /** Districts a name or code may mean. */
  find(nameOrCode: string): Promise<{ code: string; name: string }[]>;
  nameOf(district: string): Promise<string | undefined>;
  bindings: {
    /** Read as the turn sees the data (kept between turns until a binding changes). */
    boundTo(conversationKey: string, ctx: RequestContext): Promise<string | undefined>;
    bind(conversationKey: string, district: string, boundBy: string, at: Date): Promise<void>;
    unbind(conversationKey: string): Promise<boolean>;
  };
  /** Told of a card pressed in a conversation answering for another partnership than the card's (refused). */
  onForeignCard?(req: InvokeRequest, ctx: RequestContext, card: { partnership: string; conversation: string }): Promise<void>;
}

function textReply(text: string): Reply & { answer: Answer } {
  return { text, answer: { intent: 'unknown', text } };
}

/**
 * Serves several partnerships from one deployment: each team or chat answers for the partnership
 * a coordinator bound it to ("use partnership Bolsover"), else for the default one. A bound
 * conversation's questions and buttons go to its partnership's assistant only, and the cards that
 * assistant draws carry its partnership on their buttons: a card pressed where another
 * partnership answers (forwarded, or from before the conversation was bound again) is refused,
 * since the ids it carries are its own partnership's.
 */
export class PartnershipAssistants implements Answering {
  constructor(private readonly parts: PartnershipParts) {}

  private async districtOf(ctx: RequestContext): Promise<string> {
    return (await this.parts.bindings.boundTo(ctx.conversation.key, ctx)) ?? this.parts.defaultDistrict.code;
  }

  async respond(rawText: string, ctx: RequestContext): Promise<Reply & { answer: Answer }> {
    const command = readPartnershipCommand(rawText);
    if (command) return this.command(command, ctx);
    const district = await this.districtOf(ctx);
    const reply = await (await this.parts.assistantFor(district)).respond(rawText, ctx);
    return { ...reply, card: this.stamp(reply.card, district) };
  }

  /** Starts the answer ahead of the turn (see Assistant.answerAhead), for the conversation's partnership; never a command. */
  async answerAhead(rawText: string, ctx: RequestContext): Promise<void> {
    if (readPartnershipCommand(rawText)) return;
    const district = await this.districtOf(ctx);
    await (await this.parts.assistantFor(district)).answerAhead?.(rawText, ctx);
  }

  /** Work done for the conversation's partnership (minutes sent in it), its card marked as that partnership's. */
  async forConversation(ctx: RequestContext, work: (district: string) => Promise<Reply>): Promise<Reply> {
    const district = await this.districtOf(ctx);
    return this.stampReply(await work(district), district)!;
  }

  /** The conversation's partnership, for the message extension: its answers, its areas and its cards' mark. */
  async serving(ctx: RequestContext): Promise<SearchServing> {
    const district = await this.districtOf(ctx);
    const [assistant, pack] = await Promise.all([this.parts.assistantFor(district), this.parts.packOf(district)]);
    return { assistant, pack, mark: (card) => this.stamp(card, district)! };
  }

  /** A card of a partnership other than the default names it on every button (the default's name none). */
  private stamp(card: CardJson | undefined, district: string): CardJson | undefined {
    return card && district !== this.parts.defaultDistrict.code ? stampPartnership(card, district) : card;
  }

  welcome(ctx: RequestContext): Promise<Reply> {
    // The welcome is sent when the bot joins, before any binding: the default partnership's.
    return this.defaultWelcome(ctx);
  }

  private defaultWelcome: (ctx: RequestContext) => Promise<Reply> = async () => ({ text: '' });

  /** The default partnership's assistant, for the welcome (which cannot wait on the store). */
  withDefault(assistant: Answering): this {
    this.defaultWelcome = (ctx) => assistant.welcome(ctx);
    return this;
  }

  async invoke(req: InvokeRequest, ctx: RequestContext): Promise<InvokeOutcome> {
    const bound = await this.parts.bindings.boundTo(ctx.conversation.key, ctx);
    const here = bound ?? this.parts.defaultDistrict.code;
    const cards = partnershipOfCardData(req.data) ?? this.parts.defaultDistrict.code;
    // A suggested question is asked afresh here, for this conversation's partnership, whoever's card it was on.
    const district = req.verb === 'ask' ? here : cards;
    if (district !== here) {
      // A personal chat no coordinator has bound is one person's, who may work for several
      // partnerships: each one's reminders come to it, and their buttons act for their own
      // partnership. Anywhere else a card acts only where its partnership answers.
      const ownChat = bound === undefined && ctx.conversation.type === 'personal' && (await this.parts.nameOf(cards)) !== undefined;
      if (!ownChat) return this.refuseForeign(req, ctx, cards, here);
    }
    const outcome = await (await this.parts.assistantFor(district)).invoke(req, ctx);
    if (district === this.parts.defaultDistrict.code) return outcome;
    if (outcome.kind === 'card') return { ...outcome, card: this.stamp(outcome.card, district)!, updateOriginal: this.stamp(outcome.updateOriginal, district), post: this.stampReply(outcome.post, district) };
    if (outcome.kind === 'message') return { ...outcome, post: this.stampReply(outcome.post, district) };
    return outcome;
  }

  private stampReply(reply: Reply | undefined, district: string): Reply | undefined {
    return reply && { ...reply, card: this.stamp(reply.card, district) };
  }

  private async refuseForeign(req: InvokeRequest, ctx: RequestContext, cards: string, district: string): Promise<InvokeOutcome> {
    await this.parts.onForeignCard?.(req, ctx, { partnership: cards, conversation: district });
    const [cardName, hereName] = await Promise.all([this.parts.nameOf(cards), this.parts.nameOf(district)]);
    return {
      kind: 'error',
      status: 409,
      message:
        `This card is the ${cardName ?? cards} partnership's, and this conversation answers for ${hereName ?? district}: nothing was changed. ` +
        'Ask here for a fresh card.',
    };
  }

  private async command(command: NonNullable<ReturnType<typeof readPartnershipCommand>>, ctx: RequestContext): Promise<Reply & { answer: Answer }> {
    const current = await this.districtOf(ctx);
    const currentName = (await this.parts.nameOf(current)) ?? current;
    if (command.kind === 'which') {
      const bound = current !== this.parts.defaultDistrict.code;
      return textReply(`This ${ctx.conversation.type === 'personal' ? 'chat' : 'team'} answers for the ${currentName} partnership${bound ? '' : ' (the default)'}.`);
    }
    if (!hasAtLeast(ctx.actor.role, 'coordinator')) {
      return textReply(`Only a coordinator can change the partnership this conversation answers for. It answers for ${currentName}.`);
    }
    if (command.kind === 'unbind') {
      await this.parts.bindings.unbind(ctx.conversation.key);
      return textReply(`This conversation now answers for the default partnership, ${this.parts.defaultDistrict.name}.`);
    }
    const found = await this.parts.find(command.name);
    if (found.length === 0) {
      return textReply(`I hold no partnership called "${command.name}". A district's areas are loaded with \`csp areas import-lookup\`; this conversation still answers for ${currentName}.`);
    }
    if (found.length > 1) {
      return textReply(`"${command.name}" could be ${found.map((f) => `${f.name} (${f.code})`).join(' or ')}: say "use partnership" with the district code.`);
    }
    await this.parts.bindings.bind(ctx.conversation.key, found[0].code, ctx.actor.aadObjectId, ctx.now);
    return textReply(`This conversation now answers for the ${found[0].name} partnership (${found[0].code}): its figures, action plan, follow-ups, minutes and reports are ${found[0].name}'s.`);
  }
}
