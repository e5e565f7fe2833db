import type { Store } from './db';

/** Marks and settings the deployment keeps about itself (key → value), e.g. that it holds the demo partnership. */
export class AppMetaRepo {
  constructor(private readonly store: Store) {}

  async has(key: string): Promise<boolean> {
    const row = await this.store.db.selectFrom('app_meta').select('key').where('key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  /** True when nothing has been recorded yet: a store no partnership (nor the demo) has used. */
  async isEmpty(): Promise<boolean> {
    const row = await this.store.db.selectFrom('app_meta').select('key').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Records a key unless it is already there (the first value stands). */
  async setOnce(key: string, value: string): Promise<void> {
    await this.store.db.insertInto('app_meta').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
  }
}
