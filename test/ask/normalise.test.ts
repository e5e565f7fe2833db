import { allowedEdits, cleanQuestion, editDistance, foldPhrase, lowered, MAX_QUESTION_CHARS, tokenize } from '../../src/ask/normalise';

describe('cleanQuestion', () => {
  it('removes the Teams mention, HTML tags and entities, and folds whitespace', () => {
    expect(cleanQuestion('<at>CSP Bot</at>  <p>ASB&nbsp;in <b>Rother</b> &amp; Hasland</p>\n')).toBe('ASB in Rother & Hasland');
  });

  it('drops control and zero-width characters', () => {
    expect(cleanQuestion('ASB\u0000 in\u200B Rother\u001b')).toBe('ASB in Rother');
  });

  it(`caps a long question at ${MAX_QUESTION_CHARS} characters without leaving half an emoji`, () => {
    const text = `${'a'.repeat(MAX_QUESTION_CHARS - 1)}🙂 and more`;
    const clean = cleanQuestion(text);
    expect(clean.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(clean.endsWith('\ud83d')).toBe(false);
    expect(cleanQuestion('b'.repeat(10_000))).toHaveLength(MAX_QUESTION_CHARS);
  });

  it('gives an empty string for blank or non-text input', () => {
    expect(cleanQuestion('   ')).toBe('');
    expect(cleanQuestion(undefined as unknown as string)).toBe('');
  });
});

describe('tokenize', () => {
  it("keeps apostrophes inside words, turns & into 'and', and keeps offsets into the text", () => {
    const text = "St Leonard's & Rother’s";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['st', 'leonards', 'and', 'rothers']);
    expect(text.slice(tokens[1].start, tokens[1].end)).toBe("Leonard's");
  });

  it('reads "1,000" as one number and splits hyphenated words', () => {
    expect(tokenize('per 1,000 anti-social, 3,4').map((t) => t.norm)).toEqual(['per', '1000', 'anti', 'social', '3', '4']);
  });

  it('folds accents and case', () => {
    expect(tokenize('CAFÉ Ça').map((t) => t.norm)).toEqual(['cafe', 'ca']);
  });
});

describe('lowered', () => {
  it('keeps the length of the text so offsets still line up', () => {
    const text = 'Feb 2020 – Jan 2021 İstanbul ’twas';
    expect(lowered(text)).toHaveLength(text.length);
    expect(lowered(text)).toContain('feb 2020 - jan 2021');
  });
});

describe('foldPhrase', () => {
  it('folds a name to its words', () => {
    expect(foldPhrase("St. Leonard's")).toBe('st leonards');
    expect(foldPhrase('Brampton East & Boythorpe')).toBe('brampton east and boythorpe');
  });
});

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and adjacent swaps once each', () => {
    expect(editDistance('rothr', 'rother', 2)).toBe(1);
    expect(editDistance('haslnd', 'hasland', 2)).toBe(1);
    expect(editDistance('hsaland', 'hasland', 2)).toBe(1);
    expect(editDistance('walton', 'walton', 2)).toBe(0);
  });

  it('stops at the bound and reports bound + 1', () => {
    expect(editDistance('sheffield', 'rother', 2)).toBe(3);
    expect(editDistance('a'.repeat(300), 'b'.repeat(300), 2)).toBe(3);
  });

  it('handles strings longer than its reused buffers', () => {
    expect(editDistance('x'.repeat(200), `${'x'.repeat(199)}y`, 3)).toBe(1);
  });
});

describe('allowedEdits', () => {
  it('allows none for short words and more for long names', () => {
    expect(allowedEdits(5)).toBe(0);
    expect(allowedEdits(6)).toBe(1);
    expect(allowedEdits(10)).toBe(2);
  });
});
