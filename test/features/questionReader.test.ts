import { questionReader } from '../../src/features/questionReader';
import { CrimeQueries } from '../../src/features/crime/queries';
import { CrimeRepo } from '../../src/store/crimeRepo';
import { ActionRepo } from '../../src/store/actionRepo';
import { anAction } from '../support/actions';
import { openDemoDeps } from '../support/demoStore';
import { CHESTERFIELD } from '../support/partnership';

type Deps = Awaited<ReturnType<typeof openDemoDeps>>;

describe('questionReader', () => {
  let deps: Deps;
  let read: ReturnType<typeof questionReader>;

  beforeAll(async () => {
    deps = await openDemoDeps();
    const queries = new CrimeQueries(new CrimeRepo(deps.store), deps.pack, { suppressionThreshold: 5 });
    read = questionReader(deps.pack, () => queries.latestMonth());
  }, 60_000);
  afterAll(() => deps.cleanup());

  const at = new Date('2021-08-16T09:00:00Z');

  test('the same words asked again in the same minute are read once and shared, frozen', async () => {
    const version = await deps.snapshots.current();
    const a = await read('ASB trend in Rother ward', at, version);
    const b = await read('ASB trend in Rother ward', new Date('2021-08-16T09:00:40Z'), version);
    expect(b).toBe(a);
    expect(a).toMatchObject({ intent: 'crime.trend', area: { code: 'E05003337' } });
    expect(Object.isFrozen(a)).toBe(true);
  });

  test('relative dates are read against the time asked, not the time first read', async () => {
    const version = await deps.snapshots.current();
    const monday = await read('actions changed since yesterday', at, version);
    const tuesday = await read('actions changed since yesterday', new Date('2021-08-17T09:00:00Z'), version);
    expect(monday.actions?.changedSince).toBe('2021-08-15');
    expect(tuesday.actions?.changedSince).toBe('2021-08-16');
  });

  test('the plan’s lead officers are known by name: "Jo Whitfield’s actions" are hers', async () => {
    const q = await read("Jo Whitfield's actions", at, await deps.snapshots.current());
    expect(q).toMatchObject({ intent: 'actions.list', actions: { lead: 'Jo Whitfield' } });
  });

  test('a new action’s title is understood once the plan has changed', async () => {
    const before = await deps.snapshots.current();
    expect((await read('status of the Rother greenway lighting', at, before)).intent).not.toBe('action.detail');
    const fresh = anAction({ id: 'CSP-2021-91', title: 'Install lighting on the Rother greenway' });
    await new ActionRepo(deps.store, CHESTERFIELD).insertIfAbsent(fresh, [
      { actionId: fresh.id, version: 1, at: '2021-08-16T09:00:00.000Z', actorAadObjectId: null, actorName: 'Test', field: 'created', oldValue: null, newValue: fresh.title, note: null, channel: 'cli' },
    ]);
    const after = await read('status of the Rother greenway lighting', at, await deps.snapshots.current());
    expect(after).toMatchObject({ intent: 'action.detail' });
  });
});
