import type { FeatureRoutes, IntentHandler } from '../../core/turn';
import type { AppDeps } from '../deps';
import { actionVerbs, answerActionsWithCard } from './actionsApp';
import { renderActionsAnswerCard } from './cards';

/** The action plan: questions about actions, and the cards officers and coordinators work in. */
export function actionRoutes(deps: AppDeps): FeatureRoutes {
  // A list is the paged plan card; a single action (or a choice between a few) is the answer's own card.
  const answer: IntentHandler = async (q, ctx) => {
    const result = await answerActionsWithCard(q, ctx, deps);
    return 'card' in result ? result : { answer: result, card: renderActionsAnswerCard(result) };
  };
  return { feature: 'actions', intents: { 'actions.list': answer, 'action.detail': answer }, verbs: actionVerbs(deps) };
}
