import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeNeeding, itNeeding } from './sharedData';

/** The worked example lives in ../shared (never copied into the project); tests skip without it. */
export const MINUTES_SEED_PATH = join(__dirname, '..', '..', '..', 'shared', 'seeds', 'chesterfield-csp-progress-minutes-2021.txt');

export const hasMinutesSeed = existsSync(MINUTES_SEED_PATH);

/** `describe` when the worked example is present; else one skipped test saying why (the body is not run). */
export function describeWithSeed(title: string, body: () => void): void {
  describeNeeding(hasMinutesSeed, MINUTES_SEED_PATH, title, body);
}

/** `it` when the worked example is present; else skipped with the reason in its name. */
export function itWithSeed(title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  itNeeding(hasMinutesSeed, MINUTES_SEED_PATH, title, fn, timeout);
}

/** The worked example's text; call it inside a test, never at module load or in a describe body. */
export function minutesSeed(): string {
  return readFileSync(MINUTES_SEED_PATH, 'utf8');
}

/** Re-wraps every paragraph at `width` columns, as text copied out of a PDF arrives. */
export function rewrap(text: string, width: number): string {
  return text
    .split(/\n/)
    .map((line) => {
      const words = line.split(/ +/);
      const out: string[] = [];
      let cur = '';
      for (const w of words) {
        if (cur && (cur + ' ' + w).length > width) {
          out.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}
