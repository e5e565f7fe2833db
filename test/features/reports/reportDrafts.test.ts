import { invoke } from '../../support/verbs';
import { FakeClock } from '../../../src/core/clock';
import { draftInChat, draftProgressReport, reportDownload, reportVerbs, publicBaseUrl } from '../../../src/features/reports/reportDrafts';
import { validateCard } from '../../../src/cards/validate';
import { loadConfig } from '../../../src/core/config';
import type { RequestContext } from '../../../src/core/turn';
import { openDemoDeps } from '../../support/demoStore';
import { oneTurnState } from '../../../src/core/turnState';

const ctx: RequestContext = {
  actor: { aadObjectId: 'a0000001-0000-4000-8000-000000000001', name: 'Alex Morgan', role: 'coordinator' },
  conversation: { key: 't|a:1', id: 'a:1', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-18T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-18T09:00:00Z')),
};

describe('progress report drafts from a card', () => {
  let deps: Awaited<ReturnType<typeof openDemoDeps>>;
  const clock = new FakeClock('2021-08-18T09:00:00Z');
  beforeAll(async () => {
    deps = await openDemoDeps(clock);
  }, 60_000);
  afterAll(() => deps.cleanup());

  test('the draft card links to a web page and a Word file that the bot serves', async () => {
    const card = await draftProgressReport(deps, ctx);
    expect(validateCard(card)).toEqual([]);
    const urls = (card.actions as { url: string }[]).map((a) => a.url);
    expect(urls).toHaveLength(2);
    const token = urls[0].split('/').pop() as string;
    const page = await reportDownload(deps, token);
    expect(page?.contentType).toMatch(/text\/html/);
    expect(String(page?.body)).toContain('6.2');
    const word = await reportDownload(deps, `${token}.docx`);
    expect((word?.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  test('a link stops working after seven days', async () => {
    const card = await draftProgressReport(deps, ctx);
    const token = ((card.actions as { url: string }[])[0].url.split('/').pop()) as string;
    clock.advance(7 * 24 * 3600_000 + 1000);
    expect(await reportDownload(deps, token)).toBeUndefined();
    clock.set('2021-08-18T09:00:00Z');
  });

  test('the button on a reminder posts the draft as a new message and leaves the reminder card as it was', async () => {
    const outcome = await invoke(reportVerbs(deps), { verb: 'report.progress', data: { id: 'FU-1' }, trigger: 'manual' }, ctx);
    expect(outcome.kind).toBe('message');
    if (outcome.kind !== 'message') return;
    expect(outcome.post?.card).toBeDefined();
    expect(validateCard(outcome.post?.card)).toEqual([]);
    expect(JSON.stringify(outcome.post?.card)).toMatch(/Progress report draft/);
    // No card in the invoke answer and none to replace the original with: the reminder stays.
    expect(outcome).not.toHaveProperty('card');
    expect(outcome).not.toHaveProperty('updateOriginal');
  });

  test('"draft the next progress report" asked in chat gives an officer the same draft card, and a member a refusal that stores nothing', async () => {
    const asked = await draftInChat(deps, ctx);
    if (!('card' in asked)) throw new Error('expected the draft card');
    expect(validateCard(asked.card)).toEqual([]);
    expect(JSON.stringify(asked.card)).toMatch(/Progress report draft/);
    const before = await deps.store.db.selectFrom('report_draft').select('token').execute();
    const member = await draftInChat(deps, { ...ctx, actor: { ...ctx.actor, role: 'member' } });
    expect(member).toMatchObject({ text: expect.stringMatching(/officers and coordinators/) });
    expect(await deps.store.db.selectFrom('report_draft').select('token').execute()).toHaveLength(before.length);
  });

  test('a made-up or malformed token finds nothing', async () => {
    expect(await reportDownload(deps, 'AAAAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(await reportDownload(deps, '../../etc/passwd')).toBeUndefined();
  });

  test('a card refresh never drafts a report', async () => {
    const outcome = await invoke(reportVerbs(deps), { verb: 'report.progress', data: {}, trigger: 'automatic' }, ctx);
    expect(outcome.kind).toBe('message');
  });

  test('a member cannot draft the report, and nothing is stored', async () => {
    const before = await deps.store.db.selectFrom('report_draft').select('token').execute();
    const outcome = await invoke(reportVerbs(deps), { verb: 'report.progress', data: {}, trigger: 'manual' }, { ...ctx, actor: { ...ctx.actor, role: 'member' } });
    expect(outcome).toMatchObject({ kind: 'message', text: expect.stringMatching(/officers and coordinators/) });
    expect(await deps.store.db.selectFrom('report_draft').select('token').execute()).toHaveLength(before.length);
  });

  test('links use the bot\'s public domain when one is configured', () => {
    expect(publicBaseUrl({ config: loadConfig({ BOT_DOMAIN: 'csp.example.gov.uk' }) })).toBe('https://csp.example.gov.uk');
    expect(publicBaseUrl({ config: loadConfig({}) })).toBe('http://localhost:3978');
  });
});
