import type { Query } from '../core/query';
import { compileVocabulary, understand, type CompiledVocabulary } from '../ask/understand';
import { MAX_QUESTION_CHARS } from '../ask/normalise';
import type { DataSnapshot } from '../store/snapshot';
import type { AreaPack } from '../domain/areas/pack';

/** Reads a question against a turn's data; `lastMeeting` (YYYY-MM-DD) answers "since the last meeting". */
export interface QuestionReader {
  (text: string, now: Date, snapshot: DataSnapshot, lastMeeting?: string): Promise<Query>;
  /** The compiled vocabulary of a turn's data (for reading in the light of the conversation). */
  vocabulary(snapshot: DataSnapshot): Promise<CompiledVocabulary>;
}

/**
 * Reads questions against the vocabulary of the data a turn sees: ward names and groups, action
 * titles, and the latest month with data. The vocabulary is compiled once per version of the
 * plan and the crime data. The same words read at the same minute against the same vocabulary
 * give the same Query, so a reading is kept and shared (frozen); relative dates are read against
 * the turn's time, hence the minute in the key.
 */
export function questionReader(pack: AreaPack, latestMonth: () => Promise<string | null>): QuestionReader {
  const vocabulary = async (snapshot: DataSnapshot): Promise<CompiledVocabulary> => {
    const vocab = await snapshot.keep('vocabulary', ['plan', 'crime'], pack.district.code, async () => {
      const [plan, latest] = await Promise.all([snapshot.plan(pack.district.code), latestMonth()]);
      return { compiled: compileVocabulary({
        pack,
        actionTitles: plan.items.map((a) => a.title),
        leadNames: [...new Set(plan.items.map((a) => a.lead.name))],
        asOfMonth: latest ?? undefined,
        latestMonth: latest ?? undefined,
      }) };
    }, { size: 20, freeze: false });
    return vocab.compiled;
  };
  const read = async (text: string, now: Date, snapshot: DataSnapshot, lastMeeting?: string): Promise<Query> => {
    const compiled = await vocabulary(snapshot);
    // Long texts (pasted minutes) are read once anyway and would crowd the kept readings out.
    if (text.length > MAX_QUESTION_CHARS) return understand(text, compiled, { referenceDate: now, lastMeeting });
    return snapshot.keep('reading', ['plan', 'crime'], [pack.district.code, now.toISOString().slice(0, 16), lastMeeting ?? '', text], async () =>
      understand(text, compiled, { referenceDate: now, lastMeeting }),
    );
  };
  return Object.assign(read, { vocabulary });
}
