import type { Answer } from '../../core/answer';
import { describeRole, Role } from '../../core/roles';

/** Questions shown as buttons on the welcome card and after an answer the bot could not give. */
export const EXAMPLE_QUESTIONS: readonly { label: string; question: string }[] = [
  { label: 'ASB trend in Rother', question: 'ASB trend in Rother ward' },
  { label: 'Wards with most burglary', question: 'Which wards have the most burglary per 1,000 residents?' },
  { label: 'Crime breakdown for Hasland', question: 'Breakdown of crime types in Hasland' },
  { label: 'Overdue actions', question: 'Which actions are overdue?' },
  { label: "What's due", question: "What's due?" },
];

export interface HelpContent {
  title: string;
  intro: string;
  abilities: { name: string; detail: string }[];
  examplesHeading: string;
  examples: { label: string; question: string }[];
  footer: string;
}

/** What the bot can do, in the words of the partnership it serves. */
export function helpContent(districtName: string, role: Role): HelpContent {
  return {
    title: `Community Safety Assistant for ${districtName}`,
    intro:
      'Ask me about crime and anti-social behaviour in your ward in plain English, and I will answer with figures, a chart, their source and what to be careful about. I also keep the partnership\'s action plan and remind people of what the Crime and Disorder Committee asked for.',
    abilities: [
      { name: 'Crime and ASB', detail: 'Trends, totals, ward rankings (also per 1,000 residents) and breakdowns by crime type, for a ward, a named area or the borough.' },
      { name: 'Action plan', detail: 'Where each action stands, what is red or overdue, who leads it; leads update their actions from the card.' },
      { name: 'Follow-ups', detail: 'What the committee asked for and when it is due; reminders before the date and while overdue.' },
      {
        name: 'Following on',
        detail: 'After an answer you can say just "and in Walton?", "as a rate?", "rising or falling?", "where is it worst?" or "only the red ones": I keep your last question for 30 minutes, for you alone.',
      },
      {
        name: 'Not held',
        detail:
          'Monthly police.uk figures only, about two months behind: no days or weeks, no outcomes (charges, convictions), no forecasts, and nothing the council records (fly-tipping, bins). I say so and offer the nearest figure I hold.',
      },
      { name: 'Your role', detail: `You are a ${describeRole(role)}. Type "whoami" at any time.` },
    ],
    examplesHeading: 'Try one of these:',
    examples: [...EXAMPLE_QUESTIONS],
    footer: 'Figures from police.uk contain public sector information licensed under the Open Government Licence v3.0.',
  };
}

export function helpAnswer(districtName: string, role: Role, lead?: string): Answer {
  const h = helpContent(districtName, role);
  return {
    intent: 'help',
    text: `${lead ? `${lead} ` : ''}${h.intro}`,
    suggestions: h.examples.map((e) => e.question),
  };
}
