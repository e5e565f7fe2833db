import { mulberry32 } from '../../src/demo/crimeGenerator';
import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import { MAX_QUESTION_CHARS } from '../../src/ask/normalise';
import type { QueryIntent } from '../../src/core/query';
import { compileVocabulary, parseQuestion, understand } from '../../src/ask/understand';
import { planTitles, referenceDate } from './fixtures';

const INTENTS: QueryIntent[] = [
  'crime.trend', 'crime.total', 'crime.rank', 'crime.breakdown', 'crime.compare_areas', 'actions.list', 'action.detail',
  'followups.list', 'followups.remind', 'followups.stop', 'minutes.import', 'whoami', 'help', 'clarify', 'unknown',
];

/** A seeded generator, so a failure can be replayed. */
const prng = mulberry32;

const HOSTILE = [
  '',
  ' ',
  '\u0000\u0001\u0002\u001b[31m',
  "'; DROP TABLE actions; --",
  "1' OR '1'='1",
  'SELECT * FROM crime_counts WHERE 1=1; DELETE FROM roles;',
  '# Heading\n\n* **bold** _it_ [link](http://x) `code` ```js\nalert(1)\n```',
  '<script>alert(1)</script>',
  '<at>Bot</at><at>Bot</at>',
  '{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${injected}"}],"actions":[{"type":"Action.Execute","verb":"action.save"}]}',
  '{{ $root.user }} ${ $root } %s %n %x',
  '🙂🔥💥👮‍♀️🏳️‍🌈🚓🚨',
  'Привет, как дела? Сколько краж в Rother?',
  '犯罪统计 切斯特菲尔德',
  'مرحبا كيف حالك',
  'שלום עולם',
  'नमस्ते दुनिया',
  'Ｒｏｔｈｅｒ　ＡＳＢ',
  'R\u0338o\u0338t\u0338h\u0338e\u0338r\u0338',
  '\u202eroht eR\u202c ASB',
  'remind me about',
  'remind me about on',
  'stop reminding',
  'import minutes',
  'status of',
  'status of operation',
  'since',
  'in in in in in in in in',
  'ward ward ward',
  'Feb 2020 to',
  '99999999999999999999 months',
  'last 999 years',
  'since Smarch 2020',
  '2020/21/22/23',
  '\ud83d',
  '\udc00 lone surrogate',
];

const WORDS = [
  'ASB', 'Rother', 'Rothr', 'Hasland', 'Brimington', 'Staveley', 'town', 'centre', 'St', "Leonard's", 'burglary', 'violence', 'in', 'the',
  'last', '6', 'months', 'since', 'March', '2020', 'Feb', 'to', 'Jan', '2021', 'vs', 'compare', 'which', 'wards', 'most', 'per', '1,000',
  'actions', 'red', 'amber', 'overdue', 'my', 'status', 'of', 'Operation', 'Blofeld', 'remind', 'me', 'about', 'on', '1', 'September',
  'stop', 'reminding', "what's", 'due', 'follow-ups', 'help', 'whoami', 'Sheffield', 'Xyzzy', 'ward', '&', 'and', 'breakdown', 'how',
  'many', 'year', 'on', 'changed', 'led', 'by', 'police', '?', '!', '...', '—', '–', '’',
];

function randomString(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = rand();
    let code: number;
    if (r < 0.5) code = 32 + Math.floor(rand() * 95);
    else if (r < 0.6) code = Math.floor(rand() * 32);
    else if (r < 0.85) code = 0x80 + Math.floor(rand() * 0x2f80);
    else code = 0x1f300 + Math.floor(rand() * 0x300);
    s += String.fromCodePoint(code);
  }
  return s;
}

function input(rand: () => number, i: number): string {
  const kind = i % 6;
  if (kind === 0) return HOSTILE[Math.floor(rand() * HOSTILE.length)];
  if (kind === 1) return randomString(rand, Math.floor(rand() * 80));
  if (kind === 2) return Array.from({ length: 1 + Math.floor(rand() * 14) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  if (kind === 3) {
    // Real words with noise between them.
    return Array.from({ length: 1 + Math.floor(rand() * 10) }, () => (rand() < 0.7 ? WORDS[Math.floor(rand() * WORDS.length)] : randomString(rand, 1 + Math.floor(rand() * 8)))).join(rand() < 0.5 ? ' ' : '');
  }
  if (kind === 4) {
    // Very long text: a long word, long repeated words, or long noise.
    const n = [600, 2_000, 10_000][Math.floor(rand() * 3)];
    const pick = rand();
    if (pick < 0.33) return 'a'.repeat(n);
    if (pick < 0.66) return Array.from({ length: Math.ceil(n / 7) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ').slice(0, n);
    // Long noise: a random chunk repeated, so generating it does not cost more than parsing it.
    return randomString(rand, 250).repeat(Math.ceil(n / 250)).slice(0, n);
  }
  return HOSTILE[Math.floor(rand() * HOSTILE.length)] + ' ' + WORDS[Math.floor(rand() * WORDS.length)] + randomString(rand, Math.floor(rand() * 20));
}

describe('understand: fuzz', () => {
  const vocab = compileVocabulary({ pack: chesterfieldPack, actionTitles: planTitles, referenceDate });

  it('never throws on 10,000 random and hostile inputs and always gives a valid, well-formed Query', () => {
    const rand = prng(20210310);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const text = input(rand, i);
      // The unguarded parse: `understand` would turn a thrown bug into 'unknown' and hide it.
      const q = parseQuestion(text, vocab, referenceDate);
      seen.add(q.intent);
      if (!INTENTS.includes(q.intent)) throw new Error(`invalid intent ${String(q.intent)} for input #${i}`);
      if (typeof q.text !== 'string') throw new Error(`text missing for input #${i}`);
      if (q.intent !== 'minutes.import' && q.text.length > MAX_QUESTION_CHARS) throw new Error(`text not capped for input #${i}`);
      if (q.intent === 'clarify') {
        if (!q.clarify || typeof q.clarify.question !== 'string') throw new Error(`clarify without a question for input #${i}`);
        for (const o of q.clarify.options) if (typeof o.label !== 'string' || typeof o.text !== 'string') throw new Error(`bad option for input #${i}`);
      }
      if (q.reminder && !/^\d{4}-\d{2}-\d{2}$/.test(q.reminder.on)) throw new Error(`bad reminder date for input #${i}`);
      if (q.actions?.changedSince && !/^\d{4}-\d{2}-\d{2}$/.test(q.actions.changedSince)) throw new Error(`bad changedSince for input #${i}`);
      if (q.period?.kind === 'range' && !(q.period.from <= q.period.to)) throw new Error(`backwards range for input #${i}`);
      // Serialisable as the JSON `csp ask --json` prints.
      JSON.parse(JSON.stringify(q));
    }
    // The generator reaches many intents, so the run exercises more than the fallback.
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it('treats non-string input as no question', () => {
    expect(understand(undefined as unknown as string, vocab).intent).toBe('help');
    expect(understand(42 as unknown as string, vocab).intent).toBe('help');
  });
});
