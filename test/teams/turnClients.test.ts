import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import axios from 'axios';
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient } from 'botframework-connector';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { activityProcessor, createAdapter, TeamsAdapter } from '../../src/teams/adapter';
import { createBotServer, BotServer } from '../../src/teams/server';
import { ReusedTurnClients } from '../../src/teams/turnClients';
import { migrate, openStore, Store } from '../../src/store/db';

/** A Teams connector on 127.0.0.1 that records the replies posted to it. */
async function connector(): Promise<{ url: string; replies: string[]; close(): Promise<void> }> {
  const replies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') replies.push((JSON.parse(body) as { text: string }).text);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `r${replies.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, replies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('connector clients kept across turns', () => {
  let store: Store;
  let server: BotServer;
  let endpoint: string;
  let adapter: TeamsAdapter;
  const clientsSeen: ConnectorClient[] = [];
  const connectors: Awaited<ReturnType<typeof connector>>[] = [];

  beforeAll(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const log = createLogger('silent');
    adapter = createAdapter(config, log);
    const bot = new ActivityHandler();
    bot.onMessage(async (context: TurnContext, next) => {
      clientsSeen.push(context.turnState.get(adapter.ConnectorClientKey) as ConnectorClient);
      await context.sendActivity(`reply to ${context.activity.text}`);
      await next();
    });
    server = createBotServer({ processActivity: activityProcessor(adapter, bot), store, log, version: 'test' });
    endpoint = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/messages`;
    connectors.push(await connector(), await connector());
  });
  afterAll(async () => {
    await server.shutdown(100);
    for (const c of connectors) await c.close();
    await store.close();
  });

  let n = 0;
  const say = (serviceUrl: string, text: string) =>
    axios.post(endpoint, {
      type: 'message',
      id: `m${++n}`,
      text,
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:u', aadObjectId: 'u' },
      recipient: { id: '28:bot' },
      conversation: { id: `a:${n}`, conversationType: 'personal' },
    });

  it('answers every turn from one service through the same client, and another service through its own', async () => {
    const [teams, other] = connectors;
    await say(teams.url, 'one');
    await say(teams.url, 'two');
    await say(other.url, 'three');
    await say(teams.url, 'four');

    expect(teams.replies).toEqual(['reply to one', 'reply to two', 'reply to four']);
    expect(other.replies).toEqual(['reply to three']);
    expect(clientsSeen[1]).toBe(clientsSeen[0]);
    expect(clientsSeen[3]).toBe(clientsSeen[0]);
    expect(clientsSeen[2]).not.toBe(clientsSeen[0]);
  });
});

describe('ReusedTurnClients', () => {
  const claimsIdentity = { claims: [{ type: 'appid', value: 'app-1' }, { type: 'ver', value: '1.0' }], isAuthenticated: true } as unknown as ClaimsIdentity;

  function innerWith(create: (serviceUrl: string) => Promise<ConnectorClient>): BotFrameworkAuthentication {
    return {
      authenticateRequest: async () => ({ audience: 'aud', claimsIdentity, connectorFactory: { create } }) as unknown as AuthenticateRequestResult,
    } as unknown as BotFrameworkAuthentication;
  }

  it('makes a client again after one could not be made, instead of keeping the failure', async () => {
    let calls = 0;
    const made = {} as ConnectorClient;
    const reused = new ReusedTurnClients(
      innerWith(async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint unreachable');
        return made;
      }),
    );
    const factory = async () => (await reused.authenticateRequest({} as never, '')).connectorFactory!;

    await expect((await factory()).create('https://smba.example/')).rejects.toThrow('token endpoint unreachable');
    await expect((await factory()).create('https://smba.example/')).resolves.toBe(made);
    await expect((await factory()).create('https://smba.example/')).resolves.toBe(made);
    expect(calls).toBe(2);
  });

  it('keeps clients apart by service and by audience', async () => {
    let calls = 0;
    const reused = new ReusedTurnClients(innerWith(async () => ({ n: ++calls }) as unknown as ConnectorClient));
    const factory = (await reused.authenticateRequest({} as never, '')).connectorFactory!;

    const a = await factory.create('https://smba.example/', 'aud-1');
    expect(await factory.create('https://smba.example/', 'aud-1')).toBe(a);
    expect(await factory.create('https://smba.example/', 'aud-2')).not.toBe(a);
    expect(await factory.create('https://other.example/', 'aud-1')).not.toBe(a);
    expect(calls).toBe(3);
  });
});
