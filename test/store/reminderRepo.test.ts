import { ReminderRepo } from '../../src/store/reminderRepo';
import type { ReminderDraft } from '../../src/domain/followups/schedule';
import { sendKey } from '../../src/domain/followups/schedule';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

const at = new Date('2021-08-18T08:00:00Z');

function draft(itemId: string, fireAt: string, recipient = 'user-1'): ReminderDraft {
  return { sendKey: sendKey('followup', itemId, fireAt, 'user', recipient), itemKind: 'followup', itemId, stage: 'due', fireAt, recipientKind: 'user', recipient, escalation: false };
}

describeEachStore('ReminderRepo', (getStore) => {
  it('plans a delivery once however often it is planned (unique send key)', async () => {
    const repo = new ReminderRepo(getStore());
    const d = draft('FU-1', '2021-08-18T08:00:00.000Z');
    expect(await repo.plan([d, draft('FU-1', '2021-08-18T08:00:00.000Z', 'user-2')], at, CHESTERFIELD)).toBe(2);
    expect(await repo.plan([d], at, CHESTERFIELD)).toBe(0);
    expect(await repo.list()).toHaveLength(2);
  });

  it('records a send as begun before it goes; a row left "sending" by a dead instance is taken over once its lease runs out and flagged possibly duplicated', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z'), draft('FU-2', '2021-08-18T08:00:00.000Z')], at, CHESTERFIELD);
    const [a, b] = await repo.claimDue(at, 'dead', 45_000, 10);
    expect(await repo.markSending([a.id], 'dead', at)).toEqual([a.id]);
    expect(await repo.markSending([a.id], 'other', at)).toEqual([]); // only the holder may begin a send
    expect((await repo.get(a.id))?.state).toBe('sending');
    expect(await repo.claimDue(new Date(at.getTime() + 44_000), 'live', 45_000, 10)).toHaveLength(0);
    const taken = await repo.claimDue(new Date(at.getTime() + 46_000), 'live', 45_000, 10);
    expect(taken.map((r) => [r.id, r.claimedBy, r.sendingAt !== null, r.possiblyDuplicated]).sort()).toEqual(
      [
        [a.id, 'live', true, true],
        [b.id, 'live', false, false],
      ].sort(),
    );
    expect(await repo.markSent([a.id], 'dead', at, 'k', 'single')).toBe(0); // the dead one's late write changes nothing
    expect(await repo.markSending([a.id, b.id], 'live', at)).toHaveLength(2);
    expect(await repo.markSentMany([{ id: a.id, conversationKey: 'k', outcome: 'single' }, { id: b.id, conversationKey: 'k', outcome: 'single' }], 'live', at)).toBe(2);
    expect((await repo.list()).map((r) => [r.state, r.possiblyDuplicated])).toEqual([
      ['sent', true],
      ['sent', false],
    ]);
  });

  it('a heartbeat renews the lease of everything the instance holds, so no one takes over a live instance', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z'), draft('FU-2', '2021-08-18T08:00:00.000Z')], at, CHESTERFIELD);
    const [a] = await repo.claimDue(at, 'live', 45_000, 10);
    await repo.markSending([a.id], 'live', at);
    expect(await repo.heartbeat('live', new Date(at.getTime() + 30_000), 45_000)).toBe(2);
    expect(await repo.claimDue(new Date(at.getTime() + 60_000), 'other', 45_000, 10)).toHaveLength(0);
    expect(await repo.claimDue(new Date(at.getTime() + 76_000), 'other', 45_000, 10)).toHaveLength(2);
  });

  it('claims only what is due, once, and takes a claim back after its lease runs out', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z'), draft('FU-2', '2021-08-19T08:00:00.000Z')], at, CHESTERFIELD);
    const first = await repo.claimDue(at, 'a', 60_000, 10);
    expect(first.map((r) => [r.itemId, r.state, r.claimedBy, r.attempts])).toEqual([['FU-1', 'claimed', 'a', 1]]);
    expect(await repo.claimDue(at, 'b', 60_000, 10)).toHaveLength(0);
    const later = await repo.claimDue(new Date(at.getTime() + 61_000), 'b', 60_000, 10);
    expect(later.map((r) => [r.itemId, r.claimedBy, r.attempts])).toEqual([['FU-1', 'b', 2]]);
    // The first claimant lost the claim: it can no longer record the send.
    expect(await repo.markSent([first[0].id], 'a', at, 'k', 'single')).toBe(0);
    expect(await repo.markSentMany([{ id: first[0].id, conversationKey: 'k', outcome: 'single' }], 'b', at)).toBe(1);
    expect((await repo.get(first[0].id))?.state).toBe('sent');
  });

  it('retries a failed delivery from its next attempt time, and never a dead one', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z'), draft('FU-2', '2021-08-18T08:00:00.000Z')], at, CHESTERFIELD);
    const [a, b] = await repo.claimDue(at, 'x', 60_000, 10);
    await repo.markFailed([a.id], 'x', at, { dead: false, nextAttemptAt: '2021-08-18T08:00:30.000Z', code: 'ServiceError' });
    await repo.markFailed([b.id], 'x', at, { dead: true, code: 'BotNotInConversationRoster' });
    expect(await repo.claimDue(new Date('2021-08-18T08:00:10Z'), 'x', 60_000, 10)).toHaveLength(0);
    const again = await repo.claimDue(new Date('2021-08-18T08:00:30Z'), 'x', 60_000, 10);
    expect(again.map((r) => r.id)).toEqual([a.id]);
    expect(await repo.countByState()).toEqual({ claimed: 1, dead: 1 });
  });

  it('gives a claim back as pending without counting an attempt when there is nowhere to send it', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z')], at, CHESTERFIELD);
    const [r] = await repo.claimDue(at, 'x', 60_000, 10);
    expect(await repo.release([r.id], 'x', at, '2021-08-18T08:00:30.000Z', 'no-conversation')).toBe(1);
    const stored = await repo.get(r.id);
    expect([stored?.state, stored?.attempts, stored?.lastCode]).toEqual(['pending', 0, 'no-conversation']);
    expect(await repo.claimDue(new Date('2021-08-18T08:00:31Z'), 'y', 60_000, 10)).toHaveLength(1);
  });

  it('keeps every attempt', async () => {
    const repo = new ReminderRepo(getStore());
    await repo.plan([draft('FU-1', '2021-08-18T08:00:00.000Z')], at, CHESTERFIELD);
    const [r] = await repo.claimDue(at, 'x', 60_000, 10);
    await repo.recordAttempts(
      [
        { reminderId: r.id, status: 'retried', httpStatus: 429, code: 'Throttled' },
        { reminderId: r.id, status: 'sent', httpStatus: 200 },
      ],
      'x',
      at,
    );
    expect((await repo.attemptsFor(r.id)).map((a) => [a.status, a.httpStatus, a.instance])).toEqual([
      ['retried', 429, 'x'],
      ['sent', 200, 'x'],
    ]);
  });
});
