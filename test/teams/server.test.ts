import axios from 'axios';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { createBotServer, BotServer } from '../../src/teams/server';
import { activityProcessor, createAdapter } from '../../src/teams/adapter';
import { ActivityHandler } from 'botbuilder';
import { openStore, migrate, Store } from '../../src/store/db';

const activity = {
  type: 'message',
  id: 'm1',
  text: 'hi',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: 'u' },
  recipient: { id: 'b' },
  conversation: { id: 'c' },
};

describe('bot HTTP server', () => {
  let store: Store;
  let server: BotServer | undefined;
  const http = axios.create({ validateStatus: () => true, timeout: 5000 });

  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
  });
  afterEach(async () => {
    await server?.shutdown(100);
    server = undefined;
    await store.close().catch(() => undefined);
  });

  async function start(env: Record<string, string> = {}, bot = new ActivityHandler()): Promise<string> {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    const log = createLogger('silent');
    server = createBotServer({ processActivity: activityProcessor(createAdapter(config, log), bot), store, log, version: '9.9.9' });
    const port = await server.listen(0, '127.0.0.1');
    return `http://127.0.0.1:${port}`;
  }

  test('GET /healthz answers 200 with the version and the store status', async () => {
    const base = await start();
    const r = await http.get(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ status: 'ok', version: '9.9.9', store: { dialect: 'sqlite', reachable: true } });
  });

  test('GET /healthz answers 503 when the store cannot be reached', async () => {
    const base = await start();
    await store.close();
    const r = await http.get(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(r.data.store.reachable).toBe(false);
  });

  test('with MicrosoftAppId set, a request without a Bot Framework token is refused with 401', async () => {
    const base = await start({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret' });
    const r = await http.post(`${base}/api/messages`, activity);
    expect(r.status).toBe(401);
  });

  test('a body that is not an activity is refused with 400 and a correlation id', async () => {
    const base = await start();
    const r = await http.post(`${base}/api/messages`, { hello: 'world' });
    expect(r.status).toBe(400);
    expect(r.data.correlationId).toMatch(/^[0-9a-f]{8}$/);
  });

  test('malformed JSON is refused with a 4xx and the server keeps answering', async () => {
    const base = await start();
    const r = await http.post(`${base}/api/messages`, '{"type": "mess', { headers: { 'content-type': 'application/json' } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect((await http.get(`${base}/healthz`)).status).toBe(200);
  });

  test('an unknown or expired report link answers 404 with a plain explanation', async () => {
    const base = await start();
    const r = await http.get(`${base}/reports/not-a-token`);
    expect(r.status).toBe(404);
    expect(r.data).toMatch(/expired/);
  });

  test('shutdown waits for a turn in flight to finish, and refuses new turns meanwhile', async () => {
    let release: () => void = () => undefined;
    const finished: string[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (_ctx, next) => {
      await new Promise<void>((r) => (release = r));
      finished.push('turn');
      await next();
    });
    const base = await start({}, bot);
    const inFlight = http.post(`${base}/api/messages`, { ...activity, deliveryMode: 'expectReplies' });
    await new Promise((r) => setTimeout(r, 100));
    const stopping = server!.shutdown(5000);
    const refused = await http.post(`${base}/api/messages`, activity).catch(() => ({ status: 503 }));
    expect(refused.status).toBe(503);
    release();
    await stopping;
    await inFlight;
    expect(finished).toEqual(['turn']);
    server = undefined;
  });
});
