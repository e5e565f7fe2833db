import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import axios from 'axios';
import { ActivityHandler } from 'botbuilder';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { createBotServer, BotServer } from '../../src/teams/server';
import { activityProcessor, createAdapter, createAuthentication } from '../../src/teams/adapter';
import { openStore, migrate, Store } from '../../src/store/db';

const appId = '11111111-2222-3333-4444-555555555555';
const issuer = 'https://api.botframework.com';
const serviceUrl = 'http://127.0.0.1:9/';
const activity = { type: 'message', id: 'm1', text: 'hi', channelId: 'msteams', serviceUrl, from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
function sign(payload: object, key: KeyObject, kid = 'test-key', alg = 'RS256'): string {
  const head = b64url(JSON.stringify({ alg, typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(signature)}`;
}
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: object = {}) => ({ iss: issuer, aud: appId, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 600, ...extra });

/** A local OpenID metadata + JWKS endpoint serving one RSA key (or failing, when asked). */
async function keyEndpoint(publicKey: KeyObject, mode: 'ok' | 'broken' = 'ok'): Promise<{ url: string; close(): Promise<void> }> {
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server: Server = createServer((req, res) => {
    // (restify, loaded by the bot server, patches writeHead's return value: set fields instead)
    res.statusCode = mode === 'broken' ? 500 : 200;
    res.setHeader('content-type', 'application/json');
    if (mode === 'broken') res.end('{"error":"key service down"}');
    else if (req.url === '/openid') res.end(JSON.stringify({ issuer, jwks_uri: `${base}/keys` }));
    else res.end(JSON.stringify({ keys: [{ kty: 'RSA', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/openid`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('authentication failures on /api/messages', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const http = axios.create({ validateStatus: () => true, timeout: 10_000 });
  let store: Store;
  let server: BotServer | undefined;
  let keys: { url: string; close(): Promise<void> } | undefined;
  let logged: string[];

  beforeEach(async () => {
    store = openStore('sqlite::memory:');
    await migrate(store);
    logged = [];
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // the SDK prints to the console too
  });
  afterEach(async () => {
    await server?.shutdown(100);
    server = undefined;
    await keys?.close();
    keys = undefined;
    await store.close().catch(() => undefined);
    jest.restoreAllMocks();
  });

  async function start(metadataUrl: string): Promise<string> {
    const config = loadConfig({ LOG_LEVEL: 'silent', MicrosoftAppId: appId, MicrosoftAppPassword: 'secret' });
    const log = createLogger('silent');
    jest.spyOn(log, 'warn').mockImplementation(((obj: { err?: Error }, msg?: string) => {
      logged.push(`${msg} ${obj?.err?.message ?? ''}`);
    }) as never);
    // Naming any endpoint makes the SDK take all of them from here: the public cloud's, but keys from the fake.
    const auth = createAuthentication(config, {
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      ToBotFromChannelTokenIssuer: issuer,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
    server = createBotServer({ processActivity: activityProcessor(createAdapter(config, log, auth), new ActivityHandler()), store, log, version: 't' });
    return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  }
  const post = (base: string, token?: string) =>
    http.post(`${base}/api/messages`, activity, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  function expectGeneric(body: unknown, status: number) {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/signature|jwt|127\.0\.0\.1|ECONNREFUSED|openid|Failed to load|key/i);
    expect((body as { correlationId: string }).correlationId).toMatch(/^[0-9a-f]{8}$/);
    expect(status).toBeGreaterThanOrEqual(401);
  }

  test('a token signed by the published key is accepted (the fake key endpoint works)', async () => {
    keys = await keyEndpoint(trusted.publicKey);
    const base = await start(keys.url);
    const r = await post(base, sign(claims(), trusted.privateKey));
    expect(r.status).toBe(200);
  });

  test.each([
    ['signed by another key', () => sign(claims(), forger.privateKey)],
    ['with its signature removed', () => sign(claims(), trusted.privateKey).split('.').slice(0, 2).join('.') + '.'],
    ['unsigned (alg none)', () => `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'test-key' }))}.${b64url(JSON.stringify(claims()))}.`],
    ['expired', () => sign(claims({ nbf: now() - 7200, exp: now() - 3600 }), trusted.privateKey)],
    ['for another bot', () => sign(claims({ aud: '99999999-2222-3333-4444-555555555555' }), trusted.privateKey)],
    ['naming an unknown key', () => sign(claims(), trusted.privateKey, 'someone-elses-key')],
    ['not a JWT at all', () => 'not-a-token'],
  ])('a token %s is refused with 401 and a generic body; the reason goes to the log', async (_name, token) => {
    keys = await keyEndpoint(trusted.publicKey);
    const base = await start(keys.url);
    const r = await post(base, token());
    expect(r.status).toBe(401);
    expect(r.data.error).toBe('Unauthorized.');
    expectGeneric(r.data, r.status);
    expect(logged.some((l) => /authentication failed/.test(l))).toBe(true);
  });

  test('a request without a token is refused with 401 and a generic body', async () => {
    keys = await keyEndpoint(trusted.publicKey);
    const base = await start(keys.url);
    const r = await post(base);
    expect(r.status).toBe(401);
    expectGeneric(r.data, r.status);
  });

  test('an unreachable key endpoint is 503 with a generic body, and the log says why', async () => {
    const base = await start(`http://127.0.0.1:${await closedPort()}/openid`);
    const r = await post(base, sign(claims(), trusted.privateKey));
    expect(r.status).toBe(503);
    expectGeneric(r.data, r.status);
    expect(logged.join('\n')).toMatch(/ECONNREFUSED|connect/i);
  });

  test('a key endpoint answering 500 is 503 with a generic body', async () => {
    keys = await keyEndpoint(trusted.publicKey, 'broken');
    const base = await start(keys.url);
    const r = await post(base, sign(claims(), trusted.privateKey));
    expect(r.status).toBe(503);
    expectGeneric(r.data, r.status);
  });
});
