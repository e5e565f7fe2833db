import { LRUCache } from 'lru-cache';
import type { Query } from '../core/query';
import { compileVocabulary, CompiledVocabulary, understand } from '../ask/understand';
import { MAX_QUESTION_CHARS } from '../ask/normalise';
import type { CrimeQueries } from './crime/queries';
import type { DataVersion } from '../store/dataVersions';
import type { AppDeps } from './deps';
import { deepFreeze } from '../store/answerCache';
import { planAt } from './actions/planSnapshot';

/** Readings kept per vocabulary: the example questions and suggestion buttons are asked again and again. */
const KEPT_READINGS = 2000;

interface Reading {
  key: string;
  vocab: Promise<CompiledVocabulary>;
  readings: LRUCache<string, Query>;
}

/**
 * Reads questions against the vocabulary of the data versions a turn sees: ward names and
 * groups, action titles, and the latest month with data. The vocabulary is compiled once per
 * version of the plan and the crime data. The same words read at the same minute against the
 * same vocabulary give the same Query, so a reading is kept and shared (frozen); relative dates
 * are read against the turn's time, hence the minute in the key.
 */
export interface QuestionReader {
  (text: string, now: Date, version: DataVersion, lastMeeting?: string): Promise<Query>;
  /** The compiled vocabulary of a version (for reading in the light of the conversation). */
  vocabulary(version: DataVersion): Promise<CompiledVocabulary>;
}

export function questionReader(deps: AppDeps, crime: CrimeQueries): QuestionReader {
  let current: Reading | undefined;
  const vocabularyFor = (version: DataVersion): Reading => {
    const key = `${version.plan}|${version.crime}`;
    if (current?.key === key) return current;
    const vocab = Promise.all([planAt(deps.store, version.plan), crime.latestMonth()]).then(([plan, latest]) =>
      compileVocabulary({ pack: deps.pack, actionTitles: plan.items.map((a) => a.title), asOfMonth: latest ?? undefined, latestMonth: latest ?? undefined }),
    );
    const entry: Reading = { key, vocab, readings: new LRUCache({ max: KEPT_READINGS }) };
    current = entry;
    vocab.catch(() => {
      if (current === entry) current = undefined;
    });
    return entry;
  };
  const read = async (text: string, now: Date, version: DataVersion, lastMeeting?: string): Promise<Query> => {
    const { vocab, readings } = vocabularyFor(version);
    const compiled = await vocab;
    // Long texts (pasted minutes) are read once anyway and would crowd the kept readings out.
    if (text.length > MAX_QUESTION_CHARS) return understand(text, compiled, { referenceDate: now, lastMeeting });
    const key = `${now.toISOString().slice(0, 16)}\u0000${lastMeeting ?? ''}\u0000${text}`;
    let query = readings.get(key);
    if (!query) {
      query = deepFreeze(understand(text, compiled, { referenceDate: now, lastMeeting }));
      readings.set(key, query);
    }
    return query;
  };
  return Object.assign(read, { vocabulary: (version: DataVersion) => vocabularyFor(version).vocab });
}
