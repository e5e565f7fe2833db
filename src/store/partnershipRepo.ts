import type { Store } from './db';
import { bumpDataVersion } from './dataVersions';

const DISTRICT_CODE = /^[EWSN]\d{8}$/;

/**
 * A partnership is named by its district (local authority) code. Repositories of a partnership's
 * own records take it at construction and refuse anything else, so a row is never written for no
 * partnership or for a mistyped one.
 */
export function checkPartnership(code: string): string {
  if (!DISTRICT_CODE.test(code)) throw new Error(`a partnership is named by its district code (such as E07000034), got "${code}"`);
  return code;
}

export interface PartnershipBinding {
  /** The conversation's key (tenant and Teams conversation id). */
  conversationKey: string;
  /** District code of the partnership the conversation answers for. */
  district: string;
  boundBy: string;
  boundAt: string;
}

/** Which partnership each team or chat answers for, when a deployment serves several. */
export class PartnershipRepo {
  constructor(private readonly store: Store) {}

  async bind(conversationKey: string, district: string, boundBy: string, at: Date): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('conversation_partnership').where('conversation_id', '=', conversationKey).execute();
      await trx.insertInto('conversation_partnership').values({ conversation_id: conversationKey, district, bound_by: boundBy, bound_at: at.toISOString() }).execute();
      // Bindings are read through the turn's snapshot with the roles (who may see what).
      await bumpDataVersion(trx, 'roles');
    });
  }

  async unbind(conversationKey: string): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('conversation_partnership').where('conversation_id', '=', conversationKey).executeTakeFirst();
      await bumpDataVersion(trx, 'roles');
      return Number(res.numDeletedRows) > 0;
    });
  }

  async boundTo(conversationKey: string): Promise<string | undefined> {
    const row = await this.store.db.selectFrom('conversation_partnership').select('district').where('conversation_id', '=', conversationKey).executeTakeFirst();
    return row?.district;
  }

  /** Partnerships holding follow-ups or actions: the ones the reminder scheduler serves. */
  async withRecords(): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('follow_up')
      .select('partnership')
      .distinct()
      .union(this.store.db.selectFrom('action_item').select('partnership').distinct())
      .execute();
    return rows.map((r) => r.partnership).filter((p) => p !== '').sort();
  }

  async list(): Promise<PartnershipBinding[]> {
    const rows = await this.store.db.selectFrom('conversation_partnership').selectAll().orderBy('conversation_id').execute();
    return rows.map((r) => ({ conversationKey: r.conversation_id, district: r.district, boundBy: r.bound_by, boundAt: r.bound_at }));
  }
}
