import { foldPhrase } from './normalise';

/**
 * The plan's lead officers as people name them in questions: "Jo Whitfield's actions", "what is
 * Dan Hughes working on". Matched by full name, with or without a rank or title.
 */

/** Ranks and titles before an officer's name ("Insp Dan Hughes"), which people often leave out. */
const NAME_TITLE = /^(?:insp|inspector|ch insp|chief inspector|sgt|sergeant|pc|pcso|supt|superintendent|ch supt|di|ds|dc|cllr|councillor|dr|mr|mrs|ms|miss|mx)\s+/;

/** Each lead officer's name as people may say it, folded: whole, and without a rank or title. */
export function compileLeads(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) {
    const folded = foldPhrase(name);
    if (!folded) continue;
    out.set(folded, name.trim());
    const bare = folded.replace(NAME_TITLE, '');
    if (bare !== folded && bare.includes(' ')) out.set(bare, name.trim());
  }
  return out;
}

/** A lead officer of the plan named in the question ("Jo Whitfield", "Jo Whitfield's"), longest name first, as the plan has it. */
export function leadNamed(plain: string, leads: ReadonlyMap<string, string>): string | undefined {
  const padded = ` ${plain} `;
  let best: [string, string] | undefined;
  for (const [folded, name] of leads) {
    const said = padded.includes(` ${folded} `) || padded.includes(` ${folded}s `);
    if (said && (!best || folded.length > best[0].length)) best = [folded, name];
  }
  return best?.[1];
}

/** Asking what someone is doing: with a lead officer's name, a question about their actions. */
export const ASKS_OF_LEAD = /\b(?:working on|responsible for|in charge of|leading|leads?|doing|actions?|tasks?|items?|up to|got on)\b/;
