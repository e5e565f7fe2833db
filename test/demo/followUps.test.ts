import { FakeClock } from '../../src/core/clock';
import { DEMO_CLOCK_START, DEMO_FOLLOW_UP_IDS, DEMO_MEETING, seedDemoFollowUps } from '../../src/demo/followUps';
import { DEFAULT_SCHEDULE } from '../../src/domain/followups/model';
import { planReminders } from '../../src/domain/followups/schedule';
import { FollowUpRepo } from '../../src/store/followUpRepo';
import { describeEachStore } from '../support/stores';
import { CHESTERFIELD } from '../support/partnership';

describeEachStore('demo follow-ups', (getStore) => {
  it('holds the worked example\'s three follow-ups, once however often it is seeded', async () => {
    const store = getStore();
    const clock = new FakeClock(DEMO_CLOCK_START);
    expect(await seedDemoFollowUps(store, clock)).toEqual({ created: 3 });
    expect(await seedDemoFollowUps(store, clock)).toEqual({ created: 0 });
    const items = await new FollowUpRepo(store, CHESTERFIELD).list();
    expect(items.map((f) => [f.id, f.duePrecision, f.dueMonth ?? f.dueDate, f.status, f.source.meetingDate]).sort()).toEqual(
      [
        [DEMO_FOLLOW_UP_IDS.hateCrime, 'month', '2021-09', 'open', DEMO_MEETING.date],
        [DEMO_FOLLOW_UP_IDS.progressReport, 'month', '2021-09', 'open', DEMO_MEETING.date],
        [DEMO_FOLLOW_UP_IDS.vaccinationWebinar, 'day', '2021-03-12', 'done', DEMO_MEETING.date],
      ].sort(),
    );
    const report = items.find((f) => f.id === DEMO_FOLLOW_UP_IDS.progressReport)!;
    expect(report.source.minuteRef).toBe('Resolution (2)');
    expect(report.recipients.map((r) => [r.role, r.kind, r.label])).toEqual([
      ['owner', 'user', 'Alex Morgan'],
      ['audience', 'committee', 'Crime and Disorder Committee channel'],
    ]);
  });

  it('starts the demo clock two minutes before the report\'s first reminder', async () => {
    const store = getStore();
    await seedDemoFollowUps(store, new FakeClock(DEMO_CLOCK_START));
    const report = (await new FollowUpRepo(store, CHESTERFIELD).get(DEMO_FOLLOW_UP_IDS.progressReport))!;
    const [first] = planReminders({ dueDate: report.dueDate, schedule: DEFAULT_SCHEDULE, notBefore: report.createdAt, until: report.createdAt });
    expect(first.fireAt).toBe('2021-08-18T08:00:00.000Z');
    expect(Date.parse(first.fireAt) - Date.parse(DEMO_CLOCK_START)).toBe(2 * 60_000);
  });
});
