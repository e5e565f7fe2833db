import type { Generated } from 'kysely';

/** Timestamps are stored as ISO-8601 UTC text on both dialects, so ordering and comparison agree. */
export interface CoreTables {
  user_role: {
    aad_object_id: string;
    role: 'member' | 'officer' | 'coordinator' | 'admin';
    display_name: string | null;
    granted_by: string;
    granted_at: string;
  };
  conversation_ref: {
    /** tenant id + '|' + conversation id */
    key: string;
    tenant_id: string;
    conversation_id: string;
    conversation_type: 'personal' | 'groupChat' | 'channel';
    service_url: string;
    team_id: string | null;
    channel_id: string | null;
    /** AAD object id of the user, for personal chats */
    user_aad_object_id: string | null;
    /** The whole Bot Framework ConversationReference, as JSON. */
    reference_json: string;
    active: number;
    inactive_reason: string | null;
    updated_at: string;
  };
  processed_activity: {
    activity_id: string;
    received_at: string;
  };
  schema_migration: {
    name: string;
    applied_at: string;
  };
  app_meta: {
    key: string;
    value: string;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string | null;
    event: string;
    detail_json: string;
  };
}
