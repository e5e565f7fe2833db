import type { Generated } from 'kysely';

/** Tables of the follow-ups aggregate: items, who hears about them, their history, and reminder deliveries. */
export interface FollowupsTables {
  follow_up: {
    id: string;
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    title: string;
    detail: string | null;
    /** YYYY-MM-DD, resolved (a month-precision item is due on the configured day of its month). */
    due_date: string;
    due_precision: 'day' | 'month';
    /** YYYY-MM for month precision. */
    due_month: string | null;
    status: 'open' | 'done' | 'cancelled';
    snoozed_until: string | null;
    source_kind: 'resolution' | 'request' | 'chat' | 'manual';
    source_meeting_date: string | null;
    source_meeting_title: string | null;
    source_minute_ref: string | null;
    source_text: string | null;
    /** Set by importers so that importing the same minutes twice finds the item again (unique within the partnership). */
    source_key: string | null;
    action_id: string | null;
    classification: 'public' | 'exempt';
    /** JSON of a partial ReminderScheduleConfig, or null for the global schedule. */
    schedule_json: string | null;
    created_at: string;
    created_by: string;
    updated_at: string;
    completed_at: string | null;
    version: number;
  };
  follow_up_recipient: {
    follow_up_id: string;
    kind: 'user' | 'conversation' | 'committee';
    target: string;
    label: string | null;
    role: 'owner' | 'audience';
    muted: number;
  };
  follow_up_history: {
    id: Generated<number>;
    follow_up_id: string;
    at: string;
    actor: string;
    field: string;
    old_value: string | null;
    new_value: string | null;
    channel: string;
  };
  reminder: {
    id: Generated<number>;
    /** The partnership whose item (or digest) this delivers. */
    partnership: string;
    /** (item, fire time, recipient): unique, so no delivery can be planned twice. */
    send_key: string;
    item_kind: 'followup' | 'action' | 'digest';
    item_id: string;
    stage: string;
    fire_at: string;
    recipient_kind: 'user' | 'conversation' | 'committee';
    recipient: string;
    escalation: number;
    /** `sending`: the send has begun (recorded before it); a crash leaves it so, and the row is sent again once. */
    state: 'pending' | 'claimed' | 'sending' | 'sent' | 'failed' | 'dead' | 'skipped';
    attempts: number;
    next_attempt_at: string | null;
    claimed_by: string | null;
    lease_until: string | null;
    conversation_key: string | null;
    /** How it went out: 'single', 'summary:<id>', 'merged:<id>'; or why it was skipped. */
    outcome: string | null;
    last_code: string | null;
    sent_at: string | null;
    /** When the current send began (state `sending`). */
    sending_at: string | null;
    /** 1 when it was found `sending` after its instance died and was sent again: the recipient may have it twice. */
    possibly_duplicated: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  reminder_attempt: {
    id: Generated<number>;
    reminder_id: number;
    at: string;
    instance: string;
    status: string;
    http_status: number | null;
    code: string | null;
    detail: string | null;
  };
}
