import type { Clock } from '../core/clock';
import { POLICE_CATEGORIES } from '../domain/crime/categories';
import type { Store } from '../store/db';
import { CrimeRepo } from '../store/crimeRepo';
import { chesterfieldPack } from '../domain/areas/chesterfield';
import { DEMO_SEED, generateDemoCrime } from './crimeGenerator';

/** The demo partnership is Chesterfield's: the generator writes its LSOAs, and its plan and follow-ups are Chesterfield's. */
export const DEMO_DISTRICT = chesterfieldPack.district.code;

const POLICE = new Set(POLICE_CATEGORIES.map((c) => c.slug));

/**
 * Loads the demo dataset (source 'demo', so every answer from it says "sample data"). Safe to
 * call on every start: a store already holding the whole demo dataset is left alone. Refuses a
 * store that holds real crime data, because figures must never mix real and demo data.
 */
export async function seedDemoCrime(store: Store, clock: Clock): Promise<void> {
  // Real data of any district stops the demo: figures never mix real and demo data.
  const kind = await new CrimeRepo(store).datasetKind();
  const repo = new CrimeRepo(store, DEMO_DISTRICT);
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
        district: DEMO_DISTRICT,
        origin: `demo generator (seed ${DEMO_SEED})`,
        importedAt,
        records: rows.filter((r) => POLICE.has(r.category)).reduce((s, r) => s + r.count, 0),
      },
      rows,
    })),
  );
}
