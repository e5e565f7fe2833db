import type { Answer, Period } from '../../core/answer';
import type { AreaRef } from '../../domain/areas/pack';
import { formatPeriod } from '../../domain/crime/periods';
import { describeRole, hasAtLeast, Role } from '../../core/roles';
import { exampleQuestions, type ExampleQuestion } from './examples';

/**
 * What each role can ask, with examples. The Teams command menu (manifest/manifest.json) offers
 * the same commands: a test holds the two together.
 */
export const ROLE_EXAMPLES: readonly { role: Role; who: string; examples: readonly string[] }[] = [
  { role: 'member', who: 'Councillors and members', examples: ['ASB trend in my ward', 'Rank wards for burglary', 'Crime breakdown', 'Violence in the town centre'] },
  { role: 'officer', who: 'Partnership officers', examples: ['Show the action plan', 'Overdue actions', 'My actions', "What's due"] },
  { role: 'coordinator', who: 'Coordinators', examples: ['Import minutes (in a personal chat)', 'Remind this channel about the CCTV report on 1 October', 'Draft the next progress report'] },
];

/** The commands of the Teams command menu, as the manifest lists them (title, description). */
export const COMMAND_MENU: readonly { title: string; description: string }[] = [
  { title: 'ASB trend in my ward', description: 'Anti-social behaviour month by month against the year before. Name your ward, e.g. ASB trend in Brimington North' },
  { title: 'Rank wards for burglary', description: 'Wards ranked by burglaries over the last 12 months, with the rate per 1,000 residents' },
  { title: 'Crime breakdown', description: 'Recorded crime by type for the district or a ward, e.g. crime breakdown in Hasland' },
  { title: 'Show the action plan', description: "The partnership's actions with status, RAG rating, lead agency and target date" },
  { title: 'Overdue actions', description: 'Actions past their target date that are not yet complete, and who leads them' },
  { title: 'My actions', description: 'The actions you lead, to update them from the card' },
  { title: "What's due", description: 'Committee follow-ups due soon or overdue, and who they are with' },
  { title: 'Help', description: 'What I can answer, the wards I know and the months my figures cover' },
  { title: 'Who am I', description: 'Your role in the partnership: member, officer, coordinator or admin' },
];

/** What the bot holds, told in help: the wards it knows and the months its crime figures cover. */
export interface HelpCoverage {
  wards: AreaRef[];
  /** First and last month of crime figures; null when none are loaded. */
  months: Period | null;
  sample: boolean;
}

export interface HelpContent {
  title: string;
  intro: string;
  abilities: { name: string; detail: string }[];
  /** Example questions for each role, the asker's own first. */
  roles: { name: string; detail: string }[];
  /** "The 19 wards I know: …", or empty when not known. */
  wards: string;
  /** "Crime figures: Feb 2018 – Jan 2021 (sample data)." */
  dataMonths: string;
  examplesHeading: string;
  examples: ExampleQuestion[];
  footer: string;
}

const INTRO =
  "Ask me about crime and anti-social behaviour in your ward in plain English, and I will answer with figures, a chart, their source and what to be careful about. I also keep the partnership's action plan and remind people of what the Crime and Disorder Committee asked for.";

/** The card's opening words: the answer's lead ("You sent an empty message.") and the intro; any other help text as it is. */
function introOf(text: string | undefined): string {
  if (!text) return INTRO;
  const at = text.indexOf(INTRO);
  return at < 0 ? text : `${text.slice(0, at)}${INTRO}`;
}

function monthsLine(c: Pick<HelpCoverage, 'months' | 'sample'> | undefined): string {
  if (!c) return '';
  if (!c.months) return 'No crime figures are loaded yet.';
  return `My crime figures cover ${formatPeriod(c.months)}${c.sample ? ' (sample data for the demo, not real figures)' : ''}.`;
}

function wardsLine(c: HelpCoverage | undefined, districtName: string): string {
  if (!c || c.wards.length === 0) return '';
  return `The ${c.wards.length} wards of ${districtName} I know: ${c.wards.map((w) => w.name).join(', ')}.`;
}

/**
 * A person's role is theirs to know: it is told in a personal chat, never to a whole channel or
 * group (a welcome there is the same for everyone in it).
 */
export function roleToTell(ctx: { actor: { role: Role }; conversation: { type: string } }): Role | null {
  return ctx.conversation.type === 'personal' ? ctx.actor.role : null;
}

/**
 * What the bot can do, in the words of the partnership it serves; `answer` carries what it holds
 * (from helpAnswer). `role` null: a channel or group chat, where nothing is said of anyone's role.
 */
export function helpContent(districtName: string, role: Role | null, answer?: Pick<Answer, 'text' | 'areas' | 'period' | 'caveats'>): HelpContent {
  const coverage: HelpCoverage | undefined = answer?.areas
    ? { wards: answer.areas, months: answer.period ?? null, sample: (answer.caveats ?? []).some((c) => /sample data/i.test(c)) }
    : undefined;
  const own = role ? ROLE_EXAMPLES.filter((r) => hasAtLeast(role, r.role)).reverse() : [];
  const others = ROLE_EXAMPLES.filter((r) => !own.includes(r));
  return {
    title: `Community Safety Assistant for ${districtName}`,
    intro: introOf(answer?.text),
    abilities: [
      { name: 'Crime and ASB', detail: 'Trends, totals, ward rankings (also per 1,000 residents) and breakdowns by crime type, for a ward, a named area or the borough.' },
      { name: 'Action plan', detail: 'Where each action stands, what is red or overdue, who leads it; leads update their actions from the card. Coordinators add actions, change leads and dates, close and reopen them, and give people roles, from the plan card.' },
      { name: 'Follow-ups', detail: 'What the committee asked for and when it is due; reminders before the date and while overdue.' },
      {
        name: 'Following on',
        detail: 'After an answer you can say just "and in Walton?", "as a rate?", "rising or falling?", "where is it worst?" or "only the red ones": I keep your last question for 30 minutes, for you alone.',
      },
      {
        name: 'Partnerships',
        detail: `Each team or chat answers for one partnership (${districtName} unless a coordinator chose another): ask "which partnership is this?". A coordinator can say "use partnership" and a district's name to answer for another district the bot holds.`,
      },
      {
        name: 'Not held',
        detail:
          'Monthly police.uk figures only, about two months behind: no days or weeks, no outcomes (charges, convictions), no forecasts, and nothing the council records (fly-tipping, bins). I say so and offer the nearest figure I hold.',
      },
      role
        ? { name: 'Your role', detail: `You are a ${describeRole(role)}. Type "whoami" at any time.` }
        : { name: 'Your role', detail: 'What you may change depends on the role the partnership gave you: ask me "whoami" in a personal chat.' },
    ],
    roles: [...own, ...others].map((r) => ({ name: r.who, detail: r.examples.map((e) => `"${e}"`).join(', ') })),
    wards: wardsLine(coverage, districtName),
    dataMonths: monthsLine(coverage),
    examplesHeading: 'Try one of these:',
    examples: exampleQuestions(coverage?.wards),
    footer: 'Figures from police.uk contain public sector information licensed under the Open Government Licence v3.0.',
  };
}

export function helpAnswer(districtName: string, role: Role | null, lead?: string, coverage?: HelpCoverage): Answer {
  const h = helpContent(districtName, role);
  const holds = [wardsLine(coverage, districtName), monthsLine(coverage)].filter((s) => s !== '').join(' ');
  return {
    intent: 'help',
    text: `${lead ? `${lead} ` : ''}${h.intro}${holds ? ` ${holds}` : ''}`,
    ...(coverage ? { areas: coverage.wards, period: coverage.months, caveats: coverage.sample ? ['These figures are synthetic sample data for the demo, not real crime figures.'] : [] } : {}),
    suggestions: exampleQuestions(coverage?.wards).map((e) => e.question),
  };
}
