import type { AppDeps } from './deps';
import { Assistant, AssistantParts } from './assistant';
import type { Query } from '../ask/query';
import type { Answer } from '../domain/answer';
import type { CardJson, RequestContext } from './types';
import { renderCard } from '../cards/template';
import { helpContent } from './help';
import type { DemoSeedStep } from '../demo/seed';

/** Builds the Assistant with every capability wired in. */
export function composeAssistant(deps: AppDeps): Assistant {
  const parts: AssistantParts = {
    districtName: deps.pack.district.name,
    understand: (text) => roughUnderstand(text),
    answerers: {},
    renderAnswer: (answer, ctx) => renderAnswer(answer, ctx, deps),
    verbs: [],
    log: deps.log,
  };
  return new Assistant(parts);
}

/** The demo partnership's data, one step per aggregate. */
export function demoSeedSteps(): DemoSeedStep[] {
  return [];
}

function renderAnswer(answer: Answer, ctx: RequestContext, deps: AppDeps): CardJson {
  const h = helpContent(deps.pack.district.name, ctx.actor.role);
  return renderCard('welcome', { ...h, intro: answer.text });
}

function roughUnderstand(text: string): Query {
  const t = text.toLowerCase();
  if (/^(who ?am ?i|whoami|what'?s my role)\??$/.test(t)) return { intent: 'whoami', text };
  if (/^(help|hi|hello|start|\?)$/.test(t)) return { intent: 'help', text };
  return { intent: 'unknown', text };
}
