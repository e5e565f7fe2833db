import type { ActionFilter } from '../core/query';

/**
 * The words that decide what a question asks. Each test runs on the question's folded words
 * joined by single spaces ("what's overdue?" → "whats overdue"), except where a subject must be
 * kept as typed (reminders, action titles), which run on the cleaned text.
 */

export const WHOAMI = /^(?:please )?(?:whoami|who am i|whats my role|what is my role|my role|what role (?:do i have|am i|have i got)|what are my (?:permissions|rights)|what (?:permissions|access) do i have|which role (?:do i have|am i))(?: please)?$/;

export const HELP = /^(?:please )?(?:help|help me|help please|what can you do|what can i ask(?: you)?|what do you do|how does this work|how do i use (?:this|you|the bot)|how to use|commands|command list|examples?|menu|usage|instructions|get started|getting started|start|what are you)$/;

export const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|thanks|thank you|thank you very much|thanks a lot|many thanks|cheers|ta|ok|okay|great|brilliant|lovely|bye|goodbye|see you)(?: (?:there|bot|all|everyone|so much|again|very much))*$/;

/** "import minutes" (and the like) at the very start; the pasted minutes follow. */
export const MINUTES_IMPORT = /^\s*(?:please\s+)?(?:import|upload|load|add|process)\s+(?:the\s+|these\s+|this\s+|our\s+)?(?:committee\s+|meeting\s+)?minutes\b[\s:.-]*/i;

export const STOP_REMINDING =
  /\b(?:stop|cancel|end|mute|turn off|switch off|no more|don'?t|do not|quit)\s+(?:the\s+|my\s+|all\s+|these\s+)?(?:remind(?:ing|ers?)?|sending(?: me)? reminders|nagging)\b\s*(?:me|us|this channel|this chat|the channel|the team|everyone(?: here)?|this conversation)?\s*(?:about|of|for|on|re:?|regarding|to)?\s*(.*)$/i;

export const UNSUBSCRIBE = /\bunsubscribe(?: me)? from\s+(?:reminders (?:about|for)\s+)?(.+)$/i;

export const REMIND =
  /\bremind\s+(me|us|this channel|this chat|this conversation|this group|this team|the channel|the team|the group|the committee|everyone(?: here)?|all of us|all)\b\s*(?:about|of|to|that|re:?|regarding|on the subject of)?\s*(.*)$/i;

export const FOLLOWUP_WORDS =
  /\b(?:follow ?ups?|followups?|whats (?:due|overdue)|what is (?:due|overdue)|what are (?:due|overdue)|anything (?:due|overdue)|whats coming up|coming up|due (?:soon|this week|next week|this month|next month)|due dates?|resolutions?|what did we (?:resolve|agree|ask for|decide|request)|what was (?:resolved|agreed|decided|requested)|last (?:meeting|committee)|previous (?:meeting|committee)|committee (?:asked|requests?)|outstanding (?:requests?|items)|my reminders|reminders|what did (?:the )?committee (?:ask|want|request|resolve|agree|decide)(?: for)?|(?:committee|committees) (?:ask|asked|wants?|wanted|requested)|progress reports?|next report|reports? (?:is |are )?due|when is (?:the |our )?(?:next )?(?:report|update) due|report back|come back to (?:the )?committee|what (?:have|has) (?:we|the partnership) (?:been asked|promised|committed))\b/;

/** "who is leading on ASB", "who's working on burglary": the plan's leads, not figures. */
export const WHO_LEADS = /\bwho(?:s| is| are)? (?:leading|leads|lead|working|responsible|in charge|owns|doing something)(?: on| for| about)?\b/;

export const ACTION_WORDS = /\b(?:actions?|action plan|the plan|plan|operation [a-z]+|workstreams?|initiatives?|tracker)\b/;

/** Lead-ins that name one action: "status of X", "how is X going". Run on the cleaned text. */
export const DETAIL_LEADINS: RegExp[] = [
  /\b(?:status|progress|update|updates|latest|news|position|detail|details)\s+(?:of|on|for|with|about|re)\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\bhow(?:'s| is| are)\s+(?:the\s+)?(.+?)\s+(?:going|doing|getting on|progressing|coming along)\b/i,
  /\bwhat(?:'s| is) happening (?:with|on|about)\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\btell me (?:more )?about\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\bwhere are we (?:on|with|up to with)\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\bwho (?:leads|is leading|owns|is responsible for)\s+(?:on\s+|for\s+)?(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\bwho(?:'s| is) (?:the )?(?:lead|lead officer|owner|officer responsible) (?:for|on|of)\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
  /\bis (?:the\s+)?(.+?)\s+(?:working|on track|late|finished|done|delivered)\b/i,
  /\bwhat (?:has|have) changed (?:on|with|for)\s+(?:the\s+)?(.+?)(?:\s+since\b.*)?\s*[?.!]*$/i,
  // "when is the PSPO due to finish", "when will the guard cams work be done", "deadline for the CCTV bid".
  /\bwhen (?:is|are|was)\s+(?:the\s+)?(.+?)\s+(?:due|meant|supposed|expected|going|set|scheduled)\b/i,
  /\bwhen (?:will|does|do|should|did)\s+(?:the\s+)?(.+?)\s+(?:finish|end|expire|run out|run until|complete|be (?:done|finished|completed|delivered|ready))\b/i,
  /\b(?:deadline|target date|due date|end date)\s+(?:for|of|on)\s+(?:the\s+)?(.+?)\s*[?.!]*$/i,
];

/** Indexes of DETAIL_LEADINS that also fit crime questions ("how is Rother doing", "tell me about ASB"). */
export const WEAK_DETAIL_LEADINS = [1, 2, 3];

/** A reference of the action plan ("CSP-2021-07", "ASB/22/3"): that action, never a month. */
export const ACTION_REF = /\b(?!fy[-/]|q[1-4][-/])([A-Za-z]{2,8}[-/]\d{2,4}[-/]\d{1,4}[A-Za-z]?)\b/i;

export const OPERATION = /\b(operation\s+[A-Za-z][\w'-]*)/i;

export const CHANGED_SINCE = /\b(?:changed|changes|updated|updates|happened|new|moved|progress(?:ed)?)\b(?:.{0,120}?)\b(?:since|after)\s+(.+)$/i;
export const SINCE_LAST_MEETING = /\blast (?:meeting|committee|report|time|cycle)|previous (?:meeting|committee)\b/i;

export const OVERDUE = /\b(?:overdue|late|past (?:their |its |the )?(?:target|due) dates?|behind schedule|slipped|slipping|missed (?:their |its |the )?(?:target|deadline))\b/;

const RAG_WORD = /\b(red|amber|green|grey|gray)\b/g;

const STATUS_PHRASES: [RegExp, string][] = [
  [/\bnot (?:yet )?started\b/, 'not_started'],
  [/\bin progress\b|\bunderway\b|\bunder way\b|\bongoing\b/, 'in_progress'],
  [/\bon hold\b|\bpaused\b/, 'on_hold'],
  [/\bcompleted?\b|\bfinished\b/, 'completed'],
  [/\bclosed\b/, 'closed'],
  [/\bcancell?ed\b/, 'cancelled'],
  [/\bcarried forward\b|\bcarry forward\b/, 'carried_forward'],
];

export const MY_ACTIONS = /\b(?:my actions?|actions? (?:that )?i (?:lead|own|am leading|am responsible for|have)|(?:assigned to|owned by|led by) me|i(?:m| am) (?:leading|responsible for)|mine)\b/;

const AGENCY = '(police|the police|constabulary|council|the council|fire|fire service|fire and rescue|nhs|health|probation|cbc|dcc|county council|borough council|youth service|housing|environmental health|neighbourhood policing|community safety)';
export const LED_BY = new RegExp(`\\b(?:led by|lead by|owned by|run by|delivered by)\\s+(?:the\\s+)?([a-z][a-z' ]{1,60}?)(?=\\s+(?:in|for|that|which|with|on|since|and|are|is|overdue)\\b|$)`);
export const AGENCY_ACTIONS = new RegExp(`\\b${AGENCY}(?: led| lead)? actions\\b`);

export const THEME = /\b(?:theme|themed)\s+(?:of\s+)?([a-z][a-z ]{2,40}?)(?=\s+(?:in|for|that|which|are|is)\b|$)|\b([a-z][a-z ]{2,30}?)\s+theme\b/;

export function statusOf(plain: string): string | undefined {
  for (const [re, status] of STATUS_PHRASES) if (re.test(plain)) return status;
  return undefined;
}

export function ragsOf(plain: string): NonNullable<ActionFilter['rags']> {
  const out: NonNullable<ActionFilter['rags']> = [];
  for (const m of plain.matchAll(RAG_WORD)) {
    const rag = (m[1] === 'gray' ? 'grey' : m[1]) as 'green' | 'amber' | 'red' | 'grey';
    if (!out.includes(rag)) out.push(rag);
  }
  return out;
}

export const COMPARE_WORDS = /^(?:compare|compared|comparing|comparison|vs|versus|v|against)$/;

export const RANK =
  /\b(?:which wards?|what wards?|which areas?|what areas?|which part|worst|safest|highest|lowest|most|least|top \d+|top|bottom|rank|ranking|ranked|ranks|league table|hotspots?|hot spots?|each ward|every ward|all (?:the )?wards|by ward|per ward|ward by ward|wards compared)\b/;
export const PER_CAPITA = /\b(?:per (?:1000|1 000|thousand|head|capita|resident|residents|person|100000|100 000)|rates?|per capita|population|per 1k)\b/;
export const BREAKDOWN =
  /\b(?:breakdown|break down|broken down|split|types? of (?:crime|crimes|offences?)|crime types?|offence types?|categories|by type|by category|what kinds?|which kinds?|kinds of|mix|make up|makeup|what crimes)\b/;
/** Breakdown words that win even over ranking words ("break down the worst ward by type"). */
export const BREAKDOWN_STRONG = /\b(?:breakdown|break down|broken down|by type|by category|split by|by crime type)\b/;
export const TOTAL = /\b(?:how many|total|totals|number of|count|how much|sum)\b/;
export const TREND =
  /\b(?:trend|trends|trending|changed?|changing|rise|rising|risen|rose|increase[ds]?|increasing|decrease[ds]?|decreasing|fall|falling|fell|fallen|up|down|going|over time|monthly|month by month|chart|graph|pattern|seasonal|summer|winter|covid|lockdown|real|better|worse|improv(?:e|ed|ing)|compared)\b/;
/** Trend words strong enough to make a question about crime on their own ("is crime rising", "any seasonal pattern"). */
export const TREND_ALONE =
  /\b(?:trend|trends|trending|rising|rise|risen|increase[ds]?|increasing|decrease[ds]?|decreasing|falling|fallen|pattern|seasonal|covid|lockdown|chart|graph|month by month|over time)\b/;
export const CRIME_WORDS =
  /\b(?:crimes?|offen[cs]es?|incidents?|figures?|stats|statistics|numbers?|data|recorded|reported|reports|police uk|trend|breakdown|hotspots?|safe|safest|dangerous|levels?)\b/;
