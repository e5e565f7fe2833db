import type { AppDeps } from './deps';
import { Assistant, AssistantParts, IntentHandler } from './assistant';
import type { Query, QueryIntent } from '../ask/query';
import type { Answer } from '../domain/answer';
import type { CardJson, RequestContext } from './types';
import { renderCard } from '../cards/template';
import { helpContent } from './help';
import type { DemoSeedStep } from '../demo/seed';
import { actionVerbs, answerActions } from './actionsApp';
import { renderActionsAnswerCard } from '../cards/actionCards';
import { seedDemoActions } from '../demo/actionPlan';

/** Builds the Assistant with every capability wired in. */
export function composeAssistant(deps: AppDeps): Assistant {
  const actions: IntentHandler = (q, ctx) => answerActions(q, ctx, deps);
  const answerers: Partial<Record<QueryIntent, IntentHandler>> = {
    'actions.list': actions,
    'action.detail': actions,
  };
  const parts: AssistantParts = {
    districtName: deps.pack.district.name,
    understand: (text) => roughUnderstand(text),
    answerers,
    renderAnswer: (answer, ctx) => renderAnswer(answer, ctx, deps),
    verbs: [actionVerbs(deps)],
    log: deps.log,
  };
  return new Assistant(parts);
}

/** The demo partnership's data, one step per aggregate. */
export function demoSeedSteps(): DemoSeedStep[] {
  return [(deps) => seedDemoActions(deps.store, deps.clock)];
}

function renderAnswer(answer: Answer, ctx: RequestContext, deps: AppDeps): CardJson {
  switch (answer.intent) {
    case 'actions.list':
    case 'action.detail':
      return renderActionsAnswerCard(answer, ctx);
    default: {
      const h = helpContent(deps.pack.district.name, ctx.actor.role);
      return renderCard('welcome', { ...h, intro: answer.text });
    }
  }
}

function roughUnderstand(text: string): Query {
  const t = text.toLowerCase();
  if (/^(who ?am ?i|whoami|what'?s my role)\??$/.test(t)) return { intent: 'whoami', text };
  if (/^(help|hi|hello|start|\?)$/.test(t)) return { intent: 'help', text };
  if (/action/.test(t)) return { intent: 'actions.list', text, actions: /overdue/.test(t) ? { overdue: true } : {} };
  return { intent: 'unknown', text };
}
