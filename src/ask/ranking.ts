/**
 * Which way a ranking runs and what it ranks by. "Fewest", "bottom three", "quietest", "safest"
 * and "best" rank from the lowest; "top", "highest", "worst" and "biggest problem" from the
 * highest. A judgement of safety ("safest", "most dangerous", "worst", "best") ranks by rate
 * per 1,000 residents, because a count mostly measures how many people live there; the answer
 * says which was used.
 */

const ASCENDING = /\b(?:fewest|least|lowest|bottom|quietest|safest|best|smallest|calmest|lowest rates?|least affected|least crime|least safe)\b/;
const DESCENDING = /\b(?:top|highest|most|worst|biggest|largest|busiest|hotspots?|hot spots?|most affected|worst affected|least safe|most dangerous|problem areas?|highest rates?)\b/;
/** Words that judge safety rather than count. */
const JUDGEMENT = /\b(?:safest|safe|safer|least safe|unsafe|dangerous|most dangerous|worst|best|quietest|roughest|dodgiest|problem areas?)\b/;

export const RANK_EXTRA = /\b(?:fewest|quietest|best|biggest|largest|busiest|calmest|smallest|most dangerous|least safe|problem areas?|roughest|dodgiest)\b/;

export interface RankReading {
  order: 'asc' | 'desc';
  /** Rank by rate per 1,000 residents because the words judge safety. */
  byRateForJudgement: boolean;
}

export function readRanking(plain: string): RankReading {
  // "least safe" is the highest; so is "most dangerous".
  const desc = DESCENDING.exec(plain);
  const asc = ASCENDING.exec(plain);
  let order: 'asc' | 'desc' = 'desc';
  if (/\bleast safe\b/.test(plain)) order = 'desc';
  else if (asc && (!desc || asc.index < desc.index)) order = 'asc';
  return { order, byRateForJudgement: JUDGEMENT.test(plain) };
}

const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20 };
const COUNT_SRC = '(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)';
const RANK_COUNT = new RegExp(
  `\\b(?:top|bottom) ${COUNT_SRC}\\b|\\b${COUNT_SRC} (?:(?:highest|lowest|worst|best|safest|quietest|busiest|most|least|fewest)\\b|wards\\b)`,
);

/** How many wards a ranking names ("top 5 wards", "the ten worst wards"), when a number is asked for. */
export function readRankCount(plain: string): number | undefined {
  const m = RANK_COUNT.exec(plain);
  if (!m) return undefined;
  const word = m[1] ?? m[2];
  const n = /^\d+$/.test(word) ? Number(word) : COUNT_WORDS[word];
  return n >= 1 && n <= 50 ? n : undefined;
}

/** "the main problem in Rother", "what's the biggest issue", "the least common crime": a breakdown by type, which lists every type. */
export const MAIN_PROBLEM =
  /\b(?:main|biggest|largest|top|major|worst|most common|commonest|key|greatest|least common|rarest|smallest) (?:problems?|issues?|crimes?|crime types?|offences?|concerns?|types? of crime)\b|\bwhat (?:crimes?|kinds? of crime|sort of crime|type of crime) (?:happen|happens|are|is|occur)\b/;

/** Words that say how a ranking by change runs ("falling fastest"): read by changeDirection. */
export const CHANGE_RANK_WORDS = /^(?:fastest|quickest|sharpest|steepest|biggest|largest|greatest|most|doubled|tripled|halved|seen|saw)$/;

/** "which wards have seen ASB fall", "where has burglary gone up": wards by how they changed. */
export const WARDS_CHANGED =
  /\b(?:which|what|where|the) wards?\b.{0,60}\b(?:rise|rose|risen|rising|increased?|increasing|gone up|went up|go up|fall|fell|fallen|falling|drop|dropped|dropping|decreased?|decreasing|reduced|gone down|went down|go down|improved|improving|worsened|got worse|got better|changed)\b|\bwhere (?:has|have|did|is|are)\b.{0,40}\b(?:gone up|gone down|risen|fallen|increased|decreased|dropped|rising|falling)\b/;
const RISE_WORDS = /\b(?:increases?|increased|increasing|rises?|rose|risen|rising|jumps?|growth|growing|spikes?|gone up|went up|go up|worse|worsened|worsening|doubled|tripled)\b/;
const FALL_WORDS = /\b(?:falls?|fell|fallen|falling|drops?|dropped|dropping|decreases?|decreased|decreasing|reductions?|reduced|gone down|went down|go down|improved?|improvements?|improving|better|halved)\b/;

/** Which way a ranking by change runs: rises first, falls first, or both when the words do not say. */
export function changeDirection(plain: string): 'rise' | 'fall' | 'change' {
  const rise = RISE_WORDS.test(plain);
  const fall = FALL_WORDS.test(plain);
  return rise && !fall ? 'rise' : fall && !rise ? 'fall' : 'change';
}
