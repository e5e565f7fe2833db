import { Activity, ActivityTypes } from 'botbuilder';
import { describeEachStoreShared } from '../support/stores';
import { BotHarness, personal, TENANT } from '../support/botHarness';
import { seedDemoCrime } from '../../src/demo/seedCrime';
import { seedDemoActions } from '../../src/demo/actionPlan';
import { RoleRepo } from '../../src/store/roleRepo';
import { validateCard } from '../../src/cards/validate';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/messageExtension';

interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview?: { contentType: string; content: { title: string; text: string; tap?: { type: string; value: { question: string } } } };
}
interface ExtensionBody {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

const GROUP_CHAT = { id: '19:group-1@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true, name: '' };

/** An invoke from a group chat (where a councillor would use the compose box), and its response. */
const invoke = (h: BotHarness, name: string, value: unknown) => invokeIn(h, GROUP_CHAT, name, value);

async function invokeIn(h: BotHarness, conversation: Partial<Activity>['conversation'], name: string, value: unknown): Promise<{ status: number; body: unknown }> {
  const replies = await h.send({
    ...personal(''),
    conversation,
    type: ActivityTypes.Invoke,
    name,
    value,
  });
  const res = replies.find((a: Partial<Activity>) => a.type === 'invokeResponse') as { value: { status: number; body: unknown } } | undefined;
  if (!res) throw new Error(`no invoke response to ${name}`);
  return res.value;
}

const search = (h: BotHarness, text: string) =>
  invoke(h, 'composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: text }], queryOptions: { skip: 0, count: 25 } });

describeEachStoreShared('the message extension', (store) => {
  let h: BotHarness;
  beforeAll(async () => {
    await seedDemoCrime(store(), new BotHarness(store()).deps.clock);
  }, 120_000);
  beforeEach(() => {
    h = new BotHarness(store());
  });

  describe('search in the compose box', () => {
    test('"burglary Walton" offers the answer card first, previewed by its title and headline figure, as chat would answer it', async () => {
      const res = await search(h, 'burglary Walton');
      expect(res.status).toBe(200);
      const ext = (res.body as ExtensionBody).composeExtension;
      expect(ext).toMatchObject({ type: 'result', attachmentLayout: 'list' });
      const first = ext.attachments![0];
      expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(first.preview!.content.title).toMatch(/^Burglary in Walton, [A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}$/);
      expect(first.preview!.content.text).toMatch(/^\d[\d,]* crimes, (up|down) \d+\.\d% against|^\d[\d,]* crimes, unchanged/);
      expect(validateCard(first.content)).toEqual([]);
      // The same Answer as the chat: the card's words are those a chat reply gives.
      const chat = await h.send(personal('burglary Walton'));
      const chatCard = chat.find((a) => a.type === ActivityTypes.Message)?.attachments?.[0]?.content;
      expect(first.content).toEqual(chatCard);
    });

    test('"violence town centre" answers for the named area, not a ward', async () => {
      const ext = ((await search(h, 'violence town centre')).body as ExtensionBody).composeExtension;
      expect(ext.attachments![0].preview!.content.title).toMatch(/^Violence and sexual offences in Town centre, /);
    });

    test('questions that follow on are offered after the answer, answered when picked', async () => {
      const ext = ((await search(h, 'ASB trend in Rother')).body as ExtensionBody).composeExtension;
      const suggestion = ext.attachments!.find((a) => a.preview?.content.tap);
      expect(suggestion).toBeDefined();
      const picked = await invoke(h, 'composeExtension/selectItem', suggestion!.preview!.content.tap!.value);
      const card = (picked.body as ExtensionBody).composeExtension.attachments![0];
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateCard(card.content)).toEqual([]);
    });

    test.each([
      ['an empty box (first open)', [{ name: 'initialRun', value: 'true' }]],
      ['nothing typed', [{ name: SEARCH_PARAMETER, value: '   ' }]],
      ['words the bot cannot read', [{ name: SEARCH_PARAMETER, value: 'qwertyuiop zxcv' }]],
      ['no parameters at all', undefined],
    ])('%s gets suggested questions, never an error', async (_what, parameters) => {
      const res = await invoke(h, 'composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters });
      expect(res.status).toBe(200);
      const ext = (res.body as ExtensionBody).composeExtension;
      expect(ext.type).toBe('result');
      expect(ext.attachments!.length).toBeGreaterThanOrEqual(3);
      for (const a of ext.attachments!) expect(a.preview!.content.tap!.value.question.length).toBeGreaterThan(0);
      // Picking a suggestion inserts its answer.
      const picked = await invoke(h, 'composeExtension/selectItem', ext.attachments![0].preview!.content.tap!.value);
      expect((picked.body as ExtensionBody).composeExtension.attachments![0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    });

    test('a question about the action plan or follow-ups is not answered into a chat (exempt items, side effects): suggestions instead', async () => {
      for (const q of ['overdue actions', 'remind me about the CCTV report on 1 October']) {
        const ext = ((await search(h, q)).body as ExtensionBody).composeExtension;
        expect(ext.attachments!.every((a) => a.contentType !== 'application/vnd.microsoft.card.adaptive')).toBe(true);
        expect(ext.attachments![0].preview!.content.text).toMatch(/ask me in chat/i);
      }
    });

    test('an ambiguous name offers each reading', async () => {
      const ext = ((await search(h, 'burglary Brimington')).body as ExtensionBody).composeExtension;
      const questions = ext.attachments!.map((a) => a.preview!.content.tap?.value.question ?? '');
      expect(questions.some((q) => /Brimington North/.test(q))).toBe(true);
      expect(questions.some((q) => /Brimington South/.test(q))).toBe(true);
    });

    test('a picked item that is no longer a figures question gets a message, not an error', async () => {
      const res = await invoke(h, 'composeExtension/selectItem', { question: 'show the action plan' });
      expect(res.status).toBe(200);
      expect((res.body as ExtensionBody).composeExtension).toMatchObject({ type: 'message' });
    });
  });

  test('a coordinator searching in a one-to-one chat with someone else inserts no exempt action (the other person reads it)', async () => {
    await seedDemoActions(store(), h.deps.clock);
    await new RoleRepo(store()).grant('aad-a', 'coordinator', 'test', h.deps.clock.now());
    const oneToOne = { id: 'a:one-to-one', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' };
    const res = await invokeIn(h, oneToOne, 'composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: SEARCH_PARAMETER, value: 'ASB trend in Rother' }] });
    const card = JSON.stringify((res.body as ExtensionBody).composeExtension.attachments![0].content);
    expect(card).toMatch(/Open actions in Rother/);
    expect(card).not.toMatch(/Blofeld/);
    // In the coordinator's own chat with the bot, the exempt action is listed: it is the insertion that hides it.
    const own = await h.send(personal('ASB trend in Rother'));
    expect(JSON.stringify(own.find((a) => a.type === ActivityTypes.Message)?.attachments?.[0]?.content)).toMatch(/Blofeld/);
  });

  describe('police.uk links', () => {
    test('a neighbourhood page the bot knows unfurls into its figures card, in an Adaptive Card version Teams unfurls (1.3)', async () => {
      const res = await invoke(h, 'composeExtension/queryLink', { url: 'https://www.police.uk/pu/your-area/derbyshire-constabulary/hasland/' });
      expect(res.status).toBe(200);
      const ext = (res.body as ExtensionBody).composeExtension;
      expect(ext.attachments).toHaveLength(1);
      const card = ext.attachments![0].content;
      expect(card.version).toBe('1.3');
      expect(validateCard(card)).toEqual([]);
      const text = JSON.stringify(card);
      expect(text).toMatch(/Crime and ASB in Hasland/);
      expect(text).toMatch(/All crime, [A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}","value":"\d[\d,]* crimes/);
      expect(text).toMatch(/ASB, [^"]*","value":"\d[\d,]* incidents/);
      expect(text).toMatch(/sample data/);
      // Nothing newer than 1.3: no tables, charts or Execute buttons.
      expect(text).not.toMatch(/"Table"|"Chart\.|Action\.Execute|"style":"heading"/);
    });

    test('the crime-map tab of a neighbourhood page unfurls too', async () => {
      const res = await invoke(h, 'composeExtension/queryLink', { url: 'https://www.police.uk/pu/your-area/derbyshire-constabulary/brimington-north/?tab=CrimeMap' });
      expect(JSON.stringify(res.body)).toMatch(/Crime and ASB in Brimington North/);
    });

    test.each([
      ['a neighbourhood the bot does not know', 'https://www.police.uk/pu/your-area/derbyshire-constabulary/chesterfield-north-east/'],
      ['another force', 'https://www.police.uk/pu/your-area/south-yorkshire-police/hasland/'],
      ['another police.uk page', 'https://www.police.uk/pu/contact-us/'],
      ['not a link', 'hasland'],
    ])('%s is declined quietly (no card, no error)', async (_what, url) => {
      const res = await invoke(h, 'composeExtension/queryLink', { url });
      expect(res.status).toBe(200);
      expect((res.body as ExtensionBody).composeExtension).toEqual({ type: 'result', attachmentLayout: 'list', attachments: [] });
    });
  });

  describe('invokes the bot does not handle', () => {
    test.each([
      ['composeExtension/fetchTask', { composeExtension: { type: 'message' } }],
      ['task/fetch', { task: { type: 'message' } }],
      ['some/unknownInvoke', { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotSupported' } }],
    ])('%s gets a well-formed "not supported" answer, never 501', async (name, shape) => {
      const res = await invoke(h, name, {});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(shape);
      expect(JSON.stringify(res.body)).toMatch(/not something this app does/);
    });
  });
});
