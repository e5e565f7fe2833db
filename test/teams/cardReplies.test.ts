import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import axios from 'axios';
import { ActivityHandler, CardFactory, CloudAdapter, MessageFactory, TurnContext } from 'botbuilder';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { deepFreeze } from '../../src/store/snapshot';
import { activityProcessor, botbuilderAuthentication, createAdapter, TeamsAdapter } from '../../src/teams/adapter';
import { createBotServer, BotServer } from '../../src/teams/server';
import { migrate, openStore, Store } from '../../src/store/db';

interface Posted {
  path: string;
  conversationHeader: string | undefined;
  body: Record<string, unknown>;
}

/** A Teams connector on 127.0.0.1 recording what is posted; `status` is what it answers. */
async function connector(): Promise<{ url: string; posted: Posted[]; status: number; close(): Promise<void> }> {
  const state = { url: '', posted: [] as Posted[], status: 200, close: async () => undefined as void };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.posted.push({ path: req.url ?? '', conversationHeader: req.headers['x-ms-conversation-id'] as string | undefined, body: JSON.parse(body) as Record<string, unknown> });
      res.statusCode = state.status;
      res.setHeader('content-type', 'application/json');
      res.end(state.status < 300 ? JSON.stringify({ id: `reply-${state.posted.length}` }) : JSON.stringify({ error: { code: 'BadSyntax', message: 'no' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer/`;
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}

const card = () => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'ASB in Rother, Feb 2020 – Jan 2021', wrap: true },
    { type: 'FactSet', facts: [{ title: 'Change', value: 'Up 60.6%' }] },
  ],
});

describe('a card reply in a turn', () => {
  let store: Store;
  const servers: BotServer[] = [];
  let teams: Awaited<ReturnType<typeof connector>>;
  let next: () => object;
  const ids: (string | undefined)[] = [];
  const failures: unknown[] = [];

  /** A bot behind `adapter` replying with `next()`'s card; its /api/messages address. */
  async function botOn(adapter: TeamsAdapter): Promise<string> {
    const bot = new ActivityHandler();
    bot.onMessage(async (context: TurnContext, done) => {
      try {
        ids.push((await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(next()))))?.id);
      } catch (err) {
        failures.push(err);
      }
      await done();
    });
    const log = createLogger('silent');
    const server = createBotServer({ processActivity: activityProcessor(adapter, bot), store, log, version: 'test' });
    servers.push(server);
    return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;
  }

  beforeAll(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    teams = await connector();
  });
  afterAll(async () => {
    for (const s of servers) await s.shutdown(100);
    await teams.close();
    await store.close();
  });
  beforeEach(() => {
    teams.posted.length = 0;
    teams.status = 200;
    ids.length = 0;
    failures.length = 0;
  });

  let n = 0;
  const say = (endpoint: string) =>
    axios.post(endpoint, {
      type: 'message',
      id: `1:msg/${++n}`,
      text: 'ASB trend in Rother',
      channelId: 'msteams',
      serviceUrl: teams.url,
      locale: 'en-GB',
      from: { id: '29:u', aadObjectId: 'u', name: 'Cllr A' },
      recipient: { id: '28:bot', name: 'CSP' },
      conversation: { id: 'a:1Xy;messageid=42', conversationType: 'personal', tenantId: 't1' },
    });

  it('reaches Teams exactly as botbuilder itself would send it', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const ours = await botOn(createAdapter(config, createLogger('silent')));
    // botbuilder's own send, behind the same edge.
    class AsBotbuilderSends extends TeamsAdapter {
      override sendActivities(context: TurnContext, activities: Parameters<TeamsAdapter['sendActivities']>[1]) {
        return CloudAdapter.prototype.sendActivities.call(this, context, activities);
      }
    }
    const sdk = await botOn(new AsBotbuilderSends(botbuilderAuthentication(config), createLogger('silent')));
    next = () => deepFreeze(card());
    await say(ours);
    n -= 1; // the same activity id, so that both replies answer the same message
    await say(sdk);

    expect(teams.posted).toHaveLength(2);
    const [mine, theirs] = teams.posted;
    expect(mine.path).toBe(theirs.path);
    expect(mine.path).toBe(`/amer/v3/conversations/${encodeURIComponent('a:1Xy;messageid=42')}/activities/${encodeURIComponent(`1:msg/${n}`)}`);
    expect(mine.conversationHeader).toBe('a:1Xy;messageid=42');
    expect(mine.body).toEqual(theirs.body);
    expect((mine.body.attachments as { content: unknown }[])[0].content).toEqual(card());
    expect(ids).toEqual(['reply-1', 'reply-2']);
  });

  it('sends a card changed since it was last sent as it is now', async () => {
    const ours = await botOn(createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent')));
    const mutable = card();
    next = () => mutable;
    await say(ours);
    (mutable.body[0] as { text: string }).text = 'Burglary in Rother';
    await say(ours);
    expect(failures).toEqual([]);
    const texts = teams.posted.map((p) => ((p.body.attachments as { content: { body: { text?: string }[] } }[])[0].content.body[0].text));
    expect(texts).toEqual(['ASB in Rother, Feb 2020 – Jan 2021', 'Burglary in Rother']);
  });

  it('fails the send with the connector status when Teams refuses the reply', async () => {
    const ours = await botOn(createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent')));
    next = () => deepFreeze(card());
    teams.status = 400;
    await say(ours);
    expect(failures).toHaveLength(1);
    expect((failures[0] as { statusCode?: number }).statusCode).toBe(400);
  });
});
