import type { Store } from './db';
import type { AreaPack } from '../domain/areas/pack';
import { parsePack } from '../domain/areas/validate';
import { replaceWardLookup } from './wardTotals';

export interface StoredAreaPack {
  code: string;
  name: string;
  /** The pack as JSON text; parse it with `parsePack` (src/domain/areas/validate.ts). */
  packJson: string;
  origin: string;
  importedAt: string;
}

/** The pack a JSON text holds, or null when it is not a valid pack (it is kept, but no lookup is taken from it). */
function packOf(json: string): AreaPack | null {
  try {
    return parsePack(json);
  } catch {
    return null;
  }
}

/**
 * Area packs of other districts, imported from files and kept as JSON, one per district code.
 * Saving a pack makes the district's ward month totals follow its lookup (wardTotals.ts), in the
 * same transaction.
 */
export class AreaPackRepo {
  constructor(private readonly store: Store) {}

  /** Saves a district's pack, replacing any earlier import of the same district. */
  async save(pack: { code: string; name: string; packJson: string; origin: string; importedAt: string }): Promise<void> {
    await this.saveMany([pack]);
  }

  /** Saves many districts' packs in one transaction: a whole lookup lands, or nothing does. */
  async saveMany(packs: { code: string; name: string; packJson: string; origin: string; importedAt: string }[]): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      for (const pack of packs) {
        await trx.deleteFrom('area_pack').where('code', '=', pack.code).execute();
        await trx
          .insertInto('area_pack')
          .values({ code: pack.code, name: pack.name, pack_json: pack.packJson, origin: pack.origin, imported_at: pack.importedAt })
          .execute();
        await replaceWardLookup(trx, pack.code, packOf(pack.packJson));
      }
    });
  }

  async get(code: string): Promise<StoredAreaPack | undefined> {
    const row = await this.store.db.selectFrom('area_pack').selectAll().where('code', '=', code).executeTakeFirst();
    return row && { code: row.code, name: row.name, packJson: row.pack_json, origin: row.origin, importedAt: row.imported_at };
  }

  async list(): Promise<{ code: string; name: string; origin: string; importedAt: string }[]> {
    const rows = await this.store.db.selectFrom('area_pack').select(['code', 'name', 'origin', 'imported_at']).orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, origin: r.origin, importedAt: r.imported_at }));
  }

  async remove(code: string): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('area_pack').where('code', '=', code).executeTakeFirst();
      if (Number(res.numDeletedRows) > 0) await replaceWardLookup(trx, code, null);
      return Number(res.numDeletedRows) > 0;
    });
  }
}
