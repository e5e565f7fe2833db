/** Drafts of the committee progress report made from a card, kept for a limited time behind an unguessable token. */
export interface ReportTables {
  report_draft: {
    token: string;
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    title: string;
    html: string;
    docx_base64: string;
    /** AAD object id of the person who asked for it. */
    created_by: string;
    created_at: string;
    expires_at: string;
  };
}
