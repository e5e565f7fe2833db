import { sql } from 'kysely';
import type { Store } from './db';
import { bumpDataVersion } from './dataVersions';
import { DEMO_ACTIONS_MARK, demoActionsMark } from './actionRepo';
import { COMMITTEE_CHANNEL_SETTING, committeeChannelSetting } from './reminderRepo';
import { checkPartnership } from './partnershipRepo';

/**
 * The tables holding a partnership's own records (their children follow them), parents first:
 * an action's history follows the action's change of partnership by its foreign key.
 */
const OWN_TABLES = ['action_item', 'action_history', 'plan_person', 'follow_up', 'minutes_document', 'report_draft'] as const;

/**
 * Records stored before the store knew partnerships (migration 013 left them '') belong to the one
 * partnership it then served: they are given that district's code, in one transaction, with the
 * reminders' keys (which now name their partnership) and the settings that were the store's only
 * ones (the demo plan's mark, the committee channel). Running it again does nothing; true when
 * something was adopted.
 */
export async function adoptLegacyPartnership(store: Store, district: string): Promise<boolean> {
  checkPartnership(district);
  return store.db.transaction().execute(async (trx) => {
    let adopted = 0;
    for (const table of OWN_TABLES) {
      const r = await trx.updateTable(table).set({ partnership: district }).where('partnership', '=', '').executeTakeFirst();
      adopted += Number(r.numUpdatedRows);
    }
    // A planned delivery keeps its identity: the key it would be planned under now.
    const reminders = await sql`update reminder set partnership = ${district}, send_key = cast(${district} as text) || '|' || send_key where partnership = ''`.execute(trx);
    adopted += Number(reminders.numAffectedRows ?? 0);
    for (const [legacy, own] of [
      [DEMO_ACTIONS_MARK, demoActionsMark(district)],
      [COMMITTEE_CHANNEL_SETTING, committeeChannelSetting(district)],
    ]) {
      const row = await trx.selectFrom('app_meta').select('value').where('key', '=', legacy).executeTakeFirst();
      if (!row) continue;
      await trx.insertInto('app_meta').values({ key: own, value: row.value }).onConflict((oc) => oc.column('key').doNothing()).execute();
      await trx.deleteFrom('app_meta').where('key', '=', legacy).execute();
      adopted += 1;
    }
    if (adopted > 0) await bumpDataVersion(trx, 'plan');
    return adopted > 0;
  });
}
