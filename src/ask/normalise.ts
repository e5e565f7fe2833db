/**
 * Clean-up and tokenising of question text. Everything downstream works on tokens that keep
 * their character offsets in the cleaned text, so a clarification can offer the user's own
 * question back with one place name swapped.
 */

/** Questions longer than this are cut before parsing: no real question is longer, and it bounds the work. */
export const MAX_QUESTION_CHARS = 500;
/** At most this many tokens are looked at (500 characters hold fewer real words than this). */
export const MAX_TOKENS = 120;

export interface Token {
  /** Lower case, accents and apostrophes removed, digit-group commas removed ("1,000" → "1000"). */
  norm: string;
  /** Offsets in the cleaned text. */
  start: number;
  end: number;
  /** Punctuation (a comma, a question mark…) stands between this token and the one before: no name spans it. */
  afterBreak?: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;
const MENTION = /<at\b[^>]*>.*?<\/at>/gi;
const TAG = /<\/?[a-z][^>]{0,200}>/gi;
const ENTITY: Record<string, string> = { '&amp;': '&', '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/**
 * Removes Teams mentions ("<at>Bot</at>"), HTML tags, control characters, folds whitespace and
 * caps the length. The result is what `Query.text` holds.
 */
export function cleanQuestion(raw: string): string {
  if (typeof raw !== 'string') return '';
  // Look at a little more than the cap so a tag or mention cut in half is still removed.
  let s = raw.length > MAX_QUESTION_CHARS * 4 ? raw.slice(0, MAX_QUESTION_CHARS * 4) : raw;
  s = s.replace(MENTION, ' ').replace(TAG, ' ');
  s = s.replace(/&(?:amp|nbsp|lt|gt|quot|#39|apos);/g, (e) => ENTITY[e] ?? e);
  s = s.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  if (s.length > MAX_QUESTION_CHARS) {
    s = s.slice(0, MAX_QUESTION_CHARS);
    // Do not leave half a surrogate pair at the end.
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
    s = s.trimEnd();
  }
  return s;
}

const DASHES = /[\u2010-\u2015\u2212]/g;
const QUOTES = /[\u2018\u2019\u201B\u02BC\u0060\u00B4]/g;

/**
 * Lower-cased copy of the cleaned text with the same length (so offsets still line up): curly
 * apostrophes and dashes straightened. Period rules run their regular expressions on it.
 */
export function lowered(clean: string): string {
  let out = '';
  for (const ch of clean) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out.replace(DASHES, '-').replace(QUOTES, "'");
}

function isWordChar(code: number, ch: string): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  if (code < 128) return false;
  return /[\p{L}\p{N}\p{M}]/u.test(ch);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isApostrophe(ch: string): boolean {
  return ch === "'" || ch === '\u2019' || ch === '\u2018' || ch === '\u02BC';
}

/** Folds one word: lower case, no accents, no apostrophes, no digit-group commas. */
export function foldWord(word: string): string {
  let w = word.toLowerCase();
  // Only decompose when there is something to decompose: this runs for every token.
  if (/[^ -~]/.test(w)) w = w.normalize('NFD').replace(/\p{M}+/gu, '');
  return w.replace(/['\u2019\u2018\u02BC,]/g, '');
}

/**
 * Splits cleaned text into word tokens. Apostrophes inside a word stay in it ("Leonard's" is one
 * token, folded to "leonards"); "&" becomes the word "and"; commas inside numbers are dropped.
 */
export function tokenize(clean: string, maxTokens = MAX_TOKENS): Token[] {
  const tokens: Token[] = [];
  const n = clean.length;
  let i = 0;
  let lastEnd = 0;
  const push = (norm: string, start: number, end: number) => {
    const token: Token = { norm, start, end };
    if (tokens.length > 0 && !/^[\s.'\u2019-]*$/.test(clean.slice(lastEnd, start))) token.afterBreak = true;
    tokens.push(token);
    lastEnd = end;
  };
  while (i < n && tokens.length < maxTokens) {
    const ch = clean[i];
    const code = clean.charCodeAt(i);
    if (ch === '&') {
      push('and', i, i + 1);
      i++;
      continue;
    }
    if (!isWordChar(code, ch)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      const c = clean[i];
      const cc = clean.charCodeAt(i);
      if (isWordChar(cc, c)) {
        i++;
      } else if (isApostrophe(c) && i + 1 < n && isWordChar(clean.charCodeAt(i + 1), clean[i + 1]) && !isDigit(clean.charCodeAt(i + 1))) {
        i++;
      } else if (c === ',' && isDigit(clean.charCodeAt(i - 1)) && i + 3 < n + 1 && /^\d{3}(?!\d)/.test(clean.slice(i + 1, i + 5))) {
        i++;
      } else {
        break;
      }
    }
    const norm = foldWord(clean.slice(start, i));
    if (norm) push(norm, start, i);
  }
  return tokens;
}

/** Folds a name or phrase to its token words joined by single spaces, the key used by every index. */
export function foldPhrase(text: string): string {
  return tokenize(text.replace(/\./g, ' '), 64)
    .map((t) => t.norm)
    .join(' ');
}

const ROW = 128;
const ROWS = [new Int32Array(ROW), new Int32Array(ROW), new Int32Array(ROW)];

/**
 * Optimal-string-alignment distance (adjacent transpositions count once), giving up as soon as
 * it must exceed `max`; then it returns max + 1. Bounded so long junk input stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  // Three reused rows: this runs thousands of times on long junk input, so no allocation per call.
  const rows = lb + 1 <= ROW ? ROWS : [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
  let prevPrev = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && prevPrev[j - 2] + 1 < v) v = prevPrev[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= max ? prev[lb] : max + 1;
}

/** How many edits a word of this length may carry and still count as a misspelling of it. */
export function allowedEdits(length: number): number {
  if (length < 6) return 0;
  if (length <= 8) return 1;
  if (length <= 12) return 2;
  return 3;
}

/** Every leading run of words of each phrase ("a b c" gives "a", "a b", "a b c"): lets a scan stop early. */
export function phrasePrefixes(phrases: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of phrases) {
    let at = p.indexOf(' ');
    while (at > 0) {
      out.add(p.slice(0, at));
      at = p.indexOf(' ', at + 1);
    }
    out.add(p);
  }
  return out;
}

/**
 * Length in tokens of the longest known phrase starting at token `i` that uses no token marked
 * in `used`; 0 if none. `prefixes` must come from `phrasePrefixes` of the same phrases.
 */
export function longestPhraseAt(
  tokens: Token[],
  i: number,
  used: boolean[],
  isPhrase: (phrase: string) => boolean,
  prefixes: Set<string>,
): { len: number; phrase: string } | undefined {
  let phrase = '';
  let best: { len: number; phrase: string } | undefined;
  for (let k = i; k < tokens.length && !used[k] && (k === i || !tokens[k].afterBreak); k++) {
    phrase = k === i ? tokens[k].norm : `${phrase} ${tokens[k].norm}`;
    if (!prefixes.has(phrase)) break;
    if (isPhrase(phrase)) best = { len: k - i + 1, phrase };
  }
  return best;
}
