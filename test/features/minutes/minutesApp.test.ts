import { invoke } from '../../support/verbs';
import { Document, Packer, Paragraph } from 'docx';
import { describeEachStore } from '../../support/stores';
import { ctxOf, demoDeps } from '../../support/actionsApp';
import { itWithSeed, minutesSeed } from '../../support/minutesSeed';
import { extractTextFromDocx, importMinutes, MAX_MINUTES_BYTES, minutesTextFromFile, minutesVerbs, previewCardForFile, previewCardForText, preview } from '../../../src/features/minutes/minutesApp';
import { followUpInputIds, linkInputId } from '../../../src/features/minutes/cards';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { MinutesRepo } from '../../../src/store/minutesRepo';
import { parseMinutes } from '../../../src/features/minutes/parse';
import type { CardJson } from '../../../src/core/turn';
import { CHESTERFIELD } from '../../support/partnership';

const MEETING = '2021-03-16';
const cli = { id: 'cli', name: 'csp import minutes' };

/** Every Input.* element of a card, however deeply nested. */
function inputsOf(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

async function docxOf(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split(/\n/).map((line) => new Paragraph(line)) }] });
  return Packer.toBuffer(doc);
}

describeEachStore('importing minutes', (get) => {
  itWithSeed('creates the three follow-ups and links the named actions, and a second import creates nothing new', async () => {
    const deps = await demoDeps(get());
    const first = await importMinutes(deps, { text: minutesSeed(), meetingDate: MEETING, actor: cli, channel: 'cli', sourceName: 'minutes.txt' });
    expect(first.documentCreated).toBe(true);
    expect(first.followUpsCreated).toHaveLength(3);
    const stored = await new FollowUpRepo(deps.store, CHESTERFIELD).list();
    expect(stored).toHaveLength(3);
    const report = stored.find((f) => /progress report/i.test(f.title))!;
    expect(report).toMatchObject({ duePrecision: 'month', dueMonth: '2021-09', source: expect.objectContaining({ kind: 'resolution', meetingDate: MEETING }) });
    expect(report.recipients).toEqual([expect.objectContaining({ kind: 'committee', role: 'audience' })]);

    const minutes = new MinutesRepo(deps.store, CHESTERFIELD);
    const before = await minutes.counts();
    const links = first.extract.activities.reduce((n, a) => n + a.matchedActionIds.length, 0) + 3;
    expect(before.links).toBe(links);
    // Every follow-up points back at the paragraph holding its sentence.
    for (const f of stored) {
      const [evidence] = await minutes.evidenceFor('followup', f.id);
      expect(evidence.text).toContain(f.source.text);
    }

    const second = await importMinutes(deps, { text: minutesSeed(), meetingDate: MEETING, actor: cli, channel: 'cli' });
    expect(second.documentCreated).toBe(false);
    expect(second.followUpsCreated).toEqual([]);
    expect(second.followUpsExisting.map((f) => f.id).sort()).toEqual(first.followUpsCreated.map((f) => f.id).sort());
    expect(second.linksCreated).toBe(0);
    expect(await minutes.counts()).toEqual(before);
    expect(await new FollowUpRepo(deps.store, CHESTERFIELD).list()).toHaveLength(3);
  });

  itWithSeed('treats the same minutes copied differently (bullets, spacing) as the same document', async () => {
    const deps = await demoDeps(get());
    await importMinutes(deps, { text: minutesSeed(), meetingDate: MEETING, actor: cli, channel: 'cli' });
    const recopied = minutesSeed().replace(/^·\s+/gm, '• ').replace(/\u00a0/g, ' ');
    const again = await importMinutes(deps, { text: recopied, meetingDate: MEETING, actor: cli, channel: 'cli' });
    expect(again.documentCreated).toBe(false);
    expect(again.followUpsCreated).toEqual([]);
  });

  itWithSeed('writes nothing at all when a step fails part-way', async () => {
    const deps = await demoDeps(get());
    const key = parseMinutes(minutesSeed(), { meetingDate: MEETING }).followUps[2].key;
    await expect(importMinutes(deps, { text: minutesSeed(), meetingDate: MEETING, actor: cli, channel: 'cli', choices: { due: { [key]: { due: '2021-13-45', precision: 'day' } } } })).rejects.toThrow();
    expect(await new MinutesRepo(deps.store, CHESTERFIELD).counts()).toEqual({ documents: 0, paragraphs: 0, links: 0 });
    expect(await new FollowUpRepo(deps.store, CHESTERFIELD).list()).toEqual([]);
  });

  itWithSeed('refuses to create follow-ups whose due date depends on an unknown meeting date', async () => {
    const deps = await demoDeps(get());
    await expect(importMinutes(deps, { text: minutesSeed(), actor: cli, channel: 'cli' })).rejects.toThrow(/meeting date/);
    expect(await new MinutesRepo(deps.store, CHESTERFIELD).counts()).toEqual({ documents: 0, paragraphs: 0, links: 0 });
  });

  it('refuses text that is not minutes, saying so, and writes nothing', async () => {
    const deps = await demoDeps(get());
    await expect(importMinutes(deps, { text: 'Shopping list: milk, eggs, bread.', actor: cli, channel: 'cli' })).rejects.toThrow(/not read as committee minutes/);
    expect((await preview(deps, 'Shopping list: milk, eggs, bread.')).dryRun).toMatchObject({ isMinutes: false, resolutions: [], followUps: [] });
    expect(await new MinutesRepo(deps.store, CHESTERFIELD).counts()).toEqual({ documents: 0, paragraphs: 0, links: 0 });
  });
});

describeEachStore('the minutes preview in Teams', (get) => {
  itWithSeed('gives a coordinator a card with a toggle, a date and an owner for each follow-up, and a toggle per action link', async () => {
    const deps = await demoDeps(get());
    const reply = await previewCardForText(minutesSeed(), ctxOf('Alex Morgan'), deps, { meetingDate: MEETING });
    expect(reply.text).toMatch(/^Found 2 resolutions, 3 follow-ups/);
    const inputs = inputsOf(reply.card);
    const extract = parseMinutes(minutesSeed(), { meetingDate: MEETING });
    for (const f of extract.followUps) {
      const ids = followUpInputIds(f.key);
      expect(inputs.find((i) => i.id === ids.include)).toMatchObject({ type: 'Input.Toggle', value: 'true' });
      expect(inputs.find((i) => i.id === ids.due)).toMatchObject({ type: 'Input.Date' });
      expect(inputs.find((i) => i.id === ids.owner)).toMatchObject({ type: 'Input.Text' });
    }
    expect(inputs.every((i) => typeof i.label === 'string' && (i.label as string).length > 0)).toBe(true);
    const actions = (reply.card as { actions: { verb: string; data: unknown }[] }).actions;
    expect(actions.map((a) => a.verb)).toEqual(['minutes.create', 'minutes.cancel']);
    expect(actions[0].data).toEqual({ hash: extract.contentHash });
    expect(Buffer.byteLength(JSON.stringify(reply.card))).toBeLessThan(28 * 1024);
  });

  itWithSeed('creates what the coordinator kept, with the edited date and owner; pressing Create again adds nothing', async () => {
    const deps = await demoDeps(get());
    const ctx = ctxOf('Alex Morgan');
    const reply = await previewCardForText(minutesSeed(), ctx, deps, { meetingDate: MEETING });
    const extract = parseMinutes(minutesSeed(), { meetingDate: MEETING, actions: [] });
    const [hate, webinar, report] = extract.followUps;
    const withActions = (await preview(deps, minutesSeed(), MEETING)).extract;
    const firstLink = withActions.activities.find((a) => a.matchedActionIds.length > 0)!;
    const data = {
      hash: extract.contentHash,
      [followUpInputIds(hate.key).include]: 'false',
      [followUpInputIds(webinar.key).due]: '2021-03-19',
      [followUpInputIds(report.key).owner]: 'Jo Whitfield',
      [followUpInputIds(report.key).due]: '2021-09-01',
      [linkInputId(firstLink.key, firstLink.matchedActionIds[0])]: 'false',
    };
    const verbs = minutesVerbs(deps);
    const outcome = await invoke(verbs, { verb: 'minutes.create', data, trigger: 'manual' }, ctx);
    expect(outcome.kind).toBe('card');
    const created = await new FollowUpRepo(deps.store, CHESTERFIELD).list();
    expect(created.map((f) => f.title).sort()).toEqual([report.title, webinar.title].sort());
    expect(created.find((f) => f.title === webinar.title)).toMatchObject({ dueDate: '2021-03-19', duePrecision: 'day' });
    expect(created.find((f) => f.title === report.title)).toMatchObject({ duePrecision: 'month', dueMonth: '2021-09', detail: 'Owner: Jo Whitfield' });
    expect(await new MinutesRepo(deps.store, CHESTERFIELD).evidenceFor('action', firstLink.matchedActionIds[0])).toEqual([]);
    expect(reply.card).toBeDefined();

    const again = await invoke(verbs, { verb: 'minutes.create', data, trigger: 'manual' }, ctx);
    expect(again.kind).toBe('card');
    expect(JSON.stringify((again as { card: CardJson }).card)).toMatch(/0 follow-ups created; 2 already existed/);
    expect(await new FollowUpRepo(deps.store, CHESTERFIELD).list()).toHaveLength(2);
  });

  itWithSeed('lets only coordinators preview or create, and a refresh only shows the card', async () => {
    const deps = await demoDeps(get());
    expect((await previewCardForText(minutesSeed(), ctxOf('Priya'), deps)).text).toMatch(/Only coordinators/);
    await previewCardForText(minutesSeed(), ctxOf('Alex Morgan'), deps, { meetingDate: MEETING });
    const hash = parseMinutes(minutesSeed()).contentHash;
    const verbs = minutesVerbs(deps);
    expect(await invoke(verbs, { verb: 'minutes.create', data: { hash }, trigger: 'manual' }, ctxOf('Dan'))).toMatchObject({ kind: 'error', status: 403 });
    expect(await invoke(verbs, { verb: 'minutes.create', data: { hash }, trigger: 'automatic' }, ctxOf('Alex Morgan'))).toMatchObject({ kind: 'card' });
    expect(await new FollowUpRepo(deps.store, CHESTERFIELD).list()).toEqual([]);
    const cancelled = await invoke(verbs, { verb: 'minutes.cancel', data: { hash }, trigger: 'manual' }, ctxOf('Alex Morgan'));
    expect(JSON.stringify(cancelled)).toMatch(/nothing was created/);
    expect(await new MinutesRepo(deps.store, CHESTERFIELD).counts()).toEqual({ documents: 0, paragraphs: 0, links: 0 });
    expect(await invoke(verbs, { verb: 'minutes.create', data: { hash: 'nope' }, trigger: 'manual' }, ctxOf('Alex Morgan'))).toMatchObject({ kind: 'error', status: 400 });
    expect(await invoke(verbs, { verb: 'minutes.create', data: { hash }, trigger: 'manual' }, ctxOf('Alex Morgan'))).toMatchObject({ kind: 'error', status: 404 });
  });

  it('answers pasted text that is not minutes by saying so, with no card', async () => {
    const deps = await demoDeps(get());
    const reply = await previewCardForText('Can you send me the ASB figures for Brimington please?', ctxOf('Alex Morgan'), deps);
    expect(reply.card).toBeUndefined();
    expect(reply.text).toMatch(/does not read as committee minutes/);
  });

  it('refuses a file over 5 MB with a clear message, before reading it', async () => {
    const deps = await demoDeps(get());
    const big = Buffer.alloc(MAX_MINUTES_BYTES + 1, 'a');
    const reply = await previewCardForFile('minutes.txt', big, ctxOf('Alex Morgan'), deps);
    expect(reply.text).toMatch(/minutes\.txt is 5\.0 MB, over the 5 MB limit/);
    expect((await previewCardForText(big.toString('utf8'), ctxOf('Alex Morgan'), deps)).text).toMatch(/over the 5 MB limit/);
  });

  itWithSeed('reads minutes sent as a .docx attachment', async () => {
    const deps = await demoDeps(get());
    const reply = await previewCardForFile('minutes.docx', await docxOf(minutesSeed()), ctxOf('Alex Morgan'), deps);
    expect(reply.text).toMatch(/^Found 2 resolutions, 3 follow-ups/);
  });
});

describe('reading files of minutes', () => {
  itWithSeed('reads the text of a Word document so that it parses like the plain text', async () => {
    const text = await extractTextFromDocx(await docxOf(minutesSeed()));
    const fromDocx = parseMinutes(text, { meetingDate: MEETING });
    const fromText = parseMinutes(minutesSeed(), { meetingDate: MEETING });
    expect(fromDocx.resolutions.map((r) => r.text)).toEqual(fromText.resolutions.map((r) => r.text));
    expect(fromDocx.followUps.map((f) => [f.title, f.due])).toEqual(fromText.followUps.map((f) => [f.title, f.due]));
  });

  it('refuses other kinds of file and broken Word documents with a clear message', async () => {
    await expect(minutesTextFromFile('minutes.pdf', Buffer.from('%PDF-1.4'))).rejects.toThrow(/not a \.txt or \.docx file/);
    await expect(extractTextFromDocx(Buffer.from('not a zip'))).rejects.toThrow(/could not be read as a Word document/);
    await expect(extractTextFromDocx(Buffer.alloc(MAX_MINUTES_BYTES + 10))).rejects.toThrow(/over the 5 MB limit/);
  });
});

describeEachStore('importing minutes whose follow-ups were entered another way', (get) => {
  itWithSeed('links the demo\'s follow-ups of the same meeting instead of adding near-duplicates', async () => {
    const deps = await demoDeps(get());
    const { seedDemoFollowUps, DEMO_MEETING } = await import('../../../src/demo/followUps');
    await seedDemoFollowUps(deps.store, deps.clock);
    const before = await new FollowUpRepo(deps.store, CHESTERFIELD).list();
    const result = await importMinutes(deps, { text: minutesSeed(), meetingDate: DEMO_MEETING.date, actor: cli, channel: 'cli' });
    expect(result.followUpsCreated).toEqual([]);
    expect(result.followUpsExisting.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    expect(await new FollowUpRepo(deps.store, CHESTERFIELD).list()).toHaveLength(before.length);
    for (const f of before) expect(await new MinutesRepo(deps.store, CHESTERFIELD).evidenceFor('followup', f.id)).toHaveLength(1);
  });
});

describeEachStore('exempt actions in the Teams preview', (get) => {
  itWithSeed('are matched in a personal chat but never shown in a channel', async () => {
    const deps = await demoDeps(get());
    const exempt = (await import('../../../src/demo/actionPlan')).DEMO_ACTION_PLAN.find((a) => a.exempt)!;
    const personal = await previewCardForText(minutesSeed(), ctxOf('Alex Morgan', 'personal'), deps, { meetingDate: MEETING });
    expect(JSON.stringify(personal.card)).toContain(exempt.id);
    const channel = await previewCardForText(minutesSeed(), ctxOf('Alex Morgan', 'channel'), deps, { meetingDate: MEETING });
    expect(channel.card).toBeDefined();
    expect(JSON.stringify(channel.card)).not.toContain(exempt.id);
    expect(JSON.stringify(channel.card)).not.toContain(exempt.title);
  });
});
