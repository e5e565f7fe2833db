import type { Store } from './db';

export interface ReportDraft {
  token: string;
  title: string;
  html: string;
  docx: Buffer;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

export class ReportDraftRepo {
  constructor(private readonly store: Store) {}

  async save(d: ReportDraft): Promise<void> {
    await this.store.db
      .insertInto('report_draft')
      .values({
        token: d.token,
        title: d.title,
        html: d.html,
        docx_base64: d.docx.toString('base64'),
        created_by: d.createdBy,
        created_at: d.createdAt,
        expires_at: d.expiresAt,
      })
      .execute();
  }

  /** The draft behind a token, unless it has expired (then it is as if it never existed). */
  async get(token: string, now: Date): Promise<ReportDraft | undefined> {
    const r = await this.store.db
      .selectFrom('report_draft')
      .selectAll()
      .where('token', '=', token)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return (
      r && {
        token: r.token,
        title: r.title,
        html: r.html,
        docx: Buffer.from(r.docx_base64, 'base64'),
        createdBy: r.created_by,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      }
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const r = await this.store.db.deleteFrom('report_draft').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
