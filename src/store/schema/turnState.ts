/** What each person was last talking about in a conversation (see core/turnState). */
export interface TurnStateTables {
  turn_state: {
    conversation_key: string;
    /** AAD object id, else the channel's user id. */
    person_id: string;
    /** JSON object: slot name → value. */
    slots: string;
    updated_at: string;
    expires_at: string;
  };
}
