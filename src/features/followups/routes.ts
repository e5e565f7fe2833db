import type { FeatureRoutes, IntentHandler } from '../../core/turn';
import type { AppDeps } from '../deps';
import { answerFollowUps, followUpVerbs } from './followupsApp';

/** What the committee asked for: questions about follow-ups, and the buttons on reminders. */
export function followUpRoutes(deps: AppDeps): FeatureRoutes {
  const answer: IntentHandler = (q, ctx) => answerFollowUps(q, ctx, deps);
  return {
    feature: 'followups',
    intents: { 'followups.list': answer, 'followups.remind': answer, 'followups.stop': answer },
    verbs: followUpVerbs(deps),
  };
}
