import type { Selectable } from 'kysely';
import type { Store } from './db';
import type { Schema } from './schema';
import { checkPartnership } from './partnershipRepo';

export interface ReportDraft {
  token: string;
  title: string;
  html: string;
  docx: Buffer;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** One partnership's report drafts (`new ReportDraftRepo(store, districtCode)`). */
export class ReportDraftRepo {
  readonly partnership: string;

  constructor(
    private readonly store: Store,
    partnership: string,
  ) {
    this.partnership = checkPartnership(partnership);
  }

  async save(d: ReportDraft): Promise<void> {
    await this.store.db
      .insertInto('report_draft')
      .values({
        token: d.token,
        partnership: this.partnership,
        title: d.title,
        html: d.html,
        docx_base64: d.docx.toString('base64'),
        created_by: d.createdBy,
        created_at: d.createdAt,
        expires_at: d.expiresAt,
      })
      .execute();
  }

  /** This partnership's draft behind a token, unless it has expired (then it is as if it never existed). */
  async get(token: string, now: Date): Promise<ReportDraft | undefined> {
    return draftAt(this.store, token, now, this.partnership);
  }
}

/**
 * The draft a link opens, whichever partnership made it: the unguessable token is the key, and
 * the link is opened in a browser, outside any conversation.
 */
export function draftByToken(store: Store, token: string, now: Date): Promise<ReportDraft | undefined> {
  return draftAt(store, token, now);
}

/** Forgets every partnership's drafts whose links have expired. */
export async function deleteExpiredDrafts(store: Store, now: Date): Promise<number> {
  const r = await store.db.deleteFrom('report_draft').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

async function draftAt(store: Store, token: string, now: Date, partnership?: string): Promise<ReportDraft | undefined> {
  let q = store.db.selectFrom('report_draft').selectAll().where('token', '=', token).where('expires_at', '>', now.toISOString());
  if (partnership !== undefined) q = q.where('partnership', '=', partnership);
  const r = await q.executeTakeFirst();
  return r && toDraft(r);
}

function toDraft(r: Selectable<Schema['report_draft']>): ReportDraft {
  return {
    token: r.token,
    title: r.title,
    html: r.html,
    docx: Buffer.from(r.docx_base64, 'base64'),
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}
