import { planOfTurn } from '../../../src/features/actions/planSnapshot';
import type { RequestContext } from '../../../src/core/turn';
import type { HistoryEntry } from '../../../src/domain/actions/model';
import { ActionRepo } from '../../../src/store/actionRepo';
import { describeEachStore } from '../../support/stores';
import { anAction } from '../../support/actions';
import { oneTurnState } from '../../../src/core/turnState';

const turn = (): RequestContext => ({
  actor: { aadObjectId: 'u', name: 'U', role: 'member' },
  conversation: { key: 't|c', id: 'c', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-16T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
});
const entry = (id: string, version: number): HistoryEntry => ({ actionId: id, version, at: '2021-08-16T09:00:00.000Z', actorAadObjectId: null, actorName: 'Test', field: version === 1 ? 'created' : 'status', oldValue: null, newValue: 'x', note: null, channel: 'cli' });

describeEachStore('planOfTurn', (get) => {
  test('turns at the same plan version share one plan, which no answer can change', async () => {
    const repo = new ActionRepo(get());
    await repo.insertIfAbsent(anAction(), [entry('CSP-TEST-01', 1)]);
    const a = await planOfTurn(get(), turn());
    const b = await planOfTurn(get(), turn());
    expect(b).toBe(a);
    expect(a.items.map((i) => i.id)).toEqual(['CSP-TEST-01']);
    expect(a.demo).toBe(false);
    expect(() => {
      (a.items[0] as { status: string }).status = 'completed';
    }).toThrow(TypeError);
  });

  test('a saved change, a new action and the demo mark are in the next turn’s plan', async () => {
    const repo = new ActionRepo(get());
    await repo.insertIfAbsent(anAction(), [entry('CSP-TEST-01', 1)]);
    await planOfTurn(get(), turn());
    await repo.save({ ...anAction(), status: 'on_hold', version: 2 }, 1, [entry('CSP-TEST-01', 2)]);
    expect((await planOfTurn(get(), turn())).items[0].status).toBe('on_hold');
    await repo.insertIfAbsent(anAction({ id: 'CSP-TEST-02' }), [entry('CSP-TEST-02', 1)]);
    expect((await planOfTurn(get(), turn())).items.map((i) => i.id)).toEqual(['CSP-TEST-01', 'CSP-TEST-02']);
    await repo.markDemo(new Date('2021-08-16T09:00:00Z'));
    expect((await planOfTurn(get(), turn())).demo).toBe(true);
  });
});
