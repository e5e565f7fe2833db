import { FollowUpRepo, NewFollowUp } from '../../src/store/followUpRepo';
import { ReminderRepo } from '../../src/store/reminderRepo';
import { sendKey } from '../../src/domain/followups/schedule';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

const at = new Date('2021-03-12T10:00:00Z');
const input: NewFollowUp = {
  title: 'Further progress report to the Crime and Disorder Committee',
  dueDate: '2021-09-01',
  duePrecision: 'month',
  dueMonth: '2021-09',
  source: { kind: 'resolution', meetingDate: '2021-03-11', meetingTitle: 'Crime and Disorder Committee', minuteRef: 'Resolution (2)', text: null },
  sourceKey: 'minutes:2021-03-11:p12',
  recipients: [
    { kind: 'user', target: 'alex', label: 'Alex Morgan', role: 'owner' },
    { kind: 'committee', target: 'committee', label: null, role: 'audience' },
  ],
};

describeEachStore('FollowUpRepo', (getStore) => {
  it('stores a follow-up with its owners, audience and source, and finds it again by source key', async () => {
    const repo = new FollowUpRepo(getStore(), CHESTERFIELD);
    const first = await repo.create(input, at, 'alex', 'import');
    expect(first.created).toBe(true);
    expect(first.followUp).toMatchObject({ title: input.title, dueDate: '2021-09-01', duePrecision: 'month', dueMonth: '2021-09', status: 'open', version: 1 });
    expect(first.followUp.recipients.map((r) => [r.role, r.kind, r.target])).toEqual([
      ['owner', 'user', 'alex'],
      ['audience', 'committee', 'committee'],
    ]);
    const again = await repo.create({ ...input, title: 'changed' }, at, 'alex', 'import');
    expect(again).toEqual({ followUp: first.followUp, created: false });
    expect(await repo.list()).toHaveLength(1);
  });

  it('closing an item skips its pending reminders and is written to the history', async () => {
    const store = getStore();
    const repo = new FollowUpRepo(store, CHESTERFIELD);
    const { followUp } = await repo.create(input, at, 'alex', 'import');
    const reminders = new ReminderRepo(store);
    const fireAt = '2021-08-18T08:00:00.000Z';
    await reminders.plan([{ sendKey: sendKey('followup', followUp.id, fireAt, 'user', 'alex'), itemKind: 'followup', itemId: followUp.id, stage: 'before-14', fireAt, recipientKind: 'user', recipient: 'alex', escalation: false }], at, CHESTERFIELD);
    const r = await repo.setStatus(followUp.id, 'done', 1, 'alex', new Date('2021-08-20T10:00:00Z'), 'teams');
    expect(r.kind).toBe('ok');
    expect((await reminders.list())[0]).toMatchObject({ state: 'skipped', outcome: 'item done' });
    expect((await repo.history(followUp.id)).map((h) => [h.field, h.oldValue, h.newValue, h.channel])).toEqual([
      ['created', null, input.title, 'import'],
      ['status', 'open', 'done', 'teams'],
    ]);
  });

  it('refuses a change made from an out-of-date card', async () => {
    const repo = new FollowUpRepo(getStore(), CHESTERFIELD);
    const { followUp } = await repo.create(input, at, 'alex', 'import');
    await repo.snooze(followUp.id, '2021-08-25T08:00:00.000Z', 1, 'alex', at, 'teams');
    const stale = await repo.setStatus(followUp.id, 'done', 1, 'alex', at, 'teams');
    expect(stale.kind).toBe('stale');
    expect((await repo.get(followUp.id))?.status).toBe('open');
  });

  it('mutes and unmutes a person without losing them', async () => {
    const repo = new FollowUpRepo(getStore(), CHESTERFIELD);
    const { followUp } = await repo.create(input, at, 'alex', 'import');
    await repo.mute(followUp.id, 'user', 'alex', 'alex', at, 'teams');
    expect((await repo.get(followUp.id))?.recipients.find((r) => r.target === 'alex')?.muted).toBe(true);
    await repo.addRecipient(followUp.id, { kind: 'user', target: 'alex', label: 'Alex Morgan', role: 'audience' }, 'alex', at, 'teams');
    expect((await repo.get(followUp.id))?.recipients.find((r) => r.target === 'alex')).toMatchObject({ muted: false, role: 'owner' });
  });

  it('finds the last meeting follow-ups came from', async () => {
    const repo = new FollowUpRepo(getStore(), CHESTERFIELD);
    await repo.create(input, at, 'alex', 'import');
    await repo.create({ ...input, sourceKey: 'x', source: { ...input.source, meetingDate: '2020-11-26' } }, at, 'alex', 'import');
    expect(await repo.lastMeetingDate()).toBe('2021-03-11');
    expect(await repo.lastMeetingDate('2021-01-01')).toBe('2020-11-26');
  });
});
