import type { Clock } from '../core/clock';
import { POLICE_CATEGORIES } from '../domain/crime/categories';
import type { Store } from '../store/db';
import { CrimeRepo } from '../store/crimeRepo';
import { DEMO_SEED, generateDemoCrime } from './crimeGenerator';

const POLICE = new Set(POLICE_CATEGORIES.map((c) => c.slug));

/**
 * Loads the demo dataset (source 'demo', so every answer from it says "sample data"). Safe to
 * call on every start: a store already holding the whole demo dataset is left alone. Refuses a
 * store that holds real crime data, because figures must never mix real and demo data.
 */
export async function seedDemoCrime(store: Store, clock: Clock): Promise<void> {
  const repo = new CrimeRepo(store);
  const kind = await repo.datasetKind();
  if (kind === 'real') {
    throw new Error('This database already holds real crime data; the demo crime dataset was not loaded, so the two never mix.');
  }
  const months = generateDemoCrime(DEMO_SEED);
  if (kind === 'demo') {
    const done = new Set(await repo.completeMonths('demo'));
    if (months.every((m) => done.has(m.month))) return;
  }
  const importedAt = clock.now().toISOString();
  await repo.replaceMonths(
    months.map(({ month, rows }) => ({
      imp: {
        source: 'demo' as const,
        month,
        origin: `demo generator (seed ${DEMO_SEED})`,
        importedAt,
        records: rows.filter((r) => POLICE.has(r.category)).reduce((s, r) => s + r.count, 0),
      },
      rows,
    })),
  );
}
