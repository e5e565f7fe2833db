import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * A streaming RFC 4180 record reader for large files (police.uk street-level CSVs run to millions
 * of rows). csv-parse measured about a third of the rate of `sqlite3 .import` on these files;
 * nearly every police.uk row has no quotes, so such lines are split directly and only lines with
 * quotes go through a full parser (doubled quotes, commas and line breaks inside quotes, CRLF).
 */

export type CsvRecordHandler = (fields: string[], line: number) => void;
export type CsvProblemHandler = (line: number, reason: string) => void;

/** A quoted field may span lines; past this many, the quote is taken to be unclosed. */
const MAX_SPAN_LINES = 20;

/** The longest record read, in characters: a police.uk row is a few hundred; anything near this is not CSV. */
export const MAX_RECORD_LENGTH = 64 * 1024;

/** A record longer than the cap: reading stops at once so that memory stays bounded whatever the input. */
export class RecordTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line} is longer than ${Math.round(limit / 1024)} KB, so this is not a CSV of records (or it is damaged)`);
    this.name = 'RecordTooLong';
  }
}

/** How the input ended, for callers that must tell a cut-off file from a complete one. */
export interface CsvEnd {
  /** The last line, when the input ended without a line break after it (else null). */
  unterminatedLine: number | null;
  /** The input ended inside a quoted field. */
  unclosedQuoteAtEnd: boolean;
}

/** What a reader says of a line whose bytes were not UTF-8 (the decoder put U+FFFD in their place). */
export const NOT_UTF8 = 'is not valid UTF-8 (was the file saved in another encoding?)';

/** Splits one logical record that contains quotes; null when the quoting is malformed. */
export function parseQuotedRecord(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return null;
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text.charCodeAt(i) !== 44 /* , */) return null;
      i += 1;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) return null;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
    if (i === n) {
      fields.push('');
      return fields;
    }
  }
}

function quoteCount(s: string): number {
  let c = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) c += 1;
  return c;
}

/**
 * Reads every record of a CSV stream, calling `onRecord` with its fields and first line number.
 * Blank lines are skipped; a record with malformed quoting or bytes that are not UTF-8 goes to
 * `onProblem` and is skipped. A record longer than `maxRecordLength` throws RecordTooLong.
 * `onBytes` is told how many bytes were read, for progress.
 */
export function readCsvRecords(
  input: Readable,
  onRecord: CsvRecordHandler,
  onProblem: CsvProblemHandler,
  onBytes?: (n: number) => void,
  maxRecordLength = MAX_RECORD_LENGTH,
): Promise<CsvEnd> {
  return readCsvLines(input, { plain: (line, lineNo) => onRecord(line.split(','), lineNo), quoted: onRecord, problem: onProblem }, onBytes, maxRecordLength);
}

/** What readCsvLines hands over: a record with no quotes as its line, any other as its fields. */
export interface CsvLineHandlers {
  /** A record with no quote in it: its fields are exactly `line.split(',')`, which a reader after a few fields may skip. */
  plain: (line: string, lineNo: number) => void;
  /** A record with quotes, parsed. */
  quoted: CsvRecordHandler;
  problem: CsvProblemHandler;
}

/**
 * readCsvRecords for readers of millions of rows: a record with no quotes (nearly every police.uk
 * row) is handed over as its line, unsplit, so that the reader takes only the fields it needs.
 */
export async function readCsvLines(input: Readable, on: CsvLineHandlers, onBytes?: (n: number) => void, maxRecordLength = MAX_RECORD_LENGTH): Promise<CsvEnd> {
  const onRecord = on.quoted;
  const onProblem = on.problem;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 0;
  let first = true;
  // A record whose quoted field continues on the next line(s).
  let pending: { text: string; line: number; spans: number } | null = null;

  const takeLine = (raw: string) => {
    lineNo += 1;
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (line.length > maxRecordLength) throw new RecordTooLong(lineNo, maxRecordLength);
    if (line.includes('\uFFFD')) {
      const at = pending ? pending.line : lineNo;
      if (pending) pending = null;
      onProblem(at, NOT_UTF8);
      return;
    }
    if (pending) {
      pending.text += `\n${line}`;
      pending.spans += 1;
      if (pending.text.length > maxRecordLength) throw new RecordTooLong(pending.line, maxRecordLength);
      if (quoteCount(pending.text) % 2 === 0) {
        const p = pending;
        pending = null;
        const fields = parseQuotedRecord(p.text);
        if (fields) onRecord(fields, p.line);
        else onProblem(p.line, 'not valid CSV (badly placed quotes)');
      } else if (pending.spans >= MAX_SPAN_LINES) {
        onProblem(pending.line, 'not valid CSV (a quote is never closed)');
        // Start again on the line after the one that opened the quote.
        const rest = pending.text.split('\n').slice(1);
        const resumeAt = pending.line + 1;
        pending = null;
        lineNo = resumeAt - 1;
        for (const l of rest) takeLine(l);
      }
      return;
    }
    if (line === '') return;
    if (line.indexOf('"') < 0) {
      on.plain(line, lineNo);
      return;
    }
    if (quoteCount(line) % 2 === 1) {
      pending = { text: line, line: lineNo, spans: 1 };
      return;
    }
    const fields = parseQuotedRecord(line);
    if (fields) onRecord(fields, lineNo);
    else onProblem(lineNo, 'not valid CSV (badly placed quotes)');
  };

  for await (const chunk of input) {
    const buf = chunk as Buffer;
    onBytes?.(buf.length);
    let text = carry + decoder.write(buf);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      takeLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
    // A line with no break in sight is refused before it can grow (a 2 GB line must not be held whole).
    if (carry.length > maxRecordLength) throw new RecordTooLong(lineNo + 1, maxRecordLength);
  }
  carry += decoder.end();
  const unterminatedLine = carry !== '' && carry !== '\r' ? lineNo + 1 : null;
  if (carry !== '') takeLine(carry);
  const unclosedQuoteAtEnd = pending !== null;
  if (pending) {
    const p = pending as { line: number };
    onProblem(p.line, 'not valid CSV (a quote is never closed)');
  }
  return { unterminatedLine, unclosedQuoteAtEnd };
}
