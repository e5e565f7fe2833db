import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The worked example lives in ../shared (never copied into the project); tests skip without it. */
export const MINUTES_SEED_PATH = join(__dirname, '..', '..', '..', 'shared', 'seeds', 'chesterfield-csp-progress-minutes-2021.txt');

export const hasMinutesSeed = existsSync(MINUTES_SEED_PATH);

let warned = false;

/** `describe` when the worked example is present, else `describe.skip` with one line saying why. */
export function describeWithSeed(title: string, body: () => void): void {
  if (!hasMinutesSeed && !warned) {
    warned = true;
    console.log(`Skipping tests on the worked example: ${MINUTES_SEED_PATH} is absent (a fresh clone without ../shared).`);
  }
  (hasMinutesSeed ? describe : describe.skip)(title, body);
}

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
