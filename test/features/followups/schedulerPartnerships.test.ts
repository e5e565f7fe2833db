import { FakeClock } from '../../../src/core/clock';
import { ReminderScheduler, SchedulerOptions } from '../../../src/features/followups/scheduler';
import { actionDeadlineSource } from '../../../src/features/followups/actionDeadlines';
import { DEFAULT_DIGEST } from '../../../src/features/followups/digest';
import { ActionRepo } from '../../../src/store/actionRepo';
import { FollowUpRepo } from '../../../src/store/followUpRepo';
import { ReminderRepo } from '../../../src/store/reminderRepo';
import { PartnershipRepo } from '../../../src/store/partnershipRepo';
import { describeEachStore } from '../../support/stores';
import { addChannel, addPersonalChat, followupDeps, RecordingSender } from '../../support/followupFixtures';
import { CHESTERFIELD } from '../../support/partnership';
import { neighbourPack } from '../../support/neighbourPack';
import { anAction } from '../../support/actions';

const BOLSOVER = neighbourPack.district.code;
const ALEX = 'aad-alex';
const created = new Date('2021-08-31T12:00:00Z');

describeEachStore('reminders for every partnership of one store', (getStore) => {
  it("each partnership's follow-ups and actions are reminded once, into the right conversations, however many instances run", async () => {
    const store = getStore();
    const clock = new FakeClock('2021-09-01T08:00:00Z');
    const alexChat = await addPersonalChat(store, ALEX, 'a:alex', created);
    const chesterfieldChannel = await addChannel(store, '19:chesterfield-csp@thread.tacv2', created);
    const bolsoverChannel = await addChannel(store, '19:bolsover-csp@thread.tacv2', created);
    await new PartnershipRepo(store).bind(bolsoverChannel, BOLSOVER, 'test', created);
    for (const [partnership, place] of [
      [CHESTERFIELD, 'Chesterfield'],
      [BOLSOVER, 'Bolsover'],
    ]) {
      await new FollowUpRepo(store, partnership).create(
        {
          title: `${place} hate crime figures to the committee`,
          dueDate: '2021-09-01',
          duePrecision: 'day',
          source: { kind: 'request', meetingDate: '2021-08-16', meetingTitle: null, minuteRef: null, text: null },
          recipients: [
            { kind: 'user', target: ALEX, label: 'Alex', role: 'owner' },
            { kind: 'committee', target: 'committee', label: 'Committee', role: 'audience' },
          ],
        },
        created,
        'test',
        'cli',
      );
      // Both plans number their first action 2024-25/1, led by the same officer, due the same day.
      await new ActionRepo(store, partnership).insertIfAbsent(
        anAction({ id: '2024-25/1', title: `${place} market patrols`, lead: { name: 'Alex', aadObjectId: ALEX, teamsUserId: null }, targetDate: '2021-09-01', createdAt: created.toISOString() }),
        [],
      );
    }
    const options: Partial<SchedulerOptions> = { digest: { ...DEFAULT_DIGEST, enabled: false }, actionsOf: (p) => actionDeadlineSource(store, p) };
    const senders = [new RecordingSender(), new RecordingSender()];
    const instances = senders.map((s, i) => new ReminderScheduler(followupDeps(store, clock), s, { ...options, instanceId: `instance-${i}` }));
    await Promise.all(instances.map((s) => s.runDue()));
    await Promise.all(instances.map((s) => s.runDue()));

    const sent = senders.flatMap((s) => s.sent);
    const headings = (key: string) => sent.filter((m) => m.conversationKey === key).map((m) => m.heading).sort();
    expect(headings(alexChat)).toEqual(['Bolsover hate crime figures to the committee', 'Bolsover market patrols', 'Chesterfield hate crime figures to the committee', 'Chesterfield market patrols']);
    expect(headings(chesterfieldChannel)).toEqual(['Chesterfield hate crime figures to the committee']);
    expect(headings(bolsoverChannel)).toEqual(['Bolsover hate crime figures to the committee']);
    expect(Object.entries(await new ReminderRepo(store).countByState())).toEqual([['sent', 6]]);

    // Bolsover's cards name their partnership on every button (so a press is answered by Bolsover's records); the default's name none.
    for (const m of sent) {
      const buttons = JSON.stringify(m.message.card).match(/"data":\{[^}]*\}/g) ?? [];
      expect(buttons.length).toBeGreaterThan(0);
      const bolsover = m.heading.startsWith('Bolsover');
      for (const b of buttons) expect(b.includes(`"partnership":"${BOLSOVER}"`)).toBe(bolsover);
    }
  });
});
