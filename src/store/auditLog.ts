import type { Kysely } from 'kysely';
import type { Store } from './db';
import type { Schema } from './schema';

export interface AuditEvent {
  at: string;
  actor: string | null;
  event: string;
  detail: Record<string, unknown>;
}

/** The audit trail: refused attempts, imports and other events someone may need to account for later. */
export class AuditLog {
  constructor(private readonly store: Store) {}

  async record(event: string, actor: string | null, detail: Record<string, unknown>, at: Date): Promise<void> {
    await appendAudit(this.store.db, event, actor, detail, at);
  }

  /** Events whose name starts with `eventPrefix`, oldest first. */
  async events(eventPrefix: string): Promise<AuditEvent[]> {
    const rows = await this.store.db.selectFrom('audit_log').selectAll().where('event', 'like', `${eventPrefix}%`).orderBy('id').execute();
    return rows.map((r) => ({ at: r.at, actor: r.actor, event: r.event, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
  }
}

/** Appends one audit line, inside a caller's transaction when given one. */
export async function appendAudit(db: Kysely<Schema>, event: string, actor: string | null, detail: Record<string, unknown>, at: Date): Promise<void> {
  await db.insertInto('audit_log').values({ at: at.toISOString(), actor, event, detail_json: JSON.stringify(detail) }).execute();
}
