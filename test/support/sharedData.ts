import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real public data next to the repository (`<repo>/../shared/data`); absent in a fresh clone. */
export const SHARED_DATA = join(__dirname, '../../../shared/data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'police-uk-2018-06'));

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/**
 * `describe` when `path` is present; otherwise one skipped test that says what is missing. The
 * body is not run at all then (a skipped `describe` still runs its body, which may read the file).
 */
export function describeNeeding(present: boolean, path: string, title: string, body: () => void): void {
  if (present) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it.skip(needs(path), () => undefined);
  });
}

/** `it` when `path` is present; otherwise the test is skipped with the reason in its name. */
export function itNeeding(present: boolean, path: string, title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (present) it(title, fn, timeout);
  else it.skip(`${title} (${needs(path)})`, () => undefined);
}

function needs(path: string): string {
  return `needs ${path}, absent in a fresh clone without ../shared`;
}

/** `describe` when ../shared/data is present, otherwise a skipped block that says why. */
export function describeWithSharedData(title: string, body: () => void): void {
  describeNeeding(hasSharedData, SHARED_DATA, title, body);
}

/** `it` when ../shared/data is present, otherwise skipped with the reason in its name. */
export function itWithSharedData(title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  itNeeding(hasSharedData, SHARED_DATA, title, fn, timeout);
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
