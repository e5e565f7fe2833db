import type { Store } from './db';

export interface StoredSimilarGroup {
  district: string;
  members: string[];
  /** How the group was chosen, in a sentence answers repeat (e.g. "set by the partnership from the CSP family list"). */
  how: string;
  updatedAt: string;
}

/** A partnership's own most-similar group, when it has chosen one. */
export class SimilarGroupRepo {
  constructor(private readonly store: Store) {}

  async set(group: { district: string; members: string[]; how: string }, at: Date): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('similar_group').where('district', '=', group.district).execute();
      await trx.insertInto('similar_group').values({ district: group.district, members: JSON.stringify(group.members), how: group.how, updated_at: at.toISOString() }).execute();
    });
  }

  async get(district: string): Promise<StoredSimilarGroup | undefined> {
    const row = await this.store.db.selectFrom('similar_group').selectAll().where('district', '=', district).executeTakeFirst();
    return row && { district: row.district, members: JSON.parse(row.members) as string[], how: row.how, updatedAt: row.updated_at };
  }

  async clear(district: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('similar_group').where('district', '=', district).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
