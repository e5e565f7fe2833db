import type { Answer } from '../../core/answer';
import type { CardJson, FeatureRoutes, IntentHandler } from '../../core/turn';
import type { AppDeps } from '../deps';
import { CrimeRepo } from '../../store/crimeRepo';
import { answerCrime, CRIME_INTENTS, CrimeIntent, isCrimeIntent } from './answer';
import { CrimeQueries } from './queries';
import { figuresAt } from './figuresAt';
import { districtComparisonHandler } from './compareRoutes';
import { PartnershipDirectory } from '../partnerships/directory';
import { createAnswerRenderer } from './cards';
import { withAreaActions } from './areaActionsCard';
import { joinWithPlan } from './withPlan';
import { openActionsIn, seesExemptActions } from '../actions/actionsApp';
import { today } from '../actions/rag';

/** A finished answer with its card weighs about 20 KB in the snapshot cache. */
const ANSWER_SIZE = 20;

/** The crime figures of the partnership's district (never its neighbours' in the same store), as answers read them. */
export function crimeQueries(deps: AppDeps): CrimeQueries {
  return new CrimeQueries(new CrimeRepo(deps.store, deps.pack.district.code), deps.pack, { suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD });
}

/** Trends, totals, rankings, breakdowns and comparisons of crime and ASB, with the open actions of the area asked about. */
export function crimeRoutes(deps: AppDeps, queries = crimeQueries(deps), directory = new PartnershipDirectory(deps.store, deps.pack)): FeatureRoutes {
  const threshold = deps.config.CSP_SUPPRESSION_THRESHOLD;
  const render = createAnswerRenderer({}, { suppressionThreshold: threshold });
  // A crime answer is a pure function of the question, the crime and plan data, the day (RAG of
  // the area's actions) and whether exempt actions may be listed: councillors asking the same
  // thing, or pressing the same follow-up button, share one answer until the data changes.
  const crime: IntentHandler = async (q, ctx) => {
    const snapshot = await deps.snapshots.ofTurn(ctx);
    const exempt = seesExemptActions(ctx);
    const kept = await snapshot.keep(
      'crime.answer',
      ['crime', 'plan'],
      [today(ctx.now), exempt, q],
      async (): Promise<{ answer: Answer; card: CardJson }> => {
        const answer = await answerCrime(q, figuresAt(snapshot, queries), deps.pack, { suppressionThreshold: threshold });
        if (answer.area && answer.area.type !== 'district' && answer.total !== undefined && answer.total !== null) {
          answer.actions = await openActionsIn(answer.area, ctx, deps);
        }
        const card = render(answer);
        return { answer, card: isCrimeIntent(answer.intent) ? withAreaActions(card, answer) : card };
      },
      { size: ANSWER_SIZE },
    );
    if (!q.withPlan || !isCrimeIntent(kept.answer.intent)) return kept;
    const area = kept.answer.area ?? { code: deps.pack.district.code, name: deps.pack.district.name, type: 'district' as const };
    const answer = await joinWithPlan({ ...kept.answer, actions: kept.answer.actions ?? (await openActionsIn(area, ctx, deps)) }, ctx, deps);
    return { answer, card: withAreaActions(render(answer), answer) };
  };
  const intents: Partial<Record<CrimeIntent, IntentHandler>> = {};
  for (const intent of CRIME_INTENTS) intents[intent] = crime;
  // A crime answer reads kept figures and the plan, and writes nothing: it may be started ahead.
  return { feature: 'crime', intents: { ...intents, 'crime.compare_districts': districtComparisonHandler(deps, directory) }, answeredAhead: CRIME_INTENTS };
}
