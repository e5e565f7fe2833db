import { loadConfig } from '../../src/core/config';
import { DataSnapshots } from '../../src/store/snapshot';
import { createLogger } from '../../src/core/log';
import type { AppDeps } from '../../src/features/deps';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { Clock } from '../../src/core/clock';
import type { Store } from '../../src/store/db';
import { ConversationRepo } from '../../src/store/conversationRepo';
import type { ProactiveMessage, ProactiveSender, SendOutcome } from '../../src/features/followups/sender';

export const TENANT = 'tenant-1';

/** App dependencies around a test store and clock, serving the default partnership (Chesterfield). */
export function followupDeps(store: Store, clock: Clock): AppDeps {
  return { store, snapshots: new DataSnapshots(store), clock, config: loadConfig({ NODE_ENV: 'test' }), pack: chesterfieldPack, log: createLogger('silent') };
}

export async function addPersonalChat(store: Store, aadObjectId: string, conversationId: string, at: Date, serviceUrl = 'http://127.0.0.1:1/'): Promise<string> {
  await new ConversationRepo(store).upsertActive(
    {
      tenantId: TENANT,
      conversationId,
      conversationType: 'personal',
      serviceUrl,
      teamId: null,
      channelId: null,
      userAadObjectId: aadObjectId,
      reference: { serviceUrl, conversation: { id: conversationId, tenantId: TENANT, conversationType: 'personal' }, bot: { id: '28:bot' }, channelId: 'msteams' },
    },
    at,
  );
  return `${TENANT}|${conversationId}`;
}

export async function addChannel(store: Store, teamId: string, at: Date, serviceUrl = 'http://127.0.0.1:1/'): Promise<string> {
  await new ConversationRepo(store).upsertActive(
    {
      tenantId: TENANT,
      conversationId: teamId,
      conversationType: 'channel',
      serviceUrl,
      teamId,
      channelId: teamId,
      userAadObjectId: null,
      reference: { serviceUrl, conversation: { id: teamId, tenantId: TENANT, conversationType: 'channel' }, bot: { id: '28:bot' }, channelId: 'msteams' },
    },
    at,
  );
  return `${TENANT}|${teamId}`;
}

export interface SentMessage {
  conversationKey: string;
  message: ProactiveMessage;
  /** Title of the card's first bold line, for readable assertions. */
  heading: string;
}

/** A sender that records what it is given, optionally answering some conversations with a fixed outcome. */
export class RecordingSender implements ProactiveSender {
  readonly sent: SentMessage[] = [];
  readonly outcomes = new Map<string, SendOutcome>();

  async send(conversationKey: string, message: ProactiveMessage): Promise<SendOutcome> {
    const fixed = this.outcomes.get(conversationKey);
    if (fixed) return fixed;
    const body = (message.card?.body ?? []) as { text?: string; weight?: string }[];
    const heading = body.find((b) => b.weight === 'Bolder')?.text ?? message.text ?? '';
    this.sent.push({ conversationKey, message, heading });
    return { status: 'sent', httpStatus: 200 };
  }

  to(conversationKey: string): SentMessage[] {
    return this.sent.filter((s) => s.conversationKey === conversationKey);
  }
}
