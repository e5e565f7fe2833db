import type { CardJson } from '../../core/turn';
import type { MinutesExtract } from '../../domain/minutes/model';
import { describeDue } from '../../domain/followups/dueDate';
import { assertCardFits, cardBytes, CARD_BUDGET_BYTES, renderCard } from '../../cards/template';

/** Input ids on the preview card: derived from the proposal's key, so the verb can read them back. */
export function followUpInputIds(key: string): { include: string; due: string; owner: string } {
  const k = key.replace(/[^A-Za-z0-9]/g, '_');
  return { include: `include_${k}`, due: `due_${k}`, owner: `owner_${k}` };
}

export function linkInputId(activityKey: string, actionId: string): string {
  return `link_${activityKey.replace(/[^A-Za-z0-9]/g, '_')}_${actionId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function meetingLine(extract: MinutesExtract): string {
  const date = extract.meeting.date ? `Meeting of ${describeDue(extract.meeting.date, 'day', null)}` : 'Meeting date not given';
  return extract.meeting.presenter ? `${date} · presented by ${extract.meeting.presenter}` : date;
}

function dueHint(precision: 'day' | 'month' | null, due: string | null, chaseFrom: string | null): string {
  if (chaseFrom && !due) return `no date given in the minutes: reminders start from ${describeDue(chaseFrom, 'day', null)} unless you set one`;
  if (!due || !precision) return 'needed: the minutes give no date';
  return precision === 'month' ? `in ${describeDue(`${due}-01`, 'month', due)}; leave on the 1st to keep “in the month”` : describeDue(due, 'day', null);
}

/** How much the card shows: quotations are shortened, then dropped, then the list is cut, until it fits. */
const LEVELS = [
  { source: 280, title: 200, quotes: true },
  { source: 140, title: 140, quotes: true },
  { source: 70, title: 100, quotes: true },
  { source: 0, title: 90, quotes: false },
];

/**
 * The preview a coordinator confirms: each follow-up and action link as a toggle, dates and owners
 * editable. When the minutes hold more than one card can carry, the first follow-ups are shown
 * and `shown` (in the card's data) tells Create to leave the rest for the command line.
 */
export function minutesPreviewCard(extract: MinutesExtract): CardJson {
  for (const level of LEVELS) {
    const card = buildPreview(extract, level, extract.followUps.length);
    if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
  }
  let shown = extract.followUps.length;
  while (shown > 1) {
    shown = Math.floor(shown * 0.75);
    const card = buildPreview(extract, LEVELS[LEVELS.length - 1], shown);
    if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
  }
  return assertCardFits(buildPreview(extract, LEVELS[LEVELS.length - 1], 1));
}

function buildPreview(extract: MinutesExtract, limits: (typeof LEVELS)[number], shown: number): CardJson {
  const hidden = extract.followUps.length - shown;
  const notices = hidden > 0 ? [...extract.notices, `${hidden} more follow-up${hidden === 1 ? ' was' : 's were'} found than fit on one card: they are not created from here; review them with \u201ccsp import minutes\u201d.`] : extract.notices;
  const data = {
    hash: extract.contentHash,
    shown: hidden > 0 ? shown : undefined,
    title: clip(extract.meeting.title ?? 'Untitled minutes', limits.title),
    meetingLine: meetingLine(extract),
    summary: extract.summary,
    notices,
    resolutions: limits.quotes ? extract.resolutions.map((r) => ({ number: r.number, text: clip(r.text, limits.source) })) : [],
    followUps: extract.followUps.slice(0, shown).map((f) => {
      const ids = followUpInputIds(f.key);
      return {
        includeId: ids.include,
        dueId: ids.due,
        ownerId: ids.owner,
        title: clip(`${f.exempt ? 'Exempt (Part 2): ' : ''}${f.title}`, limits.title),
        due: f.due ? (f.precision === 'month' ? `${f.due}-01` : f.due) : (f.chaseFrom ?? ''),
        dueHint: dueHint(f.precision, f.due, f.chaseFrom),
        owner: f.owner ?? '',
        paragraph: f.source.paragraph,
        source: limits.quotes ? clip(f.source.text, limits.source) : '(see the minutes)',
      };
    }),
    links: extract.activities.flatMap((a) =>
      a.matchedActionIds.map((actionId) => ({ id: linkInputId(a.key, actionId), actionId, actionTitle: clip(a.mention === 'listed' ? `${actionId} – ${a.title}` : a.title, limits.title), paragraph: a.source.paragraph })),
    ),
    newActivities: extract.activities.filter((a) => a.matchedActionIds.length === 0).map((a) => ({ title: clip(a.title, limits.title), paragraph: a.source.paragraph })),
    figures: limits.quotes ? extract.figures.map((f) => clip(f.text, 160)) : [],
    wards: extract.wards.map((w) => w.name).join(', '),
  };
  const card = renderCard('minutes-preview', data);
  if (hidden > 0) {
    for (const a of (card as { actions?: { data?: Record<string, unknown> }[] }).actions ?? []) if (a.data) a.data.shown = shown;
  }
  return card;
}

export interface DoneState {
  by: string;
  cancelled?: boolean;
  result?: {
    followUpsCreated: { id: string; title: string }[];
    followUpsExisting: { id: string; title: string }[];
    linksCreated: number;
    linksExisting: number;
  };
}

/** What everyone in the chat sees after Create or Cancel: the preview is replaced, its buttons gone. */
export function minutesDoneCard(extract: MinutesExtract, state: DoneState): CardJson {
  const lines: string[] = [];
  if (state.cancelled) lines.push(`Cancelled by ${state.by}: nothing was created.`);
  else if (state.result) {
    const r = state.result;
    lines.push(`Imported by ${state.by}.`);
    lines.push(`${r.followUpsCreated.length} follow-up${r.followUpsCreated.length === 1 ? '' : 's'} created${r.followUpsExisting.length ? `; ${r.followUpsExisting.length} already existed and were not duplicated` : ''}.`);
    for (const f of r.followUpsCreated) lines.push(`- ${f.id}: ${clip(f.title, 160)}`);
    lines.push(`${r.linksCreated} link${r.linksCreated === 1 ? '' : 's'} to the minutes added${r.linksExisting ? `; ${r.linksExisting} already there` : ''}.`);
  }
  return assertCardFits(
    renderCard('minutes-result', {
      heading: `${state.cancelled ? 'Import cancelled' : 'Minutes imported'}: ${clip(extract.meeting.title ?? 'Untitled minutes', 160)}`,
      meetingLine: meetingLine(extract),
      lines,
    }),
  );
}
