import type { Period } from '../../core/answer';
import { isLocalMeasure } from '../../domain/crime/categories';

/** The warnings that go with crime figures (see notes on police.uk); each applies only where it is true. */
export const CAVEATS = {
  sampleData: 'These figures are synthetic sample data for the demo, not real crime figures.',
  asb: 'Anti-social behaviour is counted as incidents, not crimes, and is seasonal (it rises in summer): compare like months with like.',
  covid:
    'During the Covid-19 lockdowns (March 2020 – March 2021) breaches of the rules were logged as anti-social behaviour and public order, so changes over those months are partly a change in recording.',
  snapping:
    'police.uk places each crime at an anonymised map point and leaves out crimes it cannot place, so ward and area totals are approximate and will not match force or Home Office figures.',
  recording: 'A rise can come from a change in how crimes are recorded or reported rather than a change in crime itself.',
  localExtract: 'These figures come from a local police or analyst extract, not police.uk, and are not published.',
  suppression: (threshold: number) => `To protect privacy, local counts below ${threshold} for a ward in a month are shown as "fewer than ${threshold}".`,
} as const;

/** Months logged differently during the lockdowns. */
const COVID_FROM = '2020-03';
const COVID_TO = '2021-03';

function touches(p: Period | null | undefined, from: string, to: string): boolean {
  return !!p && p.from <= to && p.to >= from;
}

export interface CaveatFacts {
  /** The category slugs the figures cover; null stands for all crime. */
  categories: (string | null)[];
  period: Period | null;
  previousPeriod: Period | null;
  /** True when the figures went up against the comparison period. */
  rose: boolean;
  sampleData: boolean;
  /** True when some count was withheld because it fell below the threshold. */
  suppressed: boolean;
  suppressionThreshold: number;
}

/** The caveats that apply to these figures, most important first. */
export function crimeCaveats(f: CaveatFacts): string[] {
  const out: string[] = [];
  if (f.sampleData) out.push(CAVEATS.sampleData);
  const slugs = f.categories;
  const asb = slugs.includes('anti-social-behaviour');
  const local = slugs.some((s) => s !== null && isLocalMeasure(s));
  const policeUk = slugs.some((s) => s === null || !isLocalMeasure(s));
  // Covid logging moved counts between ASB and public order; all crime contains public order.
  const covidSensitive = slugs.some((s) => s === null || s === 'anti-social-behaviour' || s === 'public-order');
  if (asb) out.push(CAVEATS.asb);
  if (covidSensitive && (touches(f.period, COVID_FROM, COVID_TO) || touches(f.previousPeriod, COVID_FROM, COVID_TO))) out.push(CAVEATS.covid);
  if (policeUk) out.push(CAVEATS.snapping);
  if (local) out.push(CAVEATS.localExtract);
  if (f.suppressed) out.push(CAVEATS.suppression(f.suppressionThreshold));
  if (f.rose) out.push(CAVEATS.recording);
  return out;
}
