/** A claimed delivery whose recipient has been resolved to a conversation. */
export interface ResolvedDelivery {
  id: number;
  /** Whose item (or digest) it is: ids are unique within a partnership only. */
  partnership: string;
  itemKind: 'followup' | 'action' | 'digest';
  itemId: string;
  stage: string;
  fireAt: string;
  conversationKey: string;
  escalation: boolean;
}

export interface DeliveryPlan {
  /** Sent one by one, each as its own reminder card. */
  singles: ResolvedDelivery[];
  /** After downtime: one card per conversation for everything it missed. */
  summaries: { conversationKey: string; deliveries: ResolvedDelivery[] }[];
  /** The same item and moment reaching one conversation twice (say, as owner and as audience): sent once, recorded as merged into `into`. */
  merged: { delivery: ResolvedDelivery; into: number }[];
}

/**
 * Decides what to send after a run's claim. A reminder is "missed" when its time passed more than
 * `catchUpAfterMs` ago (the bot was down, or the conversation was not reachable). A conversation
 * that missed two or more gets one summary instead of a flood; a single missed one is sent as it is.
 */
export function planDeliveries(due: ResolvedDelivery[], now: Date, catchUpAfterMs: number): DeliveryPlan {
  const cutoff = new Date(now.getTime() - catchUpAfterMs).toISOString();
  const byConversation = new Map<string, ResolvedDelivery[]>();
  const merged: DeliveryPlan['merged'] = [];
  const seen = new Map<string, number>();
  for (const d of [...due].sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.id - b.id)) {
    const k = `${d.conversationKey}|${d.partnership}|${d.itemKind}:${d.itemId}|${d.fireAt}`;
    const first = seen.get(k);
    if (first !== undefined) {
      merged.push({ delivery: d, into: first });
      continue;
    }
    seen.set(k, d.id);
    const list = byConversation.get(d.conversationKey) ?? [];
    list.push(d);
    byConversation.set(d.conversationKey, list);
  }
  const singles: ResolvedDelivery[] = [];
  const summaries: DeliveryPlan['summaries'] = [];
  for (const [conversationKey, list] of byConversation) {
    // Digests are never folded into a summary: they are their own summary.
    const missed = list.filter((d) => d.fireAt < cutoff && d.itemKind !== 'digest');
    const timely = list.filter((d) => !(d.fireAt < cutoff && d.itemKind !== 'digest'));
    singles.push(...timely);
    if (missed.length >= 2) summaries.push({ conversationKey, deliveries: missed });
    else singles.push(...missed);
  }
  return { singles, summaries, merged };
}
