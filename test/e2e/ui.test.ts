import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/log';
import { startBot, RunningBot } from '../../src/main';
import { Playground } from '../support/playground';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(__dirname, '..', '..', 'test-output');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`${CHROMIUM} is not installed: the Playground UI smoke test is skipped (.ci/run installs it).`);

/** A person's view: the Playground's web page in headless Chromium, typing and clicking. */
(haveChromium ? describe : describe.skip)('the Playground UI in a browser', () => {
  let bot: RunningBot;
  let pg: Playground;
  let browser: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-ui-'));
    mkdirSync(OUTPUT, { recursive: true });
    const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'csp.sqlite')}`, LOG_LEVEL: 'silent', CSP_SCHEDULER: 'off', CSP_CLOCK: '2021-08-16T08:00:00Z' });
    bot = await startBot(config, { log: createLogger('silent') });
    pg = await Playground.start(`http://127.0.0.1:${bot.port}/api/messages`);
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (r) => r.abort());
    await page.goto(`http://localhost:${pg.port}`);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
    await bot?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a typed question gets a rendered card, and its button answers in the chat', async () => {
    const box = page.locator('[role="textbox"][contenteditable="true"]');
    await box.waitFor({ timeout: 30_000 });
    await box.click();
    await box.type('help');
    await page.keyboard.press('Enter');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Community Safety Assistant for Chesterfield' }).last();
    await card.waitFor({ timeout: 15_000 });
    const cardsBefore = await page.locator('.ac-adaptiveCard').count();
    await card.getByRole('button', { name: 'Overdue actions' }).click();
    await page.locator('.ac-adaptiveCard').nth(cardsBefore).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUTPUT, 'playground-ui.png'), fullPage: true });
    expect(await page.locator('.ac-adaptiveCard').count()).toBeGreaterThan(cardsBefore);
  });
});
