import { ActionRepo } from '../../src/store/actionRepo';
import { applyEdit, Editor } from '../../src/features/actions/workflow';
import type { HistoryEntry } from '../../src/domain/actions/model';
import { describeEachStore } from '../support/stores';
import { anAction, COORDINATOR, LEAD } from '../support/actions';
import { CHESTERFIELD } from '../support/partnership';

const lead: Editor = { aadObjectId: LEAD.aadObjectId, name: LEAD.name, role: 'officer' };
const coordinator: Editor = { aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name, role: 'coordinator' };
const created = (id: string): HistoryEntry => ({ actionId: id, version: 1, at: '2021-01-01T09:00:00.000Z', actorAadObjectId: null, actorName: 'Loader', field: 'created', oldValue: null, newValue: 'x', note: null, channel: 'import' });

describeEachStore('ActionRepo', (get) => {
  test('an action is stored and read back field for field', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction({ source: { kind: 'resolution', meetingDate: '2021-03-09', minuteRef: '45(2)' }, committeeFlag: true, targetSlips: 2, ragOverride: 'amber', ragOverrideReason: 'why', classification: 'exempt' });
    expect(await repo.insertIfAbsent(a, [created(a.id)])).toBe(true);
    expect(await repo.get(a.id)).toEqual(a);
    expect(await repo.insertIfAbsent({ ...a, title: 'Other' }, [created(a.id)])).toBe(false);
    expect((await repo.get(a.id))?.title).toBe(a.title);
    expect(await repo.history(a.id)).toHaveLength(1);
  });

  test('a save lands with its history lines; a save at an old version changes nothing', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction();
    await repo.insertIfAbsent(a, [created(a.id)]);
    const r = applyEdit(a, { status: 'on_hold', statusNote: 'Paused.', update: 'Waiting.' }, lead, new Date('2021-08-16T09:00:00Z'), 'teams');
    if (!r.ok) throw new Error(r.message);
    expect(await repo.save(r.next, a.version, r.history)).toBe('saved');
    expect(await repo.get(a.id)).toMatchObject({ status: 'on_hold', version: 2, latestUpdate: { text: 'Waiting.' } });
    expect((await repo.history(a.id)).map((h) => [h.version, h.field])).toEqual([[1, 'created'], [2, 'status'], [2, 'latest_update']]);

    const late = applyEdit(a, { update: 'Stale view.' }, coordinator, new Date('2021-08-16T09:01:00Z'), 'teams');
    if (!late.ok) throw new Error(late.message);
    expect(await repo.save(late.next, a.version, late.history)).toBe('stale');
    expect(await repo.get(a.id)).toMatchObject({ version: 2, latestUpdate: { text: 'Waiting.' } });
    expect(await repo.history(a.id)).toHaveLength(3);
    expect((await repo.historyAfter(a.id, 1)).map((h) => h.field)).toEqual(['status', 'latest_update']);
  });

  test('saving an action that does not exist says so', async () => {
    const a = anAction({ version: 2 });
    expect(await new ActionRepo(get(), CHESTERFIELD).save(a, 1, [])).toBe('missing');
  });

  test('two concurrent saves of the same version: exactly one wins, and no history is lost or duplicated', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction();
    await repo.insertIfAbsent(a, [created(a.id)]);
    const at = new Date('2021-08-16T09:00:00Z');
    const one = applyEdit(a, { update: 'From the lead.' }, lead, at, 'teams');
    const two = applyEdit(a, { update: 'From the coordinator.' }, coordinator, at, 'teams');
    if (!one.ok || !two.ok) throw new Error('edit refused');
    const results = await Promise.all([repo.save(one.next, 1, one.history), repo.save(two.next, 1, two.history)]);
    expect([...results].sort()).toEqual(['saved', 'stale']);
    const winner = results[0] === 'saved' ? 'From the lead.' : 'From the coordinator.';
    expect(await repo.get(a.id)).toMatchObject({ version: 2, latestUpdate: { text: winner } });
    const updates = (await repo.history(a.id)).filter((h) => h.field === 'latest_update');
    expect(updates.map((h) => h.newValue)).toEqual([winner]);
  });

  test('history since a date and the most recent entries', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    const a = anAction();
    await repo.insertIfAbsent(a, [created(a.id)]);
    let cur = a;
    for (const [i, day] of ['2021-02-27', '2021-03-01', '2021-03-05'].entries()) {
      const r = applyEdit(cur, { update: `Update ${i}` }, lead, new Date(`${day}T10:00:00Z`), 'teams');
      if (!r.ok) throw new Error(r.message);
      expect(await repo.save(r.next, cur.version, r.history)).toBe('saved');
      cur = r.next;
    }
    expect((await repo.historySince('2021-03-01')).map((h) => h.newValue)).toEqual(['Update 1', 'Update 2']);
    expect((await repo.recentHistory(a.id, 2)).map((h) => h.newValue)).toEqual(['Update 2', 'Update 1']);
  });

  test('refused attempts are written to the audit log', async () => {
    const repo = new ActionRepo(get(), CHESTERFIELD);
    await repo.audit('action.refused', MEMBER_ID, { verb: 'action.save' }, new Date('2021-08-16T09:00:00Z'));
    expect(await repo.auditEvents('action.')).toEqual([{ at: '2021-08-16T09:00:00.000Z', actor: MEMBER_ID, event: 'action.refused', detail: { verb: 'action.save' } }]);
  });
});

const MEMBER_ID = '55555555-5555-4555-8555-555555555555';
