import type { Generated } from 'kysely';

/**
 * The action plan. Lists (partners, wards) are JSON text: plans are tens of items and are filtered
 * in memory. Dates are YYYY-MM-DD text, moments ISO-8601 UTC text, flags integer 0/1.
 */
export interface ActionsTables {
  action_item: {
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    /** Unique within its partnership. */
    id: string;
    plan: string;
    theme: string;
    title: string;
    description: string;
    lead_name: string;
    lead_aad_object_id: string | null;
    lead_teams_user_id: string | null;
    lead_agency: string;
    partners_json: string;
    wards_json: string;
    start_date: string | null;
    original_target_date: string | null;
    target_date: string | null;
    target_date_reason: string | null;
    target_slips: number;
    committee_flag: number;
    status: string;
    rag_override: string | null;
    rag_override_reason: string | null;
    update_text: string | null;
    update_author: string | null;
    update_as_of: string | null;
    success_measure: string;
    source_kind: string;
    source_plan: string | null;
    source_meeting_date: string | null;
    source_minute_ref: string | null;
    classification: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  /** Append-only: rows are inserted, never updated or deleted. */
  action_history: {
    id: Generated<number>;
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    action_id: string;
    version: number;
    at: string;
    actor_aad_object_id: string | null;
    actor_name: string;
    field: string;
    old_value: string | null;
    new_value: string | null;
    note: string | null;
    channel: string;
  };
  /** Who is who in Teams: filled by the bot layer when people message, read for card refresh user ids. */
  person: {
    aad_object_id: string;
    teams_user_id: string | null;
    name: string | null;
    /** Lower-case e-mail (or UPN) when known: from the Teams roster or a people picker. */
    email: string | null;
    updated_at: string;
  };
  /** Leads named in an imported plan, linked to a person (by name or e-mail) when they first talk to the bot. */
  plan_person: {
    id: Generated<number>;
    /** The partnership (district code) the row belongs to ('' only before a legacy store is adopted). */
    partnership: string;
    name: string;
    /** The name folded for matching (case, spaces, titles such as "Cllr"); see domain/actions/people. */
    name_key: string;
    email: string | null;
    aad_object_id: string | null;
    created_at: string;
    linked_at: string | null;
  };
}
