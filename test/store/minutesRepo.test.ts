import { describeEachStore } from '../support/stores';
import { MinutesRepo, storeInTransaction } from '../../src/store/minutesRepo';
import { FollowUpRepo } from '../../src/store/followUpRepo';
import { inTransaction } from '../../src/store/db';
import { contentHashOf, splitParagraphs } from '../../src/features/minutes/normalise';
import { CHESTERFIELD } from '../support/partnership';

const AT = new Date('2022-05-10T10:00:00Z');
const paragraphs = splitParagraphs('Minutes:\n\nThe officer presented the report.\n\nRESOLVED –\n\n(1) That the report be noted.\n\n(2) That a review be circulated to Members in July 2022.');
const doc = {
  contentHash: contentHashOf(paragraphs),
  title: 'Community safety update',
  meetingDate: '2022-05-09',
  sourceName: 'minutes.txt',
  paragraphs,
  resolutions: [
    { number: 1, paragraph: 4 },
    { number: 2, paragraph: 5 },
  ],
};

describeEachStore('minutes documents', (get) => {
  it('stores a document with every paragraph in order, and finds it again by its hash', async () => {
    const repo = new MinutesRepo(get(), CHESTERFIELD);
    const first = await repo.saveDocument(doc, AT, 'tester');
    expect(first.created).toBe(true);
    expect(first.document).toMatchObject({ contentHash: doc.contentHash, meetingDate: '2022-05-09', paragraphCount: 5, importedAt: AT.toISOString() });
    const again = await repo.saveDocument(doc, AT, 'tester');
    expect(again).toEqual({ document: first.document, created: false });
    const stored = await repo.paragraphs(first.document.id);
    expect(stored.map((p) => [p.index, p.kind, p.text])).toEqual(paragraphs.map((p) => [p.index, p.kind, p.text]));
    expect(stored.filter((p) => p.marker).map((p) => p.marker)).toEqual(['(1)', '(2)']);
    expect(await repo.counts()).toEqual({ documents: 1, paragraphs: 5, links: 0 });
  });

  it('links an item to a paragraph once, and gives the paragraph back as its evidence', async () => {
    const repo = new MinutesRepo(get(), CHESTERFIELD);
    const { document } = await repo.saveDocument(doc, AT, 'tester');
    expect(await repo.link({ documentId: document.id, paragraph: 5, itemKey: 'fu:5:0', targetKind: 'followup', targetId: 'FU-1' }, AT, 'tester')).toBe(true);
    expect(await repo.link({ documentId: document.id, paragraph: 5, itemKey: 'fu:5:0', targetKind: 'followup', targetId: 'FU-1' }, AT, 'tester')).toBe(false);
    const evidence = await repo.evidenceFor('followup', 'FU-1');
    expect(evidence).toEqual([expect.objectContaining({ paragraph: 5, text: paragraphs[4].text, documentTitle: 'Community safety update', meetingDate: '2022-05-09' })]);
  });

  it('refuses a link to a paragraph that is not stored: no evidence without its location', async () => {
    const repo = new MinutesRepo(get(), CHESTERFIELD);
    const { document } = await repo.saveDocument(doc, AT, 'tester');
    // better-sqlite3's errors can come from another test file's realm, so match the message, not the class.
    const failure = await repo.link({ documentId: document.id, paragraph: 99, itemKey: 'x', targetKind: 'action', targetId: 'A-1' }, AT, 'tester').then(
      () => 'linked',
      (err: { message?: string }) => String(err?.message),
    );
    expect(failure).toMatch(/foreign key/i);
  });

  it('lets another repository write inside the same transaction, all of it undone on failure', async () => {
    const store = get();
    await expect(
      inTransaction(store, async (trx) => {
        const scoped = storeInTransaction(store, trx);
        await new MinutesRepo(scoped, CHESTERFIELD).saveDocument(doc, AT, 'tester');
        await new FollowUpRepo(scoped, CHESTERFIELD).create(
          { title: 'Circulate the review', dueDate: '2022-07-01', duePrecision: 'month', dueMonth: '2022-07', source: { kind: 'resolution', meetingDate: '2022-05-09', meetingTitle: null, minuteRef: null, text: null }, sourceKey: 'k1', recipients: [] },
          AT,
          'tester',
          'cli',
        );
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await new MinutesRepo(store, CHESTERFIELD).counts()).toEqual({ documents: 0, paragraphs: 0, links: 0 });
    expect(await new FollowUpRepo(store, CHESTERFIELD).list()).toEqual([]);
  });
});
