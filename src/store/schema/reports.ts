/** Drafts of the committee progress report made from a card, kept for a limited time behind an unguessable token. */
export interface ReportTables {
  report_draft: {
    token: string;
    title: string;
    html: string;
    docx_base64: string;
    /** AAD object id of the person who asked for it. */
    created_by: string;
    created_at: string;
    expires_at: string;
  };
}
