import type { Answer } from '../../core/answer';
import type { RequestContext } from '../../core/turn';
import { partnershipOf, type AppDeps } from '../deps';
import { FollowUpRepo } from '../../store/followUpRepo';
import { summaryOf, visible } from '../followups/followupsApp';
import { noPlanLoaded } from '../actions/actionsApp';

/**
 * Which plan themes and committee requests are about a crime type: its own words, or the family of
 * work it belongs to (a burglary is tackled under acquisitive crime). Keyed by police.uk slug or
 * local measure, matched loosely because every partnership names its themes its own way.
 */
const FAMILIES: { slug: RegExp; words: RegExp }[] = [
  { slug: /anti-social/, words: /anti-?social|\basb\b|nuisance/i },
  { slug: /burglary|robbery|vehicle|shoplifting|theft|bicycle/, words: /acquisitive|theft|burglar|robber|business crime|vehicle|shop/i },
  { slug: /drugs/, words: /drug|organised|county lines/i },
  { slug: /violen|weapons|stalking|domestic/, words: /violen|weapon|knife|serious|domestic|vawg|stalking/i },
  { slug: /criminal-damage|arson/, words: /damage|arson|graffiti|anti-?social/i },
  { slug: /public-order/, words: /public order|anti-?social|night-?time/i },
  { slug: /hate/, words: /hate/i },
];

export function aboutCategory(slug: string | undefined, text: string): boolean {
  if (!slug) return false;
  return FAMILIES.some((f) => f.slug.test(slug) && f.words.test(text));
}

/**
 * "What are we doing about ASB in Rother": the figures, the open actions on that subject in that
 * place (all the place's open actions when none is on the subject, said so), and the committee's
 * latest request on the subject. Follow-ups carry no data version, so this part is read each time.
 */
export async function joinWithPlan(answer: Answer, ctx: RequestContext, deps: AppDeps): Promise<Answer> {
  const slug = answer.category?.slug;
  const subject = answer.category?.name ?? 'crime';
  const place = answer.area?.name ?? deps.pack.district.name;
  const plan = await (await deps.snapshots.ofTurn(ctx)).plan(partnershipOf(deps));
  const themeOf = new Map(plan.items.map((a) => [a.id, `${a.theme} ${a.title}`]));
  const inPlace = answer.actions ?? [];
  const onSubject = slug ? inPlace.filter((a) => aboutCategory(slug, themeOf.get(a.id) ?? '')) : inPlace;
  const lines: string[] = [];
  if (plan.items.length === 0) {
    lines.push(noPlanLoaded(deps.pack.district.name));
  } else if (onSubject.length > 0) {
    lines.push(`What the partnership is doing: ${onSubject.length} open action${onSubject.length === 1 ? '' : 's'} on ${subject.toLowerCase()} in ${place}: ${onSubject.map((a) => `${a.id} ${a.title} (${a.status}${a.rag ? `, ${a.rag}` : ''})`).join('; ')}.`);
  } else if (inPlace.length > 0) {
    lines.push(`No open action in the plan is on ${subject.toLowerCase()} in ${place}; the open actions there are: ${inPlace.map((a) => `${a.id} ${a.title}`).join('; ')}.`);
  } else {
    lines.push(`No open action in the plan is tagged to ${place}.`);
  }
  const requests = (await new FollowUpRepo(deps.store, partnershipOf(deps)).list())
    .filter((f) => visible(f, ctx) && aboutCategory(slug, f.title))
    .sort((a, b) => (b.source.meetingDate ?? '').localeCompare(a.source.meetingDate ?? '') || b.dueDate.localeCompare(a.dueDate));
  const latest = requests[0];
  if (latest) {
    const s = summaryOf(latest);
    lines.push(`The committee's latest request on it${latest.source.meetingDate ? ` (meeting of ${latest.source.meetingDate})` : ''}: ${s.title}, due ${s.due}, ${s.status}.`);
  } else if (slug) {
    lines.push(`The committee has no recorded request on ${subject.toLowerCase()}.`);
  }
  return { ...answer, actions: onSubject.length > 0 ? onSubject : inPlace, followups: latest ? [summaryOf(latest)] : answer.followups, text: `${answer.text} ${lines.join(' ')}` };
}
