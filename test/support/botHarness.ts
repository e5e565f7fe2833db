import { Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { DataSnapshots } from '../../src/store/snapshot';
import { FakeClock } from '../../src/core/clock';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import type { Store } from '../../src/store/db';
import { CspBot, type BotDeps } from '../../src/teams/cspBot';
import type { Assistant } from '../../src/teams/router';
import { ConversationRepo } from '../../src/store/conversationRepo';
import { ProcessedActivities } from '../../src/store/activityLog';
import { createCspBot } from '../../src/main';
import type { AppDeps } from '../../src/features/deps';
import type { PersonalMessenger } from '../../src/features/roles/rolesApp';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';

export const TENANT = 'tenant-1';
export const BOT = { id: '28:bot', name: 'Community Safety Assistant' };

/** A bot on a TestAdapter over a real store, with a fake clock; replies are collected per turn. */
export class BotHarness {
  readonly adapter: TestAdapter;
  readonly bot: CspBot;
  readonly deps: AppDeps;
  private seq = 0;
  private readonly prefix = Math.random().toString(36).slice(2);

  /** `answerAhead`: as on PostgreSQL (the default there), whatever the store. */
  constructor(store: Store, clock = new FakeClock('2021-08-16T09:00:00Z'), options: { typingAfterMs?: number; messenger?: PersonalMessenger; answerAhead?: boolean } = {}) {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    this.deps = { store, snapshots: new DataSnapshots(store), clock, config, pack: chesterfieldPack, log: createLogger('silent') };
    this.bot = createCspBot(this.deps, { typingAfterMs: options.typingAfterMs ?? 0, messenger: options.messenger, answerAhead: options.answerAhead });
    this.adapter = new TestAdapter((ctx) => this.bot.run(ctx));
  }

  /** Sends one activity and returns everything the bot sent back during that turn. */
  async send(partial: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity({ id: `${this.prefix}-${++this.seq}`, ...partial });
    return this.adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Typing || true);
  }
}

/**
 * The Teams edge alone over a stand-in assistant (any object with the methods a turn calls), to
 * test what the edge does around the answer: typing, turn state, re-deliveries.
 */
export function edgeBot(store: Store, assistant: Partial<Assistant>, clock: FakeClock, extra: Partial<BotDeps> = {}) {
  const bot = new CspBot({
    assistant: assistant as Assistant,
    conversations: new ConversationRepo(store),
    processed: new ProcessedActivities(store),
    clock,
    log: createLogger('silent'),
    roleOf: async () => 'member',
    ...extra,
  });
  const adapter = new TestAdapter((ctx) => bot.run(ctx));
  let seq = 0;
  const prefix = Math.random().toString(36).slice(2);
  return {
    bot,
    /** Sends one activity and returns everything the bot sent back during that turn. */
    async send(partial: Partial<Activity>): Promise<Partial<Activity>[]> {
      adapter.activeQueue.splice(0);
      await adapter.processActivity({ id: `${prefix}-${++seq}`, ...partial });
      return adapter.activeQueue.splice(0);
    },
  };
}

export function personal(text: string, from = { id: '29:user-a', name: 'Cllr A', aadObjectId: 'aad-a' }): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    from,
    recipient: BOT,
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT } },
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
  };
}

export function channelMessage(text: string, mentionText = '<at>Community Safety Assistant</at>'): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: `${mentionText} ${text}`,
    from: { id: '29:user-b', name: 'Officer B', aadObjectId: 'aad-b' },
    recipient: BOT,
    conversation: { id: '19:channel-1@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: TENANT, isGroup: true, name: '' },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team-1@thread.tacv2' }, channel: { id: '19:channel-1@thread.tacv2' } },
    entities: [{ type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: mentionText }],
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
  };
}

export function installation(action: 'add' | 'remove', conversation: Partial<Activity> = personal('')): Partial<Activity> {
  return { ...conversation, type: ActivityTypes.InstallationUpdate, action, text: undefined, entities: undefined };
}

export function cardOf(a: Partial<Activity>): Record<string, unknown> | undefined {
  return a.attachments?.[0]?.content as Record<string, unknown> | undefined;
}

/** Every text of the first card the bot replied with, one per line (the card's heading first, then the answer). */
export function replyText(acts: Partial<Activity>[]): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(acts.filter((a) => a.type === ActivityTypes.Message)[0] ?? {}));
  return texts.join('\n');
}
