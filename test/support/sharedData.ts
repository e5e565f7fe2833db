import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real public data next to the repository (`<repo>/../shared/data`); absent in a fresh clone. */
export const SHARED_DATA = join(__dirname, '../../../shared/data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'police-uk-2018-06'));

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** `describe` when ../shared/data is present, otherwise a skipped block that says why. */
export function describeWithSharedData(title: string, body: () => void): void {
  if (hasSharedData) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it.skip(`needs the real data in ${SHARED_DATA} (absent: a fresh clone); runs in CI`, () => undefined);
  });
}

/** Minimal CSV reader for the small, unquoted reference files in ../shared/data. */
export function readSimpleCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/\r/g, '').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}
