import type { Store } from '../../store/db';
import { ActionRepo } from '../../store/actionRepo';
import { OPEN_STATUSES, STATUS_LABELS } from '../../domain/actions/model';
import type { ReminderSubject } from '../../domain/followups/model';
import type { ActionDeadline, ActionPlanChangeSource, DeadlineSource } from './scheduler';
import type { ActionPlanChange } from './digest';

/**
 * A partnership's action target dates for the reminder scheduler, read through the actions
 * repository's public methods only. Kept apart from the scheduler so the actions aggregate can
 * change freely.
 */
export function actionDeadlineSource(store: Store, partnership: string): DeadlineSource & ActionPlanChangeSource {
  const repo = new ActionRepo(store, partnership);
  return {
    async openDeadlines(): Promise<ActionDeadline[]> {
      return (await repo.list())
        .filter((a) => OPEN_STATUSES.includes(a.status) && a.targetDate !== null)
        .map((a) => ({
          id: a.id,
          title: a.title,
          targetDate: a.targetDate as string,
          leads: a.lead.aadObjectId ? [{ aadObjectId: a.lead.aadObjectId, name: a.lead.name }] : [],
          createdAt: a.createdAt,
        }));
    },
    async subject(id: string): Promise<ReminderSubject | null> {
      const a = await repo.get(id);
      if (!a) return null;
      return {
        kind: 'action',
        id: a.id,
        title: a.title,
        detail: a.latestUpdate ? `Latest update (${a.latestUpdate.asOf}, ${a.latestUpdate.author}): ${a.latestUpdate.text}` : null,
        dueDate: a.targetDate ?? a.originalTargetDate ?? '',
        duePrecision: 'day',
        dueMonth: null,
        status: STATUS_LABELS[a.status] ?? a.status,
        open: OPEN_STATUSES.includes(a.status) && a.targetDate !== null,
        version: a.version,
        actionId: a.id,
        source:
          a.source.kind === 'resolution'
            ? { kind: 'resolution', meetingDate: a.source.meetingDate, meetingTitle: null, minuteRef: a.source.minuteRef, text: null }
            : null,
        ownerNames: [a.lead.name],
        classification: a.classification,
      };
    },
    async changesBetween(fromIso: string, toIso: string): Promise<ActionPlanChange[]> {
      const titles = new Map((await repo.list()).map((a) => [a.id, a.title]));
      return (await repo.historySince(fromIso))
        .filter((h) => h.at < toIso && h.field !== 'created')
        .map((h) => ({
          actionId: h.actionId,
          title: titles.get(h.actionId) ?? h.actionId,
          summary: `${h.field.replace(/_/g, ' ')}: ${h.oldValue ?? '–'} → ${h.newValue ?? '–'} (${h.actorName})`,
          at: h.at,
        }));
    },
  };
}
