import type { AppDeps } from '../features/deps';
import { Assistant, AssistantParts, IntentHandler } from '../teams/router';
import type { QueryIntent } from '../core/query';
import type { Answer } from '../core/answer';
import type { CardJson, RequestContext } from '../core/turn';
import { renderCard } from '../cards/template';
import { helpContent } from '../features/help/help';
import type { DemoSeedStep } from '../demo/seed';
import { actionVerbs, answerActions, seesExemptActions } from '../features/actions/actionsApp';
import { renderActionsAnswerCard } from '../features/actions/cards';
import { seedDemoActions } from '../demo/actionPlan';
import { seedDemoCrime } from '../demo/seedCrime';
import { answerCrime, CRIME_INTENTS, isCrimeIntent } from '../features/crime/answer';
import { CrimeQueries } from '../features/crime/queries';
import { CrimeRepo } from '../store/crimeRepo';
import { createAnswerRenderer } from '../features/crime/cards';
import { withAreaActions } from '../features/crime/areaActionsCard';
import { renderTextAnswerCard } from '../cards/common';
import { versionedFigures } from '../features/crime/versionedFigures';
import { SharedResults } from '../store/answerCache';
import { versionsOfTurn } from '../features/turnVersions';
import { questionReader } from '../features/questionReader';
import { contextualReader, memoryAskState } from '../features/askInContext';
import { today } from '../features/actions/rag';
import { minutesVerbs, previewCardForFile, previewCardForText, MAX_MINUTES_BYTES } from '../features/minutes/minutesApp';
import type { IntentResult } from '../teams/router';
import { answerFollowUps, followUpVerbs } from '../features/followups/followupsApp';
import { seedDemoFollowUps } from '../demo/followUps';
import { reportVerbs } from '../features/reports/reportDrafts';
import type { Reply } from '../core/turn';

/** Finished crime answers kept for reuse; each is about 20 KB with its card. */
const SHARED_ANSWERS = 500;

/** Builds the Assistant with every capability wired in. */
export function composeAssistant(deps: AppDeps): Assistant {
  const threshold = deps.config.CSP_SUPPRESSION_THRESHOLD;
  const crimeQueries = new CrimeQueries(new CrimeRepo(deps.store), deps.pack, { suppressionThreshold: threshold });
  const figuresAt = versionedFigures(crimeQueries);
  const versionOf = (ctx: RequestContext) => versionsOfTurn(deps.store, ctx);
  const readQuestion = questionReader(deps, crimeQueries);
  const readInConversation = contextualReader(deps, readQuestion, versionOf, memoryAskState());
  const crimeAnswers = new SharedResults<{ answer: Answer; card: CardJson }>(SHARED_ANSWERS);

  const actions: IntentHandler = (q, ctx) => answerActions(q, ctx, deps);
  // A crime answer is a pure function of the question, the two data versions, the day (RAG of the
  // area's actions) and whether exempt actions may be listed: councillors asking the same thing,
  // or pressing the same follow-up button, share one answer until the data changes.
  const crime: IntentHandler = async (q, ctx) => {
    const [version, exempt] = await Promise.all([versionOf(ctx), seesExemptActions(ctx, deps)]);
    const key = JSON.stringify([version.crime, version.plan, today(ctx.now), exempt, q]);
    return crimeAnswers.get(key, async () => {
      const answer = await answerCrime(q, figuresAt(version.crime), deps.pack, { suppressionThreshold: threshold });
      if (answer.area && answer.area.type !== 'district' && answer.total !== undefined && answer.total !== null) {
        answer.actions = await openActionsIn(answer.area, ctx, deps);
      }
      return { answer, card: renderAnswer(answer, ctx, deps, renderer) };
    });
  };
  const answerers: Partial<Record<QueryIntent, IntentHandler>> = {
    'actions.list': actions,
    'action.detail': actions,
  };
  for (const intent of CRIME_INTENTS) answerers[intent as QueryIntent] = crime;
  answerers['minutes.import'] = (q, ctx) => minutesFromChat(q.minutesText ?? '', ctx, deps);
  const followUps: IntentHandler = (q, ctx) => answerFollowUps(q, ctx, deps);
  answerers['followups.list'] = followUps;
  answerers['followups.remind'] = followUps;
  answerers['followups.stop'] = followUps;

  const renderer = createAnswerRenderer(
    {
      'actions.list': (a) => renderActionsAnswerCard(a),
      'action.detail': (a) => renderActionsAnswerCard(a),
    },
    { suppressionThreshold: threshold },
  );

  const parts: AssistantParts = {
    districtName: deps.pack.district.name,
    understand: readInConversation,
    answerers,
    renderAnswer: (answer, ctx) => renderAnswer(answer, ctx, deps, renderer),
    renderText: renderTextAnswerCard,
    verbs: [actionVerbs(deps), minutesVerbs(deps), followUpVerbs(deps), reportVerbs(deps)],
    log: deps.log,
  };
  return new Assistant(parts);
}

/** The demo partnership's data, one step per aggregate. */
export function demoSeedSteps(): DemoSeedStep[] {
  return [
    (deps) => seedDemoCrime(deps.store, deps.clock),
    (deps) => seedDemoActions(deps.store, deps.clock),
    async (deps) => {
      await seedDemoFollowUps(deps.store, deps.clock);
    },
  ];
}

function renderAnswer(answer: Answer, ctx: RequestContext, deps: AppDeps, renderer: (a: Answer) => CardJson): CardJson {
  if (answer.intent === 'help') {
    const h = helpContent(deps.pack.district.name, ctx.actor.role);
    return renderCard('welcome', { ...h, intro: answer.text });
  }
  const card = renderer(answer);
  return isCrimeIntent(answer.intent) ? withAreaActions(card, answer) : card;
}

/** Open actions of the plan tagged to an area (a ward, or a group through its wards). */
async function openActionsIn(area: NonNullable<Answer['area']>, ctx: RequestContext, deps: AppDeps): Promise<Answer['actions']> {
  const listed = await answerActions({ intent: 'actions.list', text: `actions in ${area.name}`, area, actions: { areaCode: area.code } }, ctx, deps);
  const closed = /^(completed|closed|cancelled|carried forward)/i;
  return (listed.actions ?? []).filter((a) => !closed.test(a.status));
}

const MINUTES_HOW =
  'To import minutes, send them to me in a personal chat: paste them after "import minutes" in one message, or attach them as a .txt or .docx file. I will show what I found before anything is created.';

/** "import minutes" followed by pasted minutes: a preview card for a coordinator in personal chat. */
async function minutesFromChat(text: string, ctx: RequestContext, deps: AppDeps): Promise<IntentResult> {
  if (ctx.conversation.type !== 'personal' || text.trim().length === 0) return textAnswer(MINUTES_HOW);
  return replyAsResult(await previewCardForText(text, ctx, deps));
}

/** A .txt or .docx file of minutes sent in chat, already downloaded by the bot layer. */
export async function minutesFromFile(name: string, fetch: (maxBytes: number) => Promise<Buffer>, ctx: RequestContext, deps: AppDeps): Promise<Reply> {
  if (ctx.conversation.type !== 'personal') return { text: MINUTES_HOW };
  if (!/\.(txt|docx)$/i.test(name)) return { text: `I can read minutes from .txt or .docx files; "${name}" is neither.` };
  return previewCardForFile(name, await fetch(MAX_MINUTES_BYTES + 1), ctx, deps);
}

/** A plain reply about importing minutes: its own short card, not the welcome card. */
function textAnswer(text: string): IntentResult {
  const answer: Answer = { intent: 'help', text };
  return { answer, card: renderTextAnswerCard(answer) };
}

function replyAsResult(reply: Reply): IntentResult {
  if (!reply.card) return textAnswer(reply.text ?? '');
  return { answer: { intent: 'help', text: reply.text ?? 'Minutes preview' }, card: reply.card };
}
