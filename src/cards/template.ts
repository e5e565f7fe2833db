import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardJson } from '../core/turn';

/** Card templates live in <repo>/cards; this file is at src/cards or dist/cards, two levels below. */
const CARDS_DIR = join(__dirname, '..', '..', 'cards');
// Building a Template parses every expression in it (about 10 ms); expanding one is cheap and
// leaves it unchanged, so each file is read and parsed once per process.
const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as object);
    templates.set(name, t);
  }
  return t;
}

/** Expands cards/<name>.json with `data` (adaptivecards-templating). */
export function renderCard(name: string, data: object): CardJson {
  return template(name).expand({ $root: data }) as CardJson;
}

/** Budget for one card: Teams refuses messages over 40 KB of UTF-16; we keep well under. */
export const CARD_BUDGET_BYTES = 28 * 1024;

/** The JSON of each frozen card made so far, kept as long as the card is. */
const serialized = new WeakMap<object, string>();

/**
 * A card's JSON: made once for a frozen card (an answer kept in the data snapshot, sent again each
 * time the question is repeated), every time for one that could still change.
 */
export function cardJson(card: CardJson): string {
  if (!Object.isFrozen(card)) return JSON.stringify(card);
  let json = serialized.get(card);
  if (json === undefined) {
    json = JSON.stringify(card);
    serialized.set(card, json);
  }
  return json;
}

export function cardBytes(card: CardJson): number {
  return Buffer.byteLength(cardJson(card), 'utf8');
}

export class CardTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`card is ${bytes} bytes, over the ${CARD_BUDGET_BYTES}-byte budget`);
  }
}

/** Throws when a card would be refused by Teams; renderers trim lists before calling this. */
export function assertCardFits(card: CardJson): CardJson {
  const bytes = cardBytes(card);
  if (bytes > CARD_BUDGET_BYTES) throw new CardTooLargeError(bytes);
  return card;
}
