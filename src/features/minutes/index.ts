export * from '../../domain/minutes/model';
export { parseMinutes, extractFromParagraphs, toDryRun, MinutesInputError } from './parse';
export type { ParseOptions } from './parse';
export { splitParagraphs, splitSentences, contentHashOf } from './normalise';
export { dueFromSentence, periodIn, AFTER_MEETING_DAYS, DEFAULT_REQUEST_DAYS } from './dates';
export { significantWords, titleCoverage, activityTitle } from './activities';
