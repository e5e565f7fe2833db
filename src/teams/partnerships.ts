import { hasAtLeast } from '../core/roles';
import type { InvokeOutcome, InvokeRequest, Reply, RequestContext } from '../core/turn';
import type { Answer } from '../core/answer';
import { readPartnershipCommand } from '../ask/partnershipCommand';
import type { Assistant } from './router';

/** The part of an Assistant the Teams handler uses. */
export type Answering = Pick<Assistant, 'respond' | 'welcome' | 'invoke'>;

export interface PartnershipParts {
  /** The partnership served when a conversation is bound to none (CSP_AREA). */
  defaultDistrict: { code: string; name: string };
  /** The assistant answering for a district (built once per district). */
  assistantFor(district: string): Promise<Answering>;
  /** Districts a name or code may mean. */
  find(nameOrCode: string): Promise<{ code: string; name: string }[]>;
  nameOf(district: string): Promise<string | undefined>;
  bindings: {
    /** Read as the turn sees the data (kept between turns until a binding changes). */
    boundTo(conversationKey: string, ctx: RequestContext): Promise<string | undefined>;
    bind(conversationKey: string, district: string, boundBy: string, at: Date): Promise<void>;
    unbind(conversationKey: string): Promise<boolean>;
  };
}

function textReply(text: string): Reply & { answer: Answer } {
  return { text, answer: { intent: 'unknown', text } };
}

/**
 * Serves several partnerships from one deployment: each team or chat answers for the partnership
 * a coordinator bound it to ("use partnership Bolsover"), else for the default one. A bound
 * conversation's questions, buttons and welcome all go to its partnership's assistant only.
 */
export class PartnershipAssistants implements Answering {
  constructor(private readonly parts: PartnershipParts) {}

  private async districtOf(ctx: RequestContext): Promise<string> {
    return (await this.parts.bindings.boundTo(ctx.conversation.key, ctx)) ?? this.parts.defaultDistrict.code;
  }

  private async assistantOf(ctx: RequestContext): Promise<Answering> {
    return this.parts.assistantFor(await this.districtOf(ctx));
  }

  async respond(rawText: string, ctx: RequestContext): Promise<Reply & { answer: Answer }> {
    const command = readPartnershipCommand(rawText);
    if (command) return this.command(command, ctx);
    return (await this.assistantOf(ctx)).respond(rawText, ctx);
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
    return (await this.assistantOf(ctx)).invoke(req, ctx);
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
    return textReply(`This conversation now answers for the ${found[0].name} partnership (${found[0].code}): every figure is ${found[0].name}'s.`);
  }
}
