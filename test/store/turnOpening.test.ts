import { sql } from 'kysely';
import { describeEachStore } from '../support/stores';
import { TurnOpening, type TurnOpeningInput } from '../../src/store/turnOpening';
import { TurnStateRepo } from '../../src/store/turnStateRepo';
import { ConversationRepo } from '../../src/store/conversationRepo';
import { bumpDataVersion, readDataVersion } from '../../src/store/dataVersions';
import { inTransaction } from '../../src/store/db';
import { AuditLog } from '../../src/store/auditLog';
import { ProcessedActivities } from '../../src/store/activityLog';

const NOW = new Date('2021-08-16T09:00:00Z');
const state = { conversationKey: 'tenant-1|a:personal-1', personId: 'aad-a' };
const reference = {
  tenantId: 'tenant-1',
  conversationId: 'a:personal-1',
  conversationType: 'personal' as const,
  serviceUrl: 'https://smba.example/',
  teamId: null,
  channelId: null,
  userAadObjectId: 'aad-a',
  reference: { conversation: { id: 'a:personal-1' } },
};

/** A turn of person aad-a in their personal chat, as it opens. */
const input = (activityId: string | undefined, at = NOW, extra: Partial<TurnOpeningInput> = {}): TurnOpeningInput => ({ activityId, at, state, reference, ...extra });

describeEachStore("a turn's opening", (store, dialect) => {
  test('an activity is opened once, even when two instances race for it', async () => {
    const other = store().openAnother();
    try {
      const opens = await Promise.all([
        new TurnOpening(store()).open(input('m1')),
        new TurnOpening(other).open(input('m1')),
        new TurnOpening(store()).open(input('m1')),
      ]);
      expect(opens.filter((o) => o.firstSeen)).toHaveLength(1);
      expect((await new TurnOpening(other).open(input('m2'))).firstSeen).toBe(true);
    } finally {
      await other.close();
    }
  });

  test('an activity without an id (which Teams cannot re-deliver) is always answered', async () => {
    const opening = new TurnOpening(store());
    expect((await opening.open(input(undefined))).firstSeen).toBe(true);
    expect((await opening.open(input(undefined))).firstSeen).toBe(true);
    expect(await store().db.selectFrom('processed_activity').selectAll().execute()).toEqual([]);
  });

  test('a first delivery reads the data versions, the turn state and whether the stored reference is current', async () => {
    const opening = new TurnOpening(store());
    const empty = await opening.open(input('m1'));
    expect(empty).toEqual({ firstSeen: true, version: await readDataVersion(store()), slots: {}, referenceCurrent: false });

    await inTransaction(store(), (trx) => bumpDataVersion(trx, 'roles'));
    await new TurnStateRepo(store(), { minutes: 30 }).save(state, { ask: { at: NOW.toISOString() } }, NOW);
    await new ConversationRepo(store()).upsertActive(reference, NOW);
    const later = new Date(NOW.getTime() + 60_000);
    const opened = await opening.open(input('m2', later));
    expect(opened).toEqual({ firstSeen: true, version: await readDataVersion(store()), slots: { ask: { at: NOW.toISOString() } }, referenceCurrent: true });
    expect(opened.firstSeen && opened.version.roles).not.toBe(empty.firstSeen && empty.version.roles);

    // Expired state reads as none; another person's is not theirs.
    expect(await opening.open(input('m3', new Date(NOW.getTime() + 31 * 60_000)))).toMatchObject({ slots: {} });
    expect(await opening.open(input('m4', NOW, { state: { ...state, personId: 'aad-b' } }))).toMatchObject({ slots: {} });
  });

  test('a reference that changed, was made inactive or was last refreshed a day ago is not current', async () => {
    const opening = new TurnOpening(store());
    const repo = new ConversationRepo(store());
    await repo.upsertActive(reference, NOW);
    expect(await opening.open(input('m1'))).toMatchObject({ referenceCurrent: true });
    expect(await opening.open(input('m2', NOW, { reference: { ...reference, serviceUrl: 'https://smba.example/emea/' } }))).toMatchObject({ referenceCurrent: false });
    expect(await opening.open(input('m3', NOW, { reference: { ...reference, teamId: 'team-1' } }))).toMatchObject({ referenceCurrent: false });
    expect(await opening.open(input('m4', new Date(NOW.getTime() + 86_400_001)))).toMatchObject({ referenceCurrent: false });
    await repo.markInactive('tenant-1|a:personal-1', 'bot removed', NOW);
    expect(await opening.open(input('m5'))).toMatchObject({ referenceCurrent: false });
  });

  if (dialect === 'postgres') {
    test('a connection that has lost its named statements (as behind a pooler) still opens turns', async () => {
      const opening = new TurnOpening(store());
      expect(await opening.open(input('m1'))).toMatchObject({ firstSeen: true });
      // The pool hands back the connection it last used: its statements go, as a pooler would lose them.
      await sql`deallocate all`.execute(store().db);
      expect(await opening.open(input('m2'))).toMatchObject({ firstSeen: true });
      expect(await opening.open(input('m2'))).toEqual({ firstSeen: false });
    });

    test('the opening and the turn state commit without waiting for a disk flush; nothing else on the connection does', async () => {
      const s = store();
      await new TurnOpening(s).open(input('m1'));
      await new TurnStateRepo(s).save(state, { ask: {} }, NOW);
      await new ProcessedActivities(s).firstSeen('m2', NOW);
      // Whichever pooled connection answers, data writes commit as configured.
      const settings = await Promise.all(Array.from({ length: 5 }, () => sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(s.db)));
      expect(settings.map((r) => r.rows[0].synchronous_commit)).toEqual(Array(5).fill('on'));
      await new AuditLog(s).record('test.event', 'aad-a', {}, NOW);
      expect(await new AuditLog(s).events('test.')).toHaveLength(1);
    });
  }
});
