import type { FeatureRoutes, IntentHandler } from '../../core/turn';
import type { AppDeps } from '../deps';
import { actionVerbs, answerActions } from './actionsApp';
import { renderActionsAnswerCard } from './cards';

/** The action plan: questions about actions, and the cards officers and coordinators work in. */
export function actionRoutes(deps: AppDeps): FeatureRoutes {
  const answer: IntentHandler = async (q, ctx) => {
    const a = await answerActions(q, ctx, deps);
    return { answer: a, card: renderActionsAnswerCard(a) };
  };
  return { feature: 'actions', intents: { 'actions.list': answer, 'action.detail': answer }, verbs: actionVerbs(deps) };
}
