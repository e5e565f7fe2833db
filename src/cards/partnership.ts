import type { CardJson } from '../core/turn';

/** The key under which a card's buttons say which partnership's records they act on. */
export const CARD_PARTNERSHIP = 'partnership';

/**
 * A card of a partnership other than the default, with that partnership (its district code) in
 * the data of every button, the refresh and the buttons of cards shown inside it. Teams sends the
 * data back on a press, so the bot can refuse a card used in a conversation answering for another
 * partnership (ids are a partnership's own: two plans both have a 2024-25/1). The default
 * partnership's cards carry nothing, as every card did before partnerships.
 */
export function stampPartnership(card: CardJson, partnership: string): CardJson {
  return stamp(card, partnership) as CardJson;
}

function stamp(value: unknown, partnership: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stamp(v, partnership));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = stamp(v, partnership);
  // A button's data is an object (a submit's may be a plain string, which is left as it is).
  if ((out.type === 'Action.Execute' || out.type === 'Action.Submit') && (out.data === undefined || isObject(out.data))) {
    out.data = { ...(out.data as Record<string, unknown> | undefined), [CARD_PARTNERSHIP]: partnership };
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The partnership a pressed button's data names, if any (a default partnership's card names none). */
export function partnershipOfCardData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const p = (data as Record<string, unknown>)[CARD_PARTNERSHIP];
  return typeof p === 'string' ? p : undefined;
}
