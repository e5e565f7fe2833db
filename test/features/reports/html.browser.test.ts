import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';
import { describeEachStore } from '../../support/stores';
import { demoDeps } from '../../support/actionsApp';
import { seedDemoCrime } from '../../../src/demo/seedCrime';
import { renderProgressReport } from '../../../src/features/reports/reportApp';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(__dirname, '..', '..', '..', 'test-output');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(CHROMIUM)) console.log(`Skipping the report's browser check: ${CHROMIUM} is not installed.`);
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeWithBrowser('the HTML progress report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachStore('demo data', (get, storeName) => {
    it('renders with its headings, tables and charts, fetches nothing, fits the page, and is kept as a screenshot', async () => {
      if (storeName !== 'sqlite') return; // one look is enough: the HTML does not depend on the database
      const deps = await demoDeps(get());
      await seedDemoCrime(deps.store, deps.clock);
      const { body, report } = await renderProgressReport(deps, { period: { from: '2020-02', to: '2021-01' }, format: 'html' });
      mkdirSync(OUTPUT, { recursive: true });
      writeFileSync(join(OUTPUT, 'progress-report.html'), body);

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url) || url.startsWith('data:') || url === 'about:blank') return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.setContent(body as string, { waitUntil: 'load' });

      expect(await page.locator('h1').innerText()).toBe(report.title);
      expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
      const h2 = await page.locator('h2').allInnerTexts();
      expect(h2).toEqual(['Summary', 'Matters arising from the last meeting', 'Appendix: action plan progress and crime and disorder data']);
      expect(await page.locator('h3').allInnerTexts()).toEqual(expect.arrayContaining(['Action plan progress', 'Crime and disorder data', 'Sources and caveats']));

      // Every table has a caption and every column header says it is one.
      const tables = page.locator('table');
      // The cover sheet, a table per theme, three crime tables, and those of the matters arising.
      expect(await tables.count()).toBe(1 + report.themes.length + 3 + report.mattersArising.reduce((n, m) => n + m.tables.length, 0));
      expect(await page.locator('table:not(:has(caption))').count()).toBe(0);
      expect(await page.locator('thead th:not([scope="col"])').count()).toBe(0);
      expect(await page.locator('tbody th:not([scope="row"])').count()).toBe(0);

      // Charts: drawn at a readable size, each with a title and description for screen readers.
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBe(report.charts.length);
      for (let i = 0; i < report.charts.length; i++) {
        const svg = charts.nth(i);
        const box = await svg.boundingBox();
        expect(box!.width).toBeGreaterThan(600);
        expect(box!.height).toBeGreaterThan(100);
        expect(await svg.locator('title').textContent()).toBe(report.charts[i].title);
        expect(await svg.getAttribute('aria-labelledby')).toMatch(/-title .*-desc$/);
        expect(await svg.locator('path, rect').count()).toBeGreaterThan(3);
      }

      // Every action and the district total are on the page.
      const text = await page.locator('main').innerText();
      for (const a of report.themes.flatMap((t) => t.actions)) expect(text).toContain(a.title);
      expect(text).toContain(report.crime.allCrime.current.toLocaleString('en-GB'));

      // Nothing wider than the window, nothing fetched, no script errors.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);

      const shot = join(OUTPUT, 'progress-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      await page.close();
    });
  });
});
