import { createHash } from 'node:crypto';
import type { Store } from '../../src/store/db';

/**
 * A fingerprint of everything an import may write (counts, import records, the data version):
 * equal before and after a refusal means the store is as it was.
 */
export async function crimeTablesHash(store: Store): Promise<string> {
  const counts = await store.db.selectFrom('crime_count').selectAll().orderBy('source').orderBy('month').orderBy('area_type').orderBy('area_code').orderBy('category').execute();
  const imports = await store.db.selectFrom('crime_import').selectAll().orderBy('source').orderBy('month').orderBy('scope').execute();
  const meta = await store.db.selectFrom('app_meta').selectAll().orderBy('key').execute();
  const normalise = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' || typeof v === 'number' ? String(v) : v])));
  return createHash('sha256')
    .update(JSON.stringify([normalise(counts), normalise(imports), normalise(meta)]))
    .digest('hex');
}
