import { randomBytes } from 'node:crypto';
import { partnershipOf, type AppDeps } from '../deps';
import type { CardJson, IntentResult, InvokeOutcome, RequestContext, VerbHandler } from '../../core/turn';
import type { Answer } from '../../core/answer';
import { renderProgressReport, ReportInputError } from './reportApp';
import { draftByToken, ReportDraftRepo } from '../../store/reportDraftRepo';
import { renderCard, assertCardFits } from '../../cards/template';
import { formatPeriod } from '../../domain/crime/periods';
import { hasAtLeast } from '../../core/roles';

/** How long a draft's link works: long enough to review it before the committee, not for ever. */
export const DRAFT_LIFETIME_DAYS = 7;

/** The address people open drafts at: https://BOT_DOMAIN when configured, else the local bot. */
export function publicBaseUrl(deps: Pick<AppDeps, 'config'>): string {
  const domain = deps.config.BOT_DOMAIN?.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return domain ? `https://${domain}` : `http://localhost:${deps.config.PORT || 3978}`;
}

/**
 * "Draft the progress report" on the report's reminder card: the committee appendix from live
 * data, as a web page and a Word document behind an unguessable link that expires. Only the
 * public version is made here; the Part 2 version comes from `csp report progress --include-exempt`.
 */
export function reportVerbs(deps: AppDeps): Record<string, VerbHandler> {
  return {
    async 'report.progress'(req, ctx): Promise<InvokeOutcome> {
      if (req.trigger === 'automatic') return { kind: 'message', text: 'Press the button to draft the report.' };
      const drafted = await draftFor(deps, ctx);
      // Posted as a new message: the reminder card it came from keeps its Mark done and Snooze buttons.
      return 'card' in drafted ? { kind: 'message', text: 'The draft progress report is posted below.', post: { card: drafted.card } } : { kind: 'message', text: drafted.refused };
    },
  };
}

/** "Draft the next progress report" asked in chat: the same draft as the reminder card's button gives. */
export async function draftInChat(deps: AppDeps, ctx: RequestContext): Promise<IntentResult> {
  const drafted = await draftFor(deps, ctx);
  const answer: Answer = { intent: 'help', text: 'card' in drafted ? 'The draft progress report.' : drafted.refused };
  return 'card' in drafted ? { answer, card: drafted.card } : answer;
}

/** The draft for someone who may make one, or why not. The role comes from the store (set by the bot layer), never from a card. */
async function draftFor(deps: AppDeps, ctx: RequestContext): Promise<{ card: CardJson } | { refused: string }> {
  if (!hasAtLeast(ctx.actor.role, 'officer')) return { refused: 'Drafting the committee report is for partnership officers and coordinators. Ask the community safety team for a copy.' };
  try {
    return { card: await draftProgressReport(deps, ctx) };
  } catch (err) {
    if (err instanceof ReportInputError) return { refused: err.message };
    throw err;
  }
}

export async function draftProgressReport(deps: AppDeps, ctx: RequestContext): Promise<CardJson> {
  const [html, docx] = await Promise.all([renderProgressReport(deps, { format: 'html' }), renderProgressReport(deps, { format: 'docx' })]);
  const token = randomBytes(18).toString('base64url');
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + DRAFT_LIFETIME_DAYS * 24 * 3600_000);
  const title = `Progress report draft, ${formatPeriod(html.report.period)}`;
  await new ReportDraftRepo(deps.store, partnershipOf(deps)).save({
    token,
    title,
    html: String(html.body),
    docx: docx.body as Buffer,
    createdBy: ctx.actor.aadObjectId,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  deps.log.info({ actor: ctx.actor.aadObjectId, correlationId: ctx.correlationId }, 'progress report drafted');
  const base = publicBaseUrl(deps);
  return assertCardFits(
    renderCard('report-draft', {
      title,
      text: `The draft report for the ${html.report.cover.committee} is ready: a cover sheet, the matters arising from the last meeting (answered from the data where it can be), the action plan by theme, and an appendix of crime and disorder figures for ${formatPeriod(html.report.period)} against the previous period, with charts, sources and caveats. Exempt (Part 2) items are left out. The link works for ${DRAFT_LIFETIME_DAYS} days; anyone with it can open the draft, so share it only with the people preparing the report.`,
      coverage: [html.report.coverage.newSinceText, html.report.coverage.note].filter((x): x is string => x !== null).join(' '),
      htmlUrl: `${base}/reports/${token}`,
      docxUrl: `${base}/reports/${token}.docx`,
      expires: expires.toISOString().slice(0, 10),
    }),
  );
}

/** What GET /reports/:token serves: the page or the Word file, or nothing once expired. */
export async function reportDownload(deps: AppDeps, file: string): Promise<{ contentType: string; body: string | Buffer; fileName?: string } | undefined> {
  const m = /^([A-Za-z0-9_-]{16,64})(\.docx)?$/.exec(file);
  if (!m) return undefined;
  const draft = await draftByToken(deps.store, m[1], deps.clock.now());
  if (!draft) return undefined;
  if (m[2]) {
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: draft.docx,
      fileName: `progress-report-${draft.createdAt.slice(0, 10)}.docx`,
    };
  }
  return { contentType: 'text/html; charset=utf-8', body: draft.html };
}
