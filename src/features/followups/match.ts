import type { FollowUp } from '../../domain/followups/model';

const STOP = new Set(
  'a an the of on in to for and or about re regarding me us this that these those my our with from by at be is are was were it its further more info information details detail figures figure numbers stats statistics thing stuff'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** Words that say what kind of thing is owed, not which: "the CCTV report" is not any report. */
const KIND_WORDS = new Set('report update paper item review progress briefing note letter response answer reply meeting committee data'.split(' '));

/**
 * Follow-ups a person means by a few words ("the hate crime figures", "the progress report"): each
 * scored by the share of their meaningful words found in the title, best first; no match, none.
 * Half the words naming the subject must be there too: "the CCTV report" never means another report.
 */
export function matchFollowUps(about: string, items: FollowUp[]): { followUp: FollowUp; score: number }[] {
  const wanted = [...new Set(words(about))];
  if (wanted.length === 0) return [];
  const subject = wanted.filter((w) => !KIND_WORDS.has(w));
  return items
    .map((f) => {
      const title = new Set(words(`${f.title} ${f.id}`));
      const hits = wanted.filter((w) => title.has(w)).length;
      const named = subject.length === 0 || subject.filter((w) => title.has(w)).length / subject.length >= 0.5;
      return { followUp: f, score: hits / wanted.length, named };
    })
    .filter((m) => m.score >= 0.5 && m.named)
    .map(({ followUp, score }) => ({ followUp, score }))
    .sort((a, b) => b.score - a.score || a.followUp.dueDate.localeCompare(b.followUp.dueDate));
}
