import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { startBot, RunningBot } from '../../src/main';
import { cardText, Playground } from '../support/playground';

/** The real bot and Microsoft's real local Teams client, talking over HTTP as in `npm start`. */
describe('end to end through the Microsoft 365 Agents Playground', () => {
  let bot: RunningBot;
  let pg: Playground;
  let dir: string;
  let chat: string;
  let me: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-e2e-'));
    const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'csp.sqlite')}`, LOG_LEVEL: 'silent', CSP_SCHEDULER: 'off', CSP_CLOCK: '2021-08-16T08:00:00Z' });
    bot = await startBot(config, { log: createLogger('silent') });
    pg = await Playground.start(`http://127.0.0.1:${bot.port}/api/messages`);
    await pg.listen();
    const cfg = await pg.config();
    chat = cfg.personalChat.id;
    me = cfg.currentUser.id;
  }, 60_000);

  afterAll(async () => {
    await pg?.stop();
    await bot?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('installing the bot shows the welcome card with example questions', async () => {
    const n = pg.frames.length;
    await pg.install(chat);
    const welcome = await pg.nextMessage(n, (f) => cardText(f).includes('Community Safety Assistant for Chesterfield'));
    expect(cardText(welcome)).toContain('Try one of these');
  });

  test('help answers with what the bot can do', async () => {
    const n = pg.frames.length;
    await pg.say(chat, me, 'help');
    const reply = await pg.nextMessage(n);
    expect(cardText(reply)).toContain('Action plan');
  });

  test('whoami answers the demo coordinator\'s role', async () => {
    const n = pg.frames.length;
    await pg.say(chat, me, 'whoami');
    const reply = await pg.nextMessage(n);
    expect(cardText(reply)).toContain('Alex Morgan');
    expect(cardText(reply)).toContain('coordinator');
  });

  test('pressing an example-question button answers it in the chat', async () => {
    const n = pg.frames.length;
    await pg.say(chat, me, 'help');
    const card = await pg.nextMessage(n);
    const m = pg.frames.length;
    const res = await pg.invoke(chat, me, card.message!.messageId, 'ask', { question: 'who am I' });
    expect(res.status).toBe(200);
    const answer = await pg.nextMessage(m);
    expect(cardText(answer)).toContain('coordinator');
  });
});

/** The demo's promise: a reminder for the September 2021 report arrives in the Playground by itself. */
describe('a reminder arriving in the Playground', () => {
  let bot: RunningBot;
  let pg: Playground;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-e2e-remind-'));
    // Ten seconds before the first reminder of the September 2021 progress report falls due.
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'csp.sqlite')}`,
      LOG_LEVEL: 'silent',
      CSP_CLOCK: '2021-08-18T07:59:50Z',
      CSP_SCHEDULER_INTERVAL_SECONDS: '5',
    });
    bot = await startBot(config, { log: createLogger('silent') });
    pg = await Playground.start(`http://127.0.0.1:${bot.port}/api/messages`);
    await pg.listen();
  }, 60_000);

  afterAll(async () => {
    await pg?.stop();
    await bot?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('once the personal chat exists, the progress report reminder is posted into it', async () => {
    const cfg = await pg.config();
    await pg.install(cfg.personalChat.id);
    // The welcome card names "Draft the progress report" among its examples too: wait for the reminder itself.
    const card = await pg.nextMessage(0, (f) => cardText(f).includes('Further progress report') && cardText(f).includes('Draft the progress report'), 40_000);
    expect(card.actionConversationId).toBe(cfg.personalChat.id);
    expect(cardText(card)).toContain('Further progress report');
    expect(cardText(card)).toContain('Due in 14 days');
    // One message, the card: a text sent with it would show as a bubble of its own before the card.
    const textOnly = pg.frames.filter((f) => f.action === 'createMessage' && !f.message?.attachments?.length && /Reminder/.test(f.message?.text ?? ''));
    expect(textOnly).toEqual([]);
  }, 60_000);
});
