import type { Answer } from '../../core/answer';
import { describeRole, Role } from '../../core/roles';
import type { CardJson, FeatureRoutes, RequestContext } from '../../core/turn';
import { renderCard } from '../../cards/template';
import { renderTextAnswerCard } from '../../cards/common';
import { helpAnswer, helpContent, HelpCoverage, roleToTell } from './help';
import { templateSafe } from '../../cards/common';

/** What the bot can do, and who you are to it. */
export function helpRoutes(districtName: string, coverage?: (ctx: RequestContext) => Promise<HelpCoverage>): FeatureRoutes {
  return {
    feature: 'help',
    intents: {
      help: async (_q, ctx) => {
        const role = roleToTell(ctx);
        const answer = helpAnswer(districtName, role, undefined, coverage ? await coverage(ctx) : undefined);
        return { answer, card: helpCard(answer, districtName, role) };
      },
      whoami: async (_q, ctx) => {
        const answer: Answer = { intent: 'help', text: `You are ${ctx.actor.name}, with the role ${describeRole(ctx.actor.role)}.`, suggestions: ['help'] };
        return { answer, card: renderTextAnswerCard(answer) };
      },
    },
  };
}

/** The welcome card: what the bot does, with example questions, led by the answer's own words. */
export function helpCard(answer: Answer, districtName: string, role: Role | null): CardJson {
  return renderCard('welcome', templateSafe(helpContent(districtName, role, answer)));
}
