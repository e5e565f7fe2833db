import type { CardJson } from '../../core/turn';

/** What a proactive message carries. */
export interface ProactiveMessage {
  text?: string;
  card?: CardJson;
  /**
   * The notification text of a card sent without text ("Reminder: …"): a message with both text
   * and a card shows as two (the text, then the card), so a reminder is one card with a summary.
   */
  summary?: string;
}

/** One HTTP try inside a send, for the attempt log. */
export interface SendTry {
  httpStatus?: number;
  code?: string;
  /** How long the sender waited before the next try (Retry-After or backoff). */
  waitedMs?: number;
}

/**
 * The result of one send: `sent`; `retry` (transient, try again next cycle); `final` (the
 * conversation is gone or refuses the bot: never retry; the reference has been marked inactive).
 */
export interface SendOutcome {
  status: 'sent' | 'retry' | 'final';
  httpStatus?: number;
  code?: string;
  retryAfterMs?: number;
  /** The message id the channel gave back, when sent. */
  activityId?: string;
  tries?: SendTry[];
}

/** Posts into a stored conversation. The bot layer implements it with botbuilder; tests record. */
export interface ProactiveSender {
  send(conversationKey: string, message: ProactiveMessage): Promise<SendOutcome>;
}
