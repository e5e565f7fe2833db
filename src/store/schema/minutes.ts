import type { Generated } from 'kysely';
import type { ParagraphKind } from '../../domain/minutes/model';

/**
 * Tables of the minutes aggregate. A document is identified by the hash of its normalised text,
 * so importing the same minutes again finds it. Every stored sentence lives in a paragraph with
 * its position; links tie follow-ups and actions to the paragraph that is their evidence.
 */
export interface MinutesTables {
  minutes_document: {
    id: Generated<number>;
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    content_hash: string;
    title: string | null;
    /** YYYY-MM-DD */
    meeting_date: string | null;
    /** File name or "chat", for people reading the record later. */
    source_name: string | null;
    paragraph_count: number;
    imported_at: string;
    imported_by: string;
  };
  minutes_paragraph: {
    document_id: number;
    /** 1-based position in the document. */
    idx: number;
    kind: ParagraphKind;
    text: string;
  };
  minutes_resolution: {
    document_id: number;
    paragraph_idx: number;
    number: number;
  };
  minutes_link: {
    id: Generated<number>;
    document_id: number;
    paragraph_idx: number;
    /** The proposal's key within the document ("fu:17:2", "act:10"). */
    item_key: string;
    target_kind: 'followup' | 'action';
    target_id: string;
    created_at: string;
    created_by: string;
  };
}
