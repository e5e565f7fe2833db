import { versionsOfTurn } from '../../src/features/turnVersions';
import type { RequestContext } from '../../src/core/turn';
import { bumpDataVersion } from '../../src/store/dataVersions';
import { inTransaction } from '../../src/store/db';
import { describeEachStore } from '../support/stores';
import { oneTurnState } from '../../src/core/turnState';

const turn = (): RequestContext => ({
  actor: { aadObjectId: 'u', name: 'U', role: 'member' },
  conversation: { key: 't|c', id: 'c', tenantId: 't', type: 'personal' },
  now: new Date('2021-08-16T09:00:00Z'),
  correlationId: 'test',
  state: oneTurnState(new Date('2021-08-16T09:00:00Z')),
});

describeEachStore('versionsOfTurn', (get) => {
  test('one turn sees one state even when the data changes part-way; the next turn sees the change', async () => {
    const first = turn();
    const before = await versionsOfTurn(get(), first);
    await inTransaction(get(), (trx) => bumpDataVersion(trx, 'plan'));
    expect(await versionsOfTurn(get(), first)).toEqual(before);
    const next = await versionsOfTurn(get(), turn());
    expect(next.plan).not.toBe(before.plan);
    expect(next.crime).toBe(before.crime);
  });
});
