import type { CategoryRef } from '../../core/answer';
import { unitOf } from '../../domain/crime/categories';

/**
 * Wording shared by every crime answer: counts with their unit, changes, ranks. Kept apart from
 * the answer builder so that the CLI, the cards and the tests word figures the same way.
 */

const grouping = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234 → "1,234". */
export function formatCount(n: number): string {
  return grouping.format(n);
}

/** 9.06 → "9.1"; a rate or a percentage, always one decimal. */
export function formatOneDecimal(n: number): string {
  return oneDecimal.format(n);
}

/** What a count below the suppression threshold is shown as. */
export function suppressedPhrase(threshold: number): string {
  return `fewer than ${threshold}`;
}

/** "412 incidents", "1 crime": ASB (and other incident measures) in incidents, the rest in crimes. */
export function countPhrase(n: number, unit: 'crimes' | 'incidents'): string {
  return `${formatCount(n)} ${n === 1 ? unit.slice(0, -1) : unit}`;
}

export function unitFor(category: CategoryRef | null | undefined): 'crimes' | 'incidents' {
  return unitOf(category?.slug ?? null);
}

/** The category as a sentence starts with it: "ASB", "All crime", "Burglary". */
export function categoryTitle(category: CategoryRef | null | undefined): string {
  if (!category) return 'All crime';
  if (category.slug === 'anti-social-behaviour') return 'ASB';
  return category.name;
}

/** The category inside a sentence: "ASB", "all crime", "burglary", "violence and sexual offences". */
export function categoryInSentence(category: CategoryRef | null | undefined): string {
  const title = categoryTitle(category);
  return title === 'ASB' ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** How the comparison period is named: "the previous 12 months", "the same months a year earlier". */
export function comparisonLabel(comparison: 'previous' | 'year-on-year', months: number): string {
  if (comparison === 'year-on-year' && months < 12) return months === 1 ? 'the same month a year earlier' : 'the same months a year earlier';
  if (months === 1) return 'the previous month';
  return `the previous ${months} months`;
}

/**
 * The change against the comparison period, as words that never depend on colour or sign:
 * "up 18.3% on the previous 12 months (348)", "down 6.2% …", "unchanged on … (348)",
 * "up from none in …", or that there is nothing to compare with.
 */
export function changeSentence(total: number, previousTotal: number | null, changePct: number | null, label: string): string {
  if (previousTotal === null) return `There are no figures for ${label} to compare with.`;
  if (total === previousTotal) return total === 0 ? `None in ${label} either.` : `Unchanged on ${label} (${formatCount(previousTotal)}).`;
  if (previousTotal === 0 || changePct === null) return `Up from none in ${label}.`;
  const direction = total > previousTotal ? 'Up' : 'Down';
  const size = Math.abs(changePct) < 0.1 ? 'less than 0.1%' : `${formatOneDecimal(Math.abs(changePct))}%`;
  return `${direction} ${size} on ${label} (${formatCount(previousTotal)}).`;
}

/** Lower-cases the first letter, to join a sentence to the one before with a comma. */
export function continueSentence(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
