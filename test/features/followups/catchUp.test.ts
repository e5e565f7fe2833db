import { planDeliveries, ResolvedDelivery } from '../../../src/features/followups/catchUp';

const now = new Date('2021-08-27T12:00:00Z');
const d = (id: number, conversationKey: string, fireAt: string, itemId = `FU-${id}`, itemKind: ResolvedDelivery['itemKind'] = 'followup'): ResolvedDelivery => ({
  id,
  partnership: 'E07000034',
  itemKind,
  itemId,
  stage: 'x',
  fireAt,
  conversationKey,
  escalation: false,
});

describe('catching up after downtime', () => {
  it('folds two or more missed reminders for one conversation into a summary, and sends timely ones singly', () => {
    const plan = planDeliveries(
      [d(1, 'alex', '2021-08-18T08:00:00.000Z'), d(2, 'alex', '2021-08-25T08:00:00.000Z'), d(3, 'alex', '2021-08-27T11:59:00.000Z'), d(4, 'jo', '2021-08-18T08:00:00.000Z')],
      now,
      3_600_000,
    );
    expect(plan.summaries.map((s) => [s.conversationKey, s.deliveries.map((x) => x.id)])).toEqual([['alex', [1, 2]]]);
    expect(plan.singles.map((x) => x.id).sort()).toEqual([3, 4]); // one missed reminder is sent as it is
  });

  it('sends the same item and moment once to a conversation that hears of it twice', () => {
    const plan = planDeliveries([d(1, 'alex', '2021-08-27T11:59:00.000Z', 'FU-A'), d(2, 'alex', '2021-08-27T11:59:00.000Z', 'FU-A')], now, 3_600_000);
    expect(plan.singles.map((x) => x.id)).toEqual([1]);
    expect(plan.merged).toEqual([{ delivery: expect.objectContaining({ id: 2 }), into: 1 }]);
  });

  it('never folds a digest into a summary', () => {
    const plan = planDeliveries([d(1, 'ch', '2021-08-18T08:00:00.000Z'), d(2, 'ch', '2021-08-23T08:00:00.000Z', '2021-08-23', 'digest'), d(3, 'ch', '2021-08-25T08:00:00.000Z')], now, 3_600_000);
    expect(plan.summaries[0].deliveries.map((x) => x.id)).toEqual([1, 3]);
    expect(plan.singles.map((x) => x.id)).toEqual([2]);
  });
});
