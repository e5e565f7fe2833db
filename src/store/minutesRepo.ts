import { AuditLog } from './auditLog';
import type { Kysely, Selectable } from 'kysely';
import { inTransaction, Store } from './db';
import type { Schema } from './schema';
import { checkPartnership } from './partnershipRepo';
import type { MinutesParagraph, ParagraphKind } from '../domain/minutes/model';

export interface StoredMinutes {
  id: number;
  contentHash: string;
  title: string | null;
  meetingDate: string | null;
  sourceName: string | null;
  paragraphCount: number;
  importedAt: string;
  importedBy: string;
}

export interface NewMinutes {
  contentHash: string;
  title: string | null;
  meetingDate: string | null;
  sourceName: string | null;
  paragraphs: readonly MinutesParagraph[];
  resolutions: readonly { number: number; paragraph: number }[];
}

export interface MinutesLink {
  documentId: number;
  paragraph: number;
  itemKey: string;
  targetKind: 'followup' | 'action';
  targetId: string;
  createdAt: string;
  createdBy: string;
}

/** A link with its evidence: the paragraph's words and the meeting they come from. */
export interface LinkedEvidence extends MinutesLink {
  text: string;
  documentTitle: string | null;
  meetingDate: string | null;
}

function toStored(r: Selectable<Schema['minutes_document']>): StoredMinutes {
  return {
    id: Number(r.id),
    contentHash: r.content_hash,
    title: r.title,
    meetingDate: r.meeting_date,
    sourceName: r.source_name,
    paragraphCount: Number(r.paragraph_count),
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  };
}

/**
 * A Store whose queries run inside an open transaction, so that repositories which open their
 * own transaction (`inTransaction`) join this one instead: one import, one transaction.
 */
export function storeInTransaction(store: Store, trx: Kysely<Schema>): Store {
  const db = new Proxy(trx, {
    get(target, key) {
      if (key === 'transaction') return () => ({ execute: <T>(work: (t: Kysely<Schema>) => Promise<T>) => work(target) });
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db, dialect: store.dialect, ping: () => store.ping(), close: async () => undefined };
}

/**
 * One partnership's minutes (`new MinutesRepo(store, districtCode)`): its documents, their
 * paragraphs and resolutions, and the links from its follow-ups and actions to them. A document is
 * found by its hash within the partnership (two partnerships may import the same county minutes);
 * paragraphs and links go through their document.
 */
export class MinutesRepo {
  readonly partnership: string;

  constructor(
    private readonly store: Store,
    partnership: string,
  ) {
    this.partnership = checkPartnership(partnership);
  }

  private documents() {
    return this.store.db.selectFrom('minutes_document').selectAll().where('partnership', '=', this.partnership);
  }

  async findByHash(contentHash: string): Promise<StoredMinutes | undefined> {
    const r = await this.documents().where('content_hash', '=', contentHash).executeTakeFirst();
    return r && toStored(r);
  }

  async get(id: number): Promise<StoredMinutes | undefined> {
    const r = await this.documents().where('id', '=', id).executeTakeFirst();
    return r && toStored(r);
  }

  async list(): Promise<StoredMinutes[]> {
    const rows = await this.documents().orderBy('meeting_date', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toStored);
  }

  /**
   * Stores a document with every paragraph and its resolutions, or finds the one already stored
   * with the same content hash (then nothing is written).
   */
  async saveDocument(doc: NewMinutes, at: Date, actor: string): Promise<{ document: StoredMinutes; created: boolean }> {
    const existing = await this.findByHash(doc.contentHash);
    if (existing) return { document: existing, created: false };
    const inserted = await this.store.db
      .insertInto('minutes_document')
      .values({
        partnership: this.partnership,
        content_hash: doc.contentHash,
        title: doc.title,
        meeting_date: doc.meetingDate,
        source_name: doc.sourceName,
        paragraph_count: doc.paragraphs.length,
        imported_at: at.toISOString(),
        imported_by: actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    for (let i = 0; i < doc.paragraphs.length; i += 200) {
      await this.store.db
        .insertInto('minutes_paragraph')
        .values(doc.paragraphs.slice(i, i + 200).map((p) => ({ document_id: id, idx: p.index, kind: p.kind, text: p.text })))
        .execute();
    }
    if (doc.resolutions.length > 0) {
      await this.store.db
        .insertInto('minutes_resolution')
        .values(doc.resolutions.map((r) => ({ document_id: id, paragraph_idx: r.paragraph, number: r.number })))
        .execute();
    }
    return { document: (await this.get(id))!, created: true };
  }

  /** A document's paragraphs with their resolution markers; none for another partnership's document. */
  async paragraphs(documentId: number): Promise<MinutesParagraph[]> {
    if (!(await this.get(documentId))) return [];
    const rows = await this.store.db.selectFrom('minutes_paragraph').selectAll().where('document_id', '=', documentId).orderBy('idx').execute();
    const markers = new Map((await this.store.db.selectFrom('minutes_resolution').selectAll().where('document_id', '=', documentId).execute()).map((r) => [Number(r.paragraph_idx), Number(r.number)]));
    return rows.map((r) => ({ index: Number(r.idx), text: r.text, kind: r.kind as ParagraphKind, marker: markers.has(Number(r.idx)) ? `(${markers.get(Number(r.idx))})` : null }));
  }

  /** Links a follow-up or an action of this partnership to a paragraph of its minutes; false when that link already exists. */
  async link(link: Omit<MinutesLink, 'createdAt' | 'createdBy'>, at: Date, actor: string): Promise<boolean> {
    if (!(await this.get(link.documentId))) throw new Error(`minutes document ${link.documentId} is not the ${this.partnership} partnership's`);
    const found = await this.store.db
      .selectFrom('minutes_link')
      .select('id')
      .where('document_id', '=', link.documentId)
      .where('item_key', '=', link.itemKey)
      .where('target_kind', '=', link.targetKind)
      .where('target_id', '=', link.targetId)
      .executeTakeFirst();
    if (found) return false;
    await this.store.db
      .insertInto('minutes_link')
      .values({
        document_id: link.documentId,
        paragraph_idx: link.paragraph,
        item_key: link.itemKey,
        target_kind: link.targetKind,
        target_id: link.targetId,
        created_at: at.toISOString(),
        created_by: actor,
      })
      .execute();
    return true;
  }

  async links(documentId: number): Promise<MinutesLink[]> {
    const rows = await this.store.db
      .selectFrom('minutes_link as l')
      .innerJoin('minutes_document as d', 'd.id', 'l.document_id')
      .selectAll('l')
      .where('d.partnership', '=', this.partnership)
      .where('l.document_id', '=', documentId)
      .orderBy('l.paragraph_idx')
      .orderBy('l.id')
      .execute();
    return rows.map(toLink);
  }

  /** The minutes paragraphs a follow-up or action was read from, newest meeting first. */
  async evidenceFor(targetKind: 'followup' | 'action', targetId: string): Promise<LinkedEvidence[]> {
    const rows = await this.store.db
      .selectFrom('minutes_link as l')
      .innerJoin('minutes_paragraph as p', (j) => j.onRef('p.document_id', '=', 'l.document_id').onRef('p.idx', '=', 'l.paragraph_idx'))
      .innerJoin('minutes_document as d', 'd.id', 'l.document_id')
      .select(['l.document_id', 'l.paragraph_idx', 'l.item_key', 'l.target_kind', 'l.target_id', 'l.created_at', 'l.created_by', 'p.text', 'd.title', 'd.meeting_date'])
      .where('d.partnership', '=', this.partnership)
      .where('l.target_kind', '=', targetKind)
      .where('l.target_id', '=', targetId)
      .orderBy('d.meeting_date', 'desc')
      .orderBy('l.paragraph_idx')
      .execute();
    return rows.map((r) => ({
      ...toLink(r),
      text: r.text,
      documentTitle: r.title,
      meetingDate: r.meeting_date,
    }));
  }

  /** Removes a document of this partnership nothing links to (a preview that was cancelled); true when it was removed. */
  async deleteIfUnlinked(id: number): Promise<boolean> {
    return inTransaction(this.store, async (trx) => {
      const doc = await trx.selectFrom('minutes_document').select('id').where('partnership', '=', this.partnership).where('id', '=', id).executeTakeFirst();
      if (!doc) return false;
      const link = await trx.selectFrom('minutes_link').select('id').where('document_id', '=', id).executeTakeFirst();
      if (link) return false;
      await trx.deleteFrom('minutes_resolution').where('document_id', '=', id).execute();
      await trx.deleteFrom('minutes_paragraph').where('document_id', '=', id).execute();
      const r = await trx.deleteFrom('minutes_document').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  /** Records an import in the audit log. */
  async audit(event: string, actor: string | null, detail: Record<string, unknown>, at: Date): Promise<void> {
    await new AuditLog(this.store).record(event, actor, detail, at);
  }

  /** How many documents, paragraphs and links this partnership holds (for checks and the CLI summary). */
  async counts(): Promise<{ documents: number; paragraphs: number; links: number }> {
    const db = this.store.db;
    const [documents, paragraphs, links] = await Promise.all([
      db.selectFrom('minutes_document as d').select((eb) => eb.fn.countAll<number>().as('n')).where('d.partnership', '=', this.partnership).executeTakeFirstOrThrow(),
      db
        .selectFrom('minutes_paragraph as x')
        .innerJoin('minutes_document as d', 'd.id', 'x.document_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('d.partnership', '=', this.partnership)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('minutes_link as x')
        .innerJoin('minutes_document as d', 'd.id', 'x.document_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('d.partnership', '=', this.partnership)
        .executeTakeFirstOrThrow(),
    ]);
    return { documents: Number(documents.n), paragraphs: Number(paragraphs.n), links: Number(links.n) };
  }
}

function toLink(r: {
  document_id: number | string;
  paragraph_idx: number | string;
  item_key: string;
  target_kind: MinutesLink['targetKind'];
  target_id: string;
  created_at: string;
  created_by: string;
}): MinutesLink {
  return {
    documentId: Number(r.document_id),
    paragraph: Number(r.paragraph_idx),
    itemKey: r.item_key,
    targetKind: r.target_kind,
    targetId: r.target_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
