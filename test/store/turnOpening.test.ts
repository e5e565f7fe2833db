import { sql } from 'kysely';
import { describeEachStore } from '../support/stores';
import { TurnOpening } from '../../src/store/turnOpening';
import { TurnStateRepo } from '../../src/store/turnStateRepo';
import { ConversationRepo } from '../../src/store/conversationRepo';
import { bumpDataVersion, readDataVersion } from '../../src/store/dataVersions';
import { inTransaction } from '../../src/store/db';
import { AuditLog } from '../../src/store/auditLog';

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

describeEachStore("a message turn's opening", (store, dialect) => {
  test('an activity is opened once, even when two instances race for it', async () => {
    const other = store().openAnother();
    try {
      const opens = await Promise.all([
        new TurnOpening(store()).open({ activityId: 'm1', at: NOW, state }),
        new TurnOpening(other).open({ activityId: 'm1', at: NOW, state }),
        new TurnOpening(store()).open({ activityId: 'm1', at: NOW, state }),
      ]);
      expect(opens.filter((o) => o.firstSeen)).toHaveLength(1);
      expect((await new TurnOpening(other).open({ activityId: 'm2', at: NOW, state })).firstSeen).toBe(true);
    } finally {
      await other.close();
    }
  });

  test('an activity without an id (which Teams cannot re-deliver) is always answered', async () => {
    const opening = new TurnOpening(store());
    expect((await opening.open({ activityId: undefined, at: NOW, state })).firstSeen).toBe(true);
    expect((await opening.open({ activityId: undefined, at: NOW, state })).firstSeen).toBe(true);
    expect(await store().db.selectFrom('processed_activity').selectAll().execute()).toEqual([]);
  });

  test('it reads the data versions, the turn state and the stored reference as they are stored', async () => {
    const opening = new TurnOpening(store());
    const empty = await opening.open({ activityId: 'm1', at: NOW, state });
    expect(empty).toEqual({ firstSeen: true, version: await readDataVersion(store()), slots: {}, reference: null });

    await inTransaction(store(), (trx) => bumpDataVersion(trx, 'roles'));
    await new TurnStateRepo(store(), { minutes: 30 }).save(state, { ask: { at: NOW.toISOString() } }, NOW);
    await new ConversationRepo(store()).upsertActive(reference, NOW);
    const opened = await opening.open({ activityId: 'm2', at: new Date(NOW.getTime() + 60_000), state });
    expect(opened.version).toEqual(await readDataVersion(store()));
    expect(opened.version.roles).not.toBe(empty.version.roles);
    expect(opened.slots).toEqual({ ask: { at: NOW.toISOString() } });
    expect(opened.reference).toMatchObject({ service_url: 'https://smba.example/', user_aad_object_id: 'aad-a', updated_at: NOW.toISOString() });
    expect(Number(opened.reference?.active)).toBe(1);

    // Expired state reads as none; another person's is not theirs.
    expect((await opening.open({ activityId: 'm3', at: new Date(NOW.getTime() + 31 * 60_000), state })).slots).toEqual({});
    expect((await opening.open({ activityId: 'm4', at: NOW, state: { ...state, personId: 'aad-b' } })).slots).toEqual({});
  });

  if (dialect === 'postgres') {
    test('the opening and the turn state commit without waiting for a disk flush; nothing else on the connection does', async () => {
      const s = store();
      await new TurnOpening(s).open({ activityId: 'm1', at: NOW, state });
      await new TurnStateRepo(s).save(state, { ask: {} }, NOW);
      // Whichever pooled connection answers, data writes commit as configured.
      const settings = await Promise.all(Array.from({ length: 5 }, () => sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(s.db)));
      expect(settings.map((r) => r.rows[0].synchronous_commit)).toEqual(Array(5).fill('on'));
      await new AuditLog(s).record('test.event', 'aad-a', {}, NOW);
      expect(await new AuditLog(s).events('test.')).toHaveLength(1);
    });
  }
});
