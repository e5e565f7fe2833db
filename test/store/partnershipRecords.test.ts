import { Kysely } from 'kysely';
import { describeEachStore, migrateUpTo, storeCases, TestStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';
import { neighbourPack } from '../support/neighbourPack';
import { anAction } from '../support/actions';
import { migrate } from '../../src/store/db';
import { ActionRepo } from '../../src/store/actionRepo';
import { FollowUpRepo, NewFollowUp } from '../../src/store/followUpRepo';
import { MinutesRepo } from '../../src/store/minutesRepo';
import { ReportDraftRepo, draftByToken } from '../../src/store/reportDraftRepo';
import { PersonRepo } from '../../src/store/personRepo';
import { ReminderRepo, storedSendKey } from '../../src/store/reminderRepo';
import { PartnershipRepo } from '../../src/store/partnershipRepo';
import { adoptLegacyPartnership } from '../../src/store/partnershipAdoption';
import { sendKey } from '../../src/domain/followups/schedule';

const BOLSOVER = neighbourPack.district.code;
const at = new Date('2024-04-02T10:00:00Z');

function followUp(title: string, sourceKey: string): NewFollowUp {
  return {
    title,
    dueDate: '2024-05-01',
    duePrecision: 'day',
    source: { kind: 'request', meetingDate: '2024-03-14', meetingTitle: null, minuteRef: null, text: null },
    sourceKey,
    recipients: [{ kind: 'user', target: 'aad-alex', label: 'Alex', role: 'owner' }],
  };
}

describeEachStore('two partnerships in one store', (store) => {
  test('keep their own plans, even under the same action ids, with their own history', async () => {
    const chesterfield = new ActionRepo(store(), CHESTERFIELD);
    const bolsover = new ActionRepo(store(), BOLSOVER);
    expect(await chesterfield.insertIfAbsent(anAction({ id: '2024-25/1', title: 'Town centre CCTV' }), [])).toBe(true);
    expect(await bolsover.insertIfAbsent(anAction({ id: '2024-25/1', title: 'Shirebrook patrols' }), [])).toBe(true);
    const next = { ...anAction({ id: '2024-25/1', title: 'Shirebrook patrols on Fridays' }), version: 2 };
    const line = { actionId: '2024-25/1', version: 2, at: at.toISOString(), actorAadObjectId: null, actorName: 'Test', field: 'title' as const, oldValue: 'Shirebrook patrols', newValue: next.title, note: null, channel: 'cli' as const };
    expect(await bolsover.save(next, 1, [line])).toBe('saved');
    expect((await chesterfield.list()).map((a) => [a.title, a.version])).toEqual([['Town centre CCTV', 1]]);
    expect((await bolsover.list()).map((a) => [a.title, a.version])).toEqual([['Shirebrook patrols on Fridays', 2]]);
    expect(await chesterfield.history('2024-25/1')).toEqual([]);
    expect((await bolsover.history('2024-25/1')).map((h) => h.newValue)).toEqual(['Shirebrook patrols on Fridays']);
    // A save against the other partnership's version of the id finds its own action, not the other's.
    expect(await chesterfield.save({ ...next, title: 'Stale' }, 1, [])).toBe('saved');
    expect((await bolsover.get('2024-25/1'))?.title).toBe('Shirebrook patrols on Fridays');
  });

  test('keep their own follow-ups, and the same minutes imported by both are two documents', async () => {
    const chesterfield = new FollowUpRepo(store(), CHESTERFIELD);
    const bolsover = new FollowUpRepo(store(), BOLSOVER);
    // The same county minutes give both partnerships the same source key.
    const mine = (await chesterfield.create(followUp('Chesterfield figures', 'minutes:abc:fu:1'), at, 'test', 'cli')).followUp;
    const theirs = await bolsover.create(followUp('Bolsover figures', 'minutes:abc:fu:1'), at, 'test', 'cli');
    expect(theirs.created).toBe(true);
    expect((await chesterfield.list()).map((f) => f.title)).toEqual(['Chesterfield figures']);
    expect((await bolsover.list()).map((f) => f.title)).toEqual(['Bolsover figures']);
    expect(await bolsover.get(mine.id)).toBeUndefined();
    expect((await bolsover.setStatus(mine.id, 'done', null, 'test', at, 'cli')).kind).toBe('not-found');
    expect((await chesterfield.get(mine.id))?.status).toBe('open');
    expect((await bolsover.history(mine.id)).length).toBe(0);
    expect(await new PartnershipRepo(store()).withRecords()).toEqual([BOLSOVER, CHESTERFIELD].sort());

    const doc = { contentHash: 'a'.repeat(64), title: 'County board', meetingDate: '2024-03-14', sourceName: 'board.txt', paragraphs: [{ index: 1, text: 'Resolved.', kind: 'resolved' as const, marker: null }], resolutions: [] };
    const a = await new MinutesRepo(store(), CHESTERFIELD).saveDocument(doc, at, 'test');
    const b = await new MinutesRepo(store(), BOLSOVER).saveDocument(doc, at, 'test');
    expect([a.created, b.created]).toEqual([true, true]);
    expect(a.document.id).not.toBe(b.document.id);
    expect(await new MinutesRepo(store(), BOLSOVER).paragraphs(a.document.id)).toEqual([]);
    expect(await new MinutesRepo(store(), BOLSOVER).deleteIfUnlinked(a.document.id)).toBe(false);
    expect((await new MinutesRepo(store(), CHESTERFIELD).list()).map((d) => d.id)).toEqual([a.document.id]);
  });

  test("a report draft is its partnership's in a conversation, and anyone's through its link", async () => {
    const draft = { token: 'token-0123456789abcdef', title: 'Draft', html: '<p>x</p>', docx: Buffer.from('x'), createdBy: 'aad', createdAt: at.toISOString(), expiresAt: '2024-04-09T10:00:00.000Z' };
    await new ReportDraftRepo(store(), BOLSOVER).save(draft);
    expect(await new ReportDraftRepo(store(), CHESTERFIELD).get(draft.token, at)).toBeUndefined();
    expect((await new ReportDraftRepo(store(), BOLSOVER).get(draft.token, at))?.title).toBe('Draft');
    expect((await draftByToken(store(), draft.token, at))?.title).toBe('Draft');
  });

  test('a partnership is named by its district code', () => {
    expect(() => new ActionRepo(store(), '')).toThrow(/district code/);
    expect(() => new FollowUpRepo(store(), 'Bolsover')).toThrow(/district code/);
  });
});

const LEGACY_KEY = sendKey('followup', 'FU-OLD', '2024-04-17T08:00:00.000Z', 'user', 'aad-alex');

/** What a one-partnership store held before migration 013: no partnership anywhere. */
async function writeLegacyRecords(store: TestStore): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = store.db as unknown as Kysely<any>;
  const t = at.toISOString();
  await db
    .insertInto('action_item')
    .values({
      ...{ id: 'CSP-1', plan: '2023–24', theme: 'ASB', title: 'Old plan action', description: 'd', lead_name: 'Nia Evans', lead_agency: 'Council' },
      ...{ partners_json: '[]', wards_json: '[]', status: 'in_progress', success_measure: 's', source_kind: 'plan', classification: 'public' },
      ...{ version: 1, created_at: t, updated_at: t },
    })
    .execute();
  await db.insertInto('action_history').values({ action_id: 'CSP-1', version: 1, at: t, actor_name: 'Import', field: 'created', channel: 'import' }).execute();
  await db.insertInto('plan_person').values({ name: 'Nia Evans', name_key: 'nia evans', created_at: t }).execute();
  await db
    .insertInto('follow_up')
    .values({ id: 'FU-OLD', title: 'Old follow-up', due_date: '2024-05-01', due_precision: 'day', status: 'open', source_kind: 'request', source_key: 'minutes:abc:fu:1', created_at: t, created_by: 'x', updated_at: t })
    .execute();
  await db.insertInto('follow_up_recipient').values({ follow_up_id: 'FU-OLD', kind: 'user', target: 'aad-alex', role: 'owner' }).execute();
  await db.insertInto('follow_up_history').values({ follow_up_id: 'FU-OLD', at: t, actor: 'x', field: 'created', channel: 'cli' }).execute();
  const doc = await db.insertInto('minutes_document').values({ content_hash: 'b'.repeat(64), title: 'Old minutes', paragraph_count: 1, imported_at: t, imported_by: 'x' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('minutes_paragraph').values({ document_id: doc.id, idx: 1, kind: 'resolved', text: 'Resolved to report.' }).execute();
  await db.insertInto('minutes_link').values({ document_id: doc.id, paragraph_idx: 1, item_key: 'fu:1', target_kind: 'followup', target_id: 'FU-OLD', created_at: t, created_by: 'x' }).execute();
  await db.insertInto('report_draft').values({ token: 'old-token-0123456789', title: 'Old draft', html: '<p/>', docx_base64: '', created_by: 'x', created_at: t, expires_at: '2024-04-09T10:00:00.000Z' }).execute();
  await db
    .insertInto('reminder')
    .values({ send_key: LEGACY_KEY, item_kind: 'followup', item_id: 'FU-OLD', stage: 'before-14', fire_at: '2024-04-17T08:00:00.000Z', recipient_kind: 'user', recipient: 'aad-alex', state: 'pending', created_at: t, updated_at: t })
    .execute();
  await db.insertInto('app_meta').values([{ key: 'demo_actions', value: t }, { key: 'followups.committeeConversationKey', value: 'tenant|19:committee' }]).execute();
}

for (const c of storeCases()) {
  describe(`a store written before partnerships [${c.name}]`, () => {
    let store: TestStore | undefined;
    afterEach(async () => store?.close());

    test('is adopted by the default partnership after migrating: once, wholly, and keeping every reminder planned', async () => {
      store = await c.openUnmigrated();
      await migrateUpTo(store, '012_districts', at);
      await writeLegacyRecords(store);
      expect(await migrate(store)).toContain('013_partnerships');

      expect(await adoptLegacyPartnership(store, CHESTERFIELD)).toBe(true);
      expect(await adoptLegacyPartnership(store, CHESTERFIELD)).toBe(false);

      const plan = new ActionRepo(store, CHESTERFIELD);
      expect((await plan.list()).map((a) => a.title)).toEqual(['Old plan action']);
      expect((await plan.history('CSP-1')).map((h) => h.field)).toEqual(['created']);
      expect(await plan.isDemo()).toBe(true);
      expect(await new ActionRepo(store, BOLSOVER).list()).toEqual([]);
      expect(await new PersonRepo(store).unlinkedPlanPeople(CHESTERFIELD)).toEqual([{ name: 'Nia Evans', email: null }]);

      const followUps = new FollowUpRepo(store, CHESTERFIELD);
      expect((await followUps.get('FU-OLD'))?.recipients.map((r) => r.target)).toEqual(['aad-alex']);
      expect((await followUps.history('FU-OLD')).map((h) => h.field)).toEqual(['created']);
      // The importer finds it again by its source key: importing the same minutes adds nothing.
      expect((await followUps.create(followUp('Old follow-up', 'minutes:abc:fu:1'), at, 'x', 'cli')).created).toBe(false);

      const minutes = new MinutesRepo(store, CHESTERFIELD);
      const doc = await minutes.findByHash('b'.repeat(64));
      expect(doc?.title).toBe('Old minutes');
      expect((await minutes.evidenceFor('followup', 'FU-OLD')).map((e) => e.text)).toEqual(['Resolved to report.']);
      expect((await new ReportDraftRepo(store, CHESTERFIELD).get('old-token-0123456789', at))?.title).toBe('Old draft');

      const reminders = new ReminderRepo(store);
      expect((await reminders.list()).map((r) => [r.partnership, r.sendKey])).toEqual([[CHESTERFIELD, storedSendKey(CHESTERFIELD, LEGACY_KEY)]]);
      const draft = { sendKey: LEGACY_KEY, itemKind: 'followup' as const, itemId: 'FU-OLD', stage: 'before-14', fireAt: '2024-04-17T08:00:00.000Z', recipientKind: 'user' as const, recipient: 'aad-alex', escalation: false };
      expect(await reminders.plan([draft], at, CHESTERFIELD)).toBe(0);
      expect(await reminders.committeeChannel(CHESTERFIELD)).toBe('tenant|19:committee');

      // The same ids are free for another partnership now.
      expect(await new ActionRepo(store, BOLSOVER).insertIfAbsent(anAction({ id: 'CSP-1' }), [])).toBe(true);
    });
  });
}
