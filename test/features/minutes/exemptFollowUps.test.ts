import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describeEachStore, migrateUpTo, storeCases, type TestStore } from '../../support/stores';
import { ctxOf, demoDeps } from '../../support/actionsApp';
import { CHESTERFIELD } from '../../support/partnership';
import { importMinutes } from '../../../src/features/minutes/minutesApp';
import { answerFollowUps } from '../../../src/features/followups/followupsApp';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { migrate } from '../../../src/store/db';

/**
 * Follow-ups read from a Part 2 (exempt) item of the minutes are exempt themselves: they are
 * listed only in a private chat, never in a channel, however they reached the store.
 */

const part2Minutes = readFileSync(join(__dirname, 'fixtures', 'part2-exempt.txt'), 'utf8');
const clerk = { id: 'aad-clerk', name: 'Committee clerk' };
const listAll = { intent: 'followups.list' as const, text: 'follow-ups', followups: { scope: 'all' as const } };

describeEachStore('follow-ups from exempt minutes items', (get) => {
  it('are exempt, and a channel lists only the public ones', async () => {
    const deps = await demoDeps(get());
    const result = await importMinutes(deps, { text: part2Minutes, actor: clerk, channel: 'cli' });
    expect(result.followUpsCreated.length).toBeGreaterThan(0);
    const stored = await new FollowUpRepo(deps.store, CHESTERFIELD).list();
    const closure = stored.find((f) => /closure order/i.test(f.source.text ?? ''));
    expect(closure?.classification).toBe('exempt');
    expect(stored.filter((f) => !/closure order/i.test(f.source.text ?? '')).every((f) => f.classification === 'public')).toBe(true);

    const inChannel = await answerFollowUps(listAll, ctxOf('Alex Morgan', 'channel'), deps);
    expect(inChannel.text).not.toMatch(/closure/i);
    const privately = await answerFollowUps(listAll, ctxOf('Alex Morgan', 'personal'), deps);
    expect(privately.followups?.map((f) => f.id)).toContain(closure?.id);
  });
});

for (const c of storeCases()) {
  describe(`a store holding follow-ups imported from exempt items before they were marked [${c.name}]`, () => {
    let store: TestStore | undefined;
    afterEach(async () => store?.close());

    test('marks them exempt when migrated, and nothing else', async () => {
      store = await c.openUnmigrated();
      await migrateUpTo(store, '015_ward_totals');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const db = store.db as unknown as Kysely<any>;
      const t = '2024-04-02T10:00:00.000Z';
      const row = (id: string, detail: string | null, sourceKey: string | null, sourceKind = 'resolution') => ({
        ...{ id, title: `Follow-up ${id}`, detail, due_date: '2024-05-01', due_precision: 'day', status: 'open', source_kind: sourceKind, source_key: sourceKey },
        ...{ partnership: CHESTERFIELD, created_at: t, created_by: 'x', updated_at: t },
      });
      await db
        .insertInto('follow_up')
        .values([
          row('FU-PART2', 'Owner: Legal Services Manager Exempt (Part 2) item.', 'minutes:abc:fu:2'),
          row('FU-PUBLIC', 'Owner: Licensing Manager', 'minutes:abc:fu:1'),
          // Typed in chat by someone quoting the words: not read from minutes, so not the importer's note.
          row('FU-CHAT', 'Said to be an Exempt (Part 2) item.', null, 'chat'),
        ])
        .execute();
      expect(await migrate(store)).toContain('016_exempt_follow_ups');
      const classes = Object.fromEntries((await new FollowUpRepo(store, CHESTERFIELD).list()).map((f) => [f.id, f.classification]));
      expect(classes).toEqual({ 'FU-PART2': 'exempt', 'FU-PUBLIC': 'public', 'FU-CHAT': 'public' });
    });
  });
}
