import { isAscii } from 'node:buffer';
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

/** Where `char` next occurs in `text` from `from`; Infinity when it does not. */
function nextIndex(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from);
  return i < 0 ? Infinity : i;
}

function quoteCount(s: string): number {
  let c = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) c += 1;
  return c;
}

/** Whether a chunk ends at a character's end (so a UTF-8 decoder fed it holds nothing back). */
function endsWhole(buf: Buffer): boolean {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the character starts earlier
    const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return buf.length - i >= size;
  }
  return false;
}

/**
 * Decodes a stream's chunks as UTF-8. A chunk of ASCII alone (nearly every chunk of a police.uk
 * file) is copied as it stands, at half the cost, unless the decoder holds the start of a
 * character cut at the end of the chunk before.
 */
function utf8Decoder(): { write(buf: Buffer): string; end(): string; ascii: boolean } {
  const decoder = new StringDecoder('utf8');
  let holding = false;
  return {
    /** The last chunk was ASCII alone (so its text holds no U+FFFD put in for bytes that are not UTF-8). */
    ascii: false,
    write(buf) {
      this.ascii = !holding && isAscii(buf);
      if (this.ascii) return buf.toString('latin1');
      holding = !endsWhole(buf);
      return decoder.write(buf);
    },
    end: () => decoder.end(),
  };
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
  const on: CsvLineHandlers = { plain: (text, start, end, lineNo) => onRecord(text.slice(start, end).split(','), lineNo), quoted: onRecord, problem: onProblem };
  return readCsvLines(input, on, onBytes, maxRecordLength);
}

/** What readCsvLines hands over: a record with no quotes as where it lies in the text, any other as its fields. */
export interface CsvLineHandlers {
  /**
   * A record with no quote in it: `text.slice(start, end)` (without its line break), whose fields
   * are exactly that split at commas; a reader after a few fields may take just those.
   */
  plain(text: string, start: number, end: number, lineNo: number): void;
  /** A record with quotes, parsed. */
  quoted(fields: string[], lineNo: number): void;
  problem(lineNo: number, reason: string): void;
}

/**
 * readCsvRecords for readers of millions of rows: a record with no quotes (nearly every police.uk
 * row) is handed over unsplit, where it lies in the text read, so that the reader takes only the
 * fields it needs. The handlers are called as methods of `on`.
 */
export async function readCsvLines(input: Readable, on: CsvLineHandlers, onBytes?: (n: number) => void, maxRecordLength = MAX_RECORD_LENGTH): Promise<CsvEnd> {
  const decoder = utf8Decoder();
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
      on.problem(at, NOT_UTF8);
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
        if (fields) on.quoted(fields, p.line);
        else on.problem(p.line, 'not valid CSV (badly placed quotes)');
      } else if (pending.spans >= MAX_SPAN_LINES) {
        on.problem(pending.line, 'not valid CSV (a quote is never closed)');
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
      on.plain(line, 0, line.length, lineNo);
      return;
    }
    if (quoteCount(line) % 2 === 1) {
      pending = { text: line, line: lineNo, spans: 1 };
      return;
    }
    const fields = parseQuotedRecord(line);
    if (fields) on.quoted(fields, lineNo);
    else on.problem(lineNo, 'not valid CSV (badly placed quotes)');
  };

  for await (const chunk of input) {
    const buf = chunk as Buffer;
    onBytes?.(buf.length);
    let text = decoder.write(buf);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    if (carry !== '') {
      // The line begun in a chunk before ends here, or later. (Joined on its own: joining the
      // whole chunk to it would copy the chunk.)
      const nl = text.indexOf('\n');
      if (nl < 0) {
        carry += text;
        if (carry.length > maxRecordLength) throw new RecordTooLong(lineNo + 1, maxRecordLength);
        continue;
      }
      takeLine(carry + text.slice(0, nl));
      start = nl + 1;
    }
    // Quotes and undecodable bytes are rare: a line before the next of each, with no record
    // pending, is a plain record and goes to `plain` as it lies, unsliced and unscanned here.
    let quote = nextIndex(text, '"', start);
    let undecodable = decoder.ascii ? Infinity : nextIndex(text, '\uFFFD', start);
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      if (pending === null && nl < quote && nl < undecodable && nl - start <= maxRecordLength) {
        lineNo += 1;
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > start) on.plain(text, start, end, lineNo);
      } else {
        takeLine(text.slice(start, nl));
        if (quote < nl) quote = nextIndex(text, '"', nl + 1);
        if (undecodable < nl) undecodable = nextIndex(text, '\uFFFD', nl + 1);
      }
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
    on.problem(p.line, 'not valid CSV (a quote is never closed)');
  }
  return { unterminatedLine, unclosedQuoteAtEnd };
}
