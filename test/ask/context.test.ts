import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { Query } from '../../src/core/query';
import { compileVocabulary } from '../../src/ask/understand';
import { CONTEXT_TTL_MS, readInContext, textToRead, yearBefore, type AskContext } from '../../src/ask/context';

/** Conversations, read one message at a time against what the same person said before. */
const vocab = compileVocabulary({
  pack: chesterfieldPack,
  actionTitles: ['Provide guard cams to vulnerable residents', 'Rother Active Youth sessions'],
  latestMonth: '2026-09',
  asOfMonth: '2026-09',
});
const START = Date.parse('2026-11-28T10:00:00Z');

interface Step {
  say: string;
  follows: boolean;
  intent?: Query['intent'];
  area?: string | string[];
  cat?: string | null;
  rate?: boolean;
  period?: Query['period'];
  first?: RegExp;
  rag?: string;
  theme?: string;
}

/** Plays a conversation, a minute between messages; returns the readings. */
function play(steps: Step[]): void {
  let ctx: AskContext | undefined;
  let t = START;
  for (const s of steps) {
    const r = readInContext(s.say, vocab, ctx, new Date(t));
    ctx = JSON.parse(JSON.stringify(r.context)) as AskContext; // what the store keeps is JSON
    t += 60_000;
    const q = r.query;
    const got: Record<string, unknown> = { say: s.say, follows: r.followsOn };
    const want: Record<string, unknown> = { say: s.say, follows: s.follows };
    const compare = (key: string, have: unknown, expected: unknown) => {
      if (expected === undefined) return;
      got[key] = have;
      want[key] = expected;
    };
    compare('intent', q.intent, s.intent);
    compare('area', q.areas && q.areas.length > 0 ? q.areas.map((a) => a.name) : q.area?.name, s.area);
    compare('cat', q.category?.slug ?? null, s.cat);
    compare('rate', q.perCapita ?? false, s.rate);
    compare('period', q.period, s.period);
    compare('rag', q.actions?.rag, s.rag);
    compare('theme', q.actions?.theme, s.theme);
    expect(got).toEqual(want);
    if (s.follows) {
      expect(q.followsOn).toMatch(/— following on from your last question\.$/);
      expect(q.note?.startsWith(q.followsOn ?? '-')).toBe(true);
    } else {
      expect(q.followsOn).toBeUndefined();
    }
    if (s.first) expect(q.followsOn).toMatch(s.first);
  }
}

describe('follow-ups keep the subject', () => {
  test('"and Dunston?" after vehicle crime in Moor is vehicle crime in Dunston', () =>
    play([
      { say: 'vehicle crime in Moor', follows: false, cat: 'vehicle-crime' },
      { say: 'and Dunston?', follows: true, intent: 'crime.trend', area: 'Dunston', cat: 'vehicle-crime', first: /^Vehicle crime in Dunston — / },
      { say: 'and in Walton?', follows: true, area: 'Walton', cat: 'vehicle-crime' },
      { say: 'what about hasland', follows: true, area: 'Hasland', cat: 'vehicle-crime' },
      { say: 'Rother', follows: true, area: 'Rother', cat: 'vehicle-crime' },
      { say: 'brim north?', follows: true, area: 'Brimington North', cat: 'vehicle-crime' },
    ]));

  test('one change at a time: rate, trend, worst, breakdown, the year before', () =>
    play([
      { say: 'burglary in Dunston in 2022', follows: false, intent: 'crime.total', period: { kind: 'year', year: 2022 } },
      { say: 'as a rate?', follows: true, area: 'Dunston', cat: 'burglary', rate: true, period: { kind: 'year', year: 2022 } },
      { say: 'per head', follows: true, rate: true },
      { say: 'rising or falling?', follows: true, intent: 'crime.trend', area: 'Dunston', cat: 'burglary' },
      { say: 'how about the year before?', follows: true, area: 'Dunston', cat: 'burglary', period: { kind: 'year', year: 2021 } },
      { say: 'where is it worst?', follows: true, intent: 'crime.rank', cat: 'burglary', period: { kind: 'year', year: 2021 } },
      { say: "what's in that?", follows: true, intent: 'crime.breakdown', cat: null },
    ]));

  test('a crime type alone keeps the place', () =>
    play([
      { say: 'ASB in Rother last 6 months', follows: false },
      { say: 'burglary?', follows: true, area: 'Rother', cat: 'burglary', period: { kind: 'last-months', months: 6 } },
      { say: 'and what about drug dealing', follows: true, area: 'Rother', cat: 'drugs' },
      { say: 'since lockdown?', follows: true, area: 'Rother', cat: 'drugs', period: { kind: 'since', from: '2020-03' } },
    ]));

  test('side by side compares the last two places', () =>
    play([
      { say: 'ASB in Rother', follows: false },
      { say: 'and Walton', follows: true, area: 'Walton' },
      { say: 'side by side', follows: true, intent: 'crime.compare_areas', area: ['Rother', 'Walton'], cat: 'anti-social-behaviour' },
      { say: 'compare them', follows: true, intent: 'crime.compare_areas' },
    ]));

  test('from figures to the plan: who is working on it, only the red ones, another ward', () =>
    play([
      { say: 'ASB in Rother', follows: false },
      { say: "who's working on that?", follows: true, intent: 'actions.list', area: 'Rother', theme: 'Anti-social behaviour' },
      { say: 'only the red ones', follows: true, intent: 'actions.list', rag: 'red' },
      { say: 'and in Hasland?', follows: true, intent: 'actions.list', area: 'Hasland', rag: 'red' },
    ]));

  test('a list of actions narrows: "just the amber ones"', () =>
    play([
      { say: 'actions in Walton', follows: false, intent: 'actions.list' },
      { say: 'just the amber ones', follows: true, intent: 'actions.list', area: 'Walton', rag: 'amber' },
      { say: 'overdue ones', follows: true, intent: 'actions.list', area: 'Walton' },
    ]));

  test('compare with, is that high, the year before that, bottom', () =>
    play([
      { say: 'ASB in Hasland in 2022', follows: false },
      { say: 'compare with walton', follows: true, intent: 'crime.compare_areas', area: ['Hasland', 'Walton'], cat: 'anti-social-behaviour' },
      { say: 'vs dunston', follows: true, intent: 'crime.compare_areas', area: ['Hasland', 'Walton', 'Dunston'] },
      { say: 'Rother', follows: true, intent: 'crime.trend', area: 'Rother' },
      { say: 'is that high?', follows: true, intent: 'crime.compare_areas', area: ['Rother', 'Chesterfield'], rate: true },
      { say: 'what about the year before that', follows: true, period: { kind: 'year', year: 2021 } },
      { say: 'what about last year', follows: true, period: { kind: 'last-year' } },
      { say: 'top wards?', follows: true, intent: 'crime.rank' },
      { say: 'bottom?', follows: true, intent: 'crime.rank', cat: 'anti-social-behaviour' },
    ]));

  test('a typed answer to "which did you mean?" picks the option', () =>
    play([
      { say: 'burglary in Brimington', follows: false, intent: 'clarify' },
      { say: 'south', follows: true, intent: 'crime.trend', area: 'Brimington South', cat: 'burglary' },
    ]));

  test('"yes" takes a single offer', () =>
    play([
      { say: 'burglary on Ashgate Road in Walton', follows: false, intent: 'clarify' },
      { say: 'yes', follows: true, intent: 'crime.trend', area: 'Walton', cat: 'burglary' },
    ]));

  test('a typed number or the whole name also picks', () => {
    play([
      { say: 'asb in my ward', follows: false, intent: 'clarify' },
      { say: 'Walton', follows: true, area: 'Walton', cat: 'anti-social-behaviour' },
    ]);
    play([
      { say: 'crime in Brampton', follows: false, intent: 'clarify' },
      { say: '2', follows: true, area: 'Brampton West & Loundsley Green' },
    ]);
  });
});

describe('a complete new question replaces the context', () => {
  test('a new crime type and place is read as asked', () =>
    play([
      { say: 'vehicle crime in Moor', follows: false },
      { say: 'ASB in Walton', follows: false, area: 'Walton', cat: 'anti-social-behaviour' },
      { say: 'crime in Hasland', follows: false, area: 'Hasland', cat: null },
      { say: 'which wards have the most burglary', follows: false, intent: 'crime.rank', cat: 'burglary' },
      { say: 'actions in Rother', follows: false, intent: 'actions.list' },
      { say: "what's due", follows: false, intent: 'followups.list' },
      { say: 'fly tipping in Dunston', follows: false, intent: 'clarify' },
    ]));

  test('a refusal is never bent by the last subject', () =>
    play([
      { say: 'burglary in Rother', follows: false },
      { say: 'how many were charged', follows: false, intent: 'clarify' },
      { say: 'will it rise next month', follows: false, intent: 'clarify' },
    ]));

  test('with no earlier question a fragment is read on its own', () =>
    play([{ say: 'and Dunston?', follows: false, area: 'Dunston', cat: null }]));
});

describe('context ends', () => {
  test('after 30 minutes of silence', () => {
    const first = readInContext('vehicle crime in Moor', vocab, undefined, new Date(START));
    const later = readInContext('and Dunston?', vocab, first.context, new Date(START + CONTEXT_TTL_MS + 60_000));
    expect(later.followsOn).toBe(false);
    expect(later.query.category).toBeUndefined();
  });

  test('a pending choice is picked only while it is fresh', () => {
    const ask = readInContext('burglary in Brimington', vocab, undefined, new Date(START));
    expect(textToRead('north', ask.context, new Date(START + 60_000))).toBe('burglary in Brimington North');
    expect(textToRead('north', ask.context, new Date(START + CONTEXT_TTL_MS + 60_000))).toBe('north');
  });
});

describe('the year before', () => {
  test.each([
    [{ kind: 'year', year: 2022 }, { kind: 'year', year: 2021 }],
    [{ kind: 'range', from: '2021-06', to: '2021-08' }, { kind: 'range', from: '2020-06', to: '2020-08' }],
    [{ kind: 'last-months', months: 12 }, { kind: 'range', from: '2024-10', to: '2025-09' }],
    [{ kind: 'this-year' }, { kind: 'last-year' }],
    [undefined, { kind: 'range', from: '2024-10', to: '2025-09' }],
  ] as const)('%j → %j', (p, want) => {
    expect(yearBefore(p as Query['period'], '2026-09', new Date(START))).toEqual(want);
  });
});

describe('a refusal after a question offers that question', () => {
  test('"how many were charged?" after burglary in Rother', () => {
    const first = readInContext('burglary in Rother', vocab, undefined, new Date(START));
    const next = readInContext('how many were charged?', vocab, first.context, new Date(START + 60_000));
    expect(next.query.intent).toBe('clarify');
    expect(next.query.clarify?.question).toMatch(/outcome data/);
    expect(next.query.clarify?.options.map((o) => o.text)).toContain('Burglary in Rother');
  });

  test('"did the youth project reduce ASB?" after a question is asked back for its own reason, not refused as about young people', () => {
    const first = readInContext('ASB in Rother', vocab, undefined, new Date(START));
    const next = readInContext('did the Rother Active Youth project reduce ASB?', vocab, first.context, new Date(START + 60_000));
    expect(next.query.intent).toBe('clarify');
    expect(next.query.clarify?.question).toContain("can't say whether an action caused a change");
  });
});
