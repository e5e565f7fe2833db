/** Builds the messages reminders send: one item's card, a summary of missed ones, the weekly digest. */
import type { Clock } from '../../core/clock';
import type { CardJson } from '../../core/turn';
import type { FollowUp, ReminderSubject } from '../../domain/followups/model';
import { localDate } from '../../domain/followups/schedule';
import { reminderCard, reminderSummaryCard, digestCard, MissedItem } from './cards';
import type { ResolvedDelivery } from './catchUp';
import { ActionPlanChange, composeDigest } from './digest';
import type { ActionDeadline } from './planner';
import type { ProactiveMessage } from './sender';

/** What the composer reads: open follow-ups, action deadlines and changes, when the last digest went. */
export interface ComposerSources {
  openFollowUps(): Promise<FollowUp[]>;
  lastDigestSentAt(): Promise<string | undefined>;
  openDeadlines?(): Promise<ActionDeadline[]>;
  changesBetween?(fromIso: string, toIso: string): Promise<ActionPlanChange[]>;
}

export class ReminderComposer {
  /** Expanding a template costs milliseconds; every recipient of an item on one run gets the same card. */
  private readonly cards = new Map<string, CardJson>();

  constructor(
    private readonly clock: Clock,
    private readonly timezone: string,
    private readonly sources: ComposerSources,
  ) {}

  async single(d: ResolvedDelivery, subject: ReminderSubject | undefined): Promise<ProactiveMessage> {
    if (d.itemKind === 'digest') return this.digest();
    const today = localDate(this.clock.now(), this.timezone);
    const key = `${d.itemKind}:${d.itemId}|${today}|${d.escalation}`;
    let card = this.cards.get(key);
    if (!card) {
      card = reminderCard(subject!, { today, escalation: d.escalation });
      this.cards.set(key, card);
    }
    return { summary: `Reminder: ${subject!.title}`, card };
  }

  summary(deliveries: ResolvedDelivery[], subjectOf: (d: ResolvedDelivery) => ReminderSubject | null | undefined): ProactiveMessage {
    const now = this.clock.now();
    const counts = new Map<string, MissedItem>();
    for (const d of deliveries) {
      const subject = subjectOf(d);
      if (!subject) continue;
      const k = `${d.itemKind}:${d.itemId}`;
      const m = counts.get(k) ?? { subject, count: 0 };
      m.count += 1;
      counts.set(k, m);
    }
    const items = [...counts.values()].sort((a, b) => a.subject.dueDate.localeCompare(b.subject.dueDate));
    const from = deliveries.map((d) => d.fireAt).sort()[0];
    const card = reminderSummaryCard(items, deliveries.length, { today: localDate(now, this.timezone), from: localDate(from, this.timezone), to: localDate(now, this.timezone) });
    return { summary: `${deliveries.length} reminders you missed`, card };
  }

  async digest(): Promise<ProactiveMessage> {
    const now = this.clock.now();
    const since = (await this.sources.lastDigestSentAt()) ?? null;
    const changes = this.sources.changesBetween
      ? await this.sources.changesBetween(since ?? new Date(now.getTime() - 7 * 86_400_000).toISOString(), now.toISOString())
      : null;
    const deadlines = this.sources.openDeadlines ? await this.sources.openDeadlines() : [];
    const content = composeDigest({
      today: localDate(now, this.timezone),
      openFollowUps: await this.sources.openFollowUps(),
      actionDeadlines: deadlines.map((a) => ({ title: a.title, dueDate: a.targetDate })),
      changes,
      since,
    });
    const card = digestCard(content.heading, content.intro, [
      { title: 'Due in the next two weeks', lines: content.dueSoon, empty: 'Nothing falls due in the next two weeks.' },
      { title: 'Overdue', lines: content.overdue, empty: 'Nothing is overdue.' },
      {
        title: 'Changed in the action plan since the last digest',
        lines: content.changes,
        empty: content.changesKnown ? 'No changes.' : 'Not available: the action plan is not connected to reminders yet.',
      },
    ]);
    return { summary: content.heading, card };
  }
}
