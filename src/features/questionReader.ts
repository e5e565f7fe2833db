import type { Query } from '../core/query';
import { compileVocabulary, understand } from '../ask/understand';
import { MAX_QUESTION_CHARS } from '../ask/normalise';
import type { DataSnapshot } from '../store/snapshot';
import type { AreaPack } from '../domain/areas/pack';

/**
 * Reads questions against the vocabulary of the data a turn sees: ward names and groups, action
 * titles, and the latest month with data. The vocabulary is compiled once per version of the
 * plan and the crime data. The same words read at the same minute against the same vocabulary
 * give the same Query, so a reading is kept and shared (frozen); relative dates are read against
 * the turn's time, hence the minute in the key.
 */
export function questionReader(pack: AreaPack, latestMonth: () => Promise<string | null>) {
  return async (text: string, now: Date, snapshot: DataSnapshot): Promise<Query> => {
    const vocab = await snapshot.keep('vocabulary', ['plan', 'crime'], null, async () => {
      const [plan, latest] = await Promise.all([snapshot.plan(), latestMonth()]);
      return { compiled: compileVocabulary({ pack, actionTitles: plan.items.map((a) => a.title), asOfMonth: latest ?? undefined }) };
    }, { size: 20, freeze: false });
    // Long texts (pasted minutes) are read once anyway and would crowd the kept readings out.
    if (text.length > MAX_QUESTION_CHARS) return understand(text, vocab.compiled, { referenceDate: now });
    return snapshot.keep('reading', ['plan', 'crime'], [now.toISOString().slice(0, 16), text], async () => understand(text, vocab.compiled, { referenceDate: now }));
  };
}
