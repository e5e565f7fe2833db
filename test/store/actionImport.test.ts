import { ActionRepo } from '../../src/store/actionRepo';
import { describeEachStore } from '../support/stores';
import { anAction } from '../support/actions';
import { dumpPlanTables } from '../support/trackers';
import type { HistoryEntry } from '../../src/domain/actions/model';
import { CHESTERFIELD } from '../support/partnership';

const at = new Date('2024-11-20T10:00:00Z');

function created(id: string): HistoryEntry {
  return { actionId: id, version: 1, at: at.toISOString(), actorAadObjectId: null, actorName: 'Tracker import', field: 'created', oldValue: null, newValue: id, note: null, channel: 'import' };
}

describeEachStore('ActionRepo.applyImport', (get) => {
  test('everything lands together: people, new actions, updates with history, one audit line', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    await repo.insertIfAbsent(anAction({ id: 'OLD-1' }), [created('OLD-1')]);
    const old = (await repo.get('OLD-1'))!;
    const next = { ...old, title: 'Renamed', version: 2 };
    const r = await repo.applyImport({
      at,
      actor: 'Tracker import',
      people: [{ name: 'Nia Evans', nameKey: 'nia evans', email: null }],
      inserts: [{ item: anAction({ id: 'NEW-1' }), history: [created('NEW-1')] }],
      updates: [{ next, expectedVersion: 1, history: [{ ...created('OLD-1'), version: 2, field: 'title', oldValue: old.title, newValue: 'Renamed' }] }],
      detail: { file: 'plan.xlsx' },
    });
    expect(r).toBe('applied');
    expect((await repo.get('OLD-1'))?.title).toBe('Renamed');
    expect(await repo.count()).toBe(2);
    expect((await repo.history('OLD-1')).map((h) => h.field)).toEqual(['created', 'title']);
    expect(await repo.auditEvents('actions.import')).toEqual([expect.objectContaining({ actor: 'Tracker import', detail: { partnership: CHESTERFIELD, file: 'plan.xlsx' } })]);
  });

  test('an action saved meanwhile makes the whole import stale: nothing is written', async () => {
    const store = get();
    const repo = new ActionRepo(store, CHESTERFIELD);
    await repo.insertIfAbsent(anAction({ id: 'OLD-1' }), [created('OLD-1')]);
    const before = await dumpPlanTables(store);
    const old = (await repo.get('OLD-1'))!;
    const r = await repo.applyImport({
      at,
      actor: 'Tracker import',
      people: [{ name: 'Nia Evans', nameKey: 'nia evans', email: null }],
      inserts: [{ item: anAction({ id: 'NEW-1' }), history: [created('NEW-1')] }],
      // Planned on version 0: someone else's save came first.
      updates: [{ next: { ...old, title: 'Renamed', version: 1 }, expectedVersion: 0, history: [] }],
      detail: {},
    });
    expect(r).toBe('stale');
    expect(await dumpPlanTables(store)).toBe(before);
  });
});
