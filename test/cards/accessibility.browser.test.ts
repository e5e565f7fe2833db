import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';
import type { CardJson, RequestContext } from '../../src/core/turn';
import { openDemoDeps } from '../support/demoStore';
import { composeAssistant } from '../../src/main';
import { oneTurnState } from '../../src/core/turnState';
import { reminderCard, reminderSummaryCard, digestCard } from '../../src/features/followups/cards';
import type { ReminderSubject } from '../../src/domain/followups/model';
import { draftProgressReport } from '../../src/features/reports/reportDrafts';
import { renderProgressReport } from '../../src/features/reports/reportApp';
import { unfurlPoliceUkLink } from '../../src/features/search/policeUkLink';

/*
 * WCAG 2.2 AA, checked by machine: each kind of card is rendered by the `adaptivecards` renderer
 * (the one the Playground and Teams web build on) in Chromium and checked by axe-core, first as
 * it arrives and again with every toggle opened ("Show as table", "Show caveats"), so the tables
 * are checked too. The progress report's HTML is checked the same way. Charts are Teams' own
 * elements, which this renderer does not draw: it shows their fallback table, as a client
 * without charts does.
 */

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`Skipping the accessibility check of cards and the report: ${CHROMIUM} is not installed.`);

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** A page holding one rendered card, as Teams web lays it out (a chat column about 450 pixels wide). */
function cardPage(card: CardJson): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Card</title>
<style>body{font-family:"Segoe UI",sans-serif;margin:0;background:#fff}main{width:446px;padding:8px}</style></head>
<body><main id="card"></main>
<script>${readFileSync(join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8')}</script>
<script>
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(${JSON.stringify(card).replace(/</g, '\\u003c')});
  document.getElementById('card').appendChild(card.render());
</script></body></html>`;
}

/**
 * The one thing left out, precisely: the `adaptivecards` renderer (3.0.x, `CardElement.isVisible`)
 * writes aria-expanded onto the element an Action.ToggleVisibility shows, a plain container where
 * ARIA does not allow it, whatever the card says (the button itself is marked correctly). It is
 * the renderer's doing, not the card's, so that flag on a shown container is not counted; any
 * other disallowed attribute, anywhere, still is.
 */
function rendererExpandedFlag(html: string): boolean {
  const tag = html.split('>')[0];
  return /^<div class="ac-container" id="[^"]+" /.test(tag) && /aria-expanded="(true|false)"/.test(tag) && !/role=/.test(tag);
}

(haveChromium ? describe : describe.skip)('accessibility (WCAG 2.2 AA) of what people see', () => {
  let browser: Browser;
  let deps: Awaited<ReturnType<typeof openDemoDeps>>;
  let ctx: RequestContext;
  let assistant: ReturnType<typeof composeAssistant>;
  const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    deps = await openDemoDeps();
    assistant = composeAssistant(deps);
    ctx = {
      actor: { aadObjectId: 'a0000001-0000-4000-8000-000000000001', teamsUserId: '29:demo-alex-morgan', name: 'Alex Morgan', role: 'coordinator' },
      conversation: { key: 't|a:1', id: 'a:1', tenantId: 't', type: 'personal' },
      now: deps.clock.now(),
      correlationId: 'a11y',
      state: oneTurnState(deps.clock.now()),
    };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await deps?.cleanup();
  });

  /** axe's WCAG A and AA violations on the page, before and after every toggle is opened. */
  async function violations(html: string): Promise<Violation[]> {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    try {
      await page.route(/^https?:\/\//, (r) => r.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.addScriptTag({ content: axe });
      const run = () =>
        page.evaluate(async (tags) => {
          // Runs in the page: its globals are the browser's.
          const w = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, o: object): Promise<{ violations: Violation[] }> } };
          const r = await w.axe.run(w.document, { runOnly: { type: 'tag', values: tags } });
          return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 600) })) }));
        }, WCAG_TAGS);
      const closed = await run();
      const toggles = page.getByRole('button', { name: /^Show (as table|caveats)/ });
      for (let i = 0; i < (await toggles.count()); i++) await toggles.nth(i).click();
      const opened = (await run()).map((v) => (v.id === 'aria-allowed-attr' ? { ...v, nodes: v.nodes.filter((n) => !rendererExpandedFlag(n.html)) } : v)).filter((v) => v.nodes.length > 0);
      return [...closed, ...opened.filter((v) => !closed.some((c) => c.id === v.id))];
    } finally {
      await page.close();
    }
  }

  const answerCard = async (question: string) => (await assistant.respond(question, ctx)).card as CardJson;

  const subject: ReminderSubject = {
    kind: 'followup',
    id: 'FU-2021-007',
    title: 'Further progress report on the CSP action plan and performance to the Crime and Disorder Committee',
    detail: 'Including the partnership plan for 2021–22.',
    dueDate: '2021-09-01',
    duePrecision: 'month',
    dueMonth: '2021-09',
    status: 'open',
    open: true,
    version: 3,
    actionId: null,
    source: { kind: 'resolution', minuteRef: 'Resolution (2)', meetingTitle: 'Crime and Disorder Committee', meetingDate: '2021-03-11', text: 'That a further progress report be brought in six months.' },
    ownerNames: ['Alex Morgan'],
    classification: 'public',
  } as ReminderSubject;

  const cards: [string, () => Promise<CardJson>][] = [
    ['welcome and help', () => answerCard('help')],
    ['crime trend', () => answerCard('ASB trend in Rother')],
    ['crime total', () => answerCard('burglary in Walton last 3 months')],
    ['crime ranking', () => answerCard('Which wards have the most burglary per 1,000 residents? Rother')],
    ['crime breakdown', () => answerCard('breakdown of crime in Hasland')],
    ['crime comparison', () => answerCard('compare ASB in Rother and Hasland')],
    ['clarification', () => answerCard('burglary in Brimington')],
    ['not understood', () => answerCard('xyzzy plugh')],
    ['follow-ups due', () => answerCard("what's due")],
    ['reminder', async () => reminderCard(subject, { today: '2021-08-18' })],
    ['reminders missed', async () => reminderSummaryCard([{ subject, count: 2 }], 2, { today: '2021-08-18', from: '2021-08-02', to: '2021-08-18' })],
    ['weekly digest', async () => digestCard('Weekly digest – 23 August 2021', 'What is due and what changed.', [{ title: 'Overdue', lines: ['A report – due July 2021'], empty: 'Nothing is overdue.' }])],
    ['police.uk link preview', async () => (await unfurlPoliceUkLink('https://www.police.uk/pu/your-area/derbyshire-constabulary/hasland/', deps.pack, {
      read: (t) => assistant.read(t, ctx),
      answer: (q) => assistant.answerQuery(q, ctx),
    })) as CardJson],
    ['progress report draft', () => draftProgressReport(deps, ctx)],
  ];

  it.each(cards)('the %s card has no WCAG 2.2 AA violations', async (_kind, make) => {
    const card = await make();
    expect(card).toBeDefined();
    expect(await violations(cardPage(card))).toEqual([]);
  }, 60_000);

  // The action plan's cards.
  const actionCards: [string, string][] = [
    ['action plan', 'show the action plan'],
    ['overdue actions', 'overdue actions'],
  ];
  // Each clickable row is named by its visible text (title, status, RAG, lead, date), then "Open" (WCAG 2.5.3).
  it.each(actionCards)('the %s card has no WCAG 2.2 AA violations', async (_kind, question) => {
    expect(await violations(cardPage(await answerCard(question)))).toEqual([]);
  }, 60_000);

  it('every card kind begins with a heading', async () => {
    for (const [kind, make] of cards) {
      const card = await make();
      const first = (card.body as CardJson[])[0];
      // Link previews are limited to Adaptive Cards 1.3, which has no heading style: a bold title stands in.
      if (card.version === '1.3') expect([kind, first]).toEqual([kind, expect.objectContaining({ weight: 'Bolder', size: 'Medium' })]);
      else expect([kind, first]).toEqual([kind, expect.objectContaining({ type: 'TextBlock', style: 'heading' })]);
    }
  }, 60_000);

  it('the progress report (HTML) has no WCAG 2.2 AA violations', async () => {
    const { body } = await renderProgressReport(deps, { period: { from: '2020-02', to: '2021-01' }, format: 'html' });
    expect(await violations(String(body))).toEqual([]);
  }, 60_000);
});
