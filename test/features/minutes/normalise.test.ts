import { contentHashOf, splitParagraphs, splitSentences } from '../../../src/features/minutes/normalise';

describe('splitting minutes into paragraphs', () => {
  it('numbers paragraphs from 1 and drops blank and whitespace-only lines', () => {
    const ps = splitParagraphs('Minutes:\n\u00a0\nThe officer reported on progress.\n \nMembers asked questions.');
    expect(ps.map((p) => [p.index, p.text])).toEqual([
      [1, 'Minutes:'],
      [2, 'The officer reported on progress.'],
      [3, 'Members asked questions.'],
    ]);
  });

  it('starts a paragraph at each bullet, whatever its shape, and keeps the marker aside', () => {
    const ps = splitParagraphs('Points raised:\n·  First point;\n•\tSecond point;\n- Third point;\n* Fourth point.');
    expect(ps.slice(1).map((p) => [p.kind, p.marker, p.text])).toEqual([
      ['bullet', '·', 'First point;'],
      ['bullet', '•', 'Second point;'],
      ['bullet', '-', 'Third point;'],
      ['bullet', '*', 'Fourth point.'],
    ]);
  });

  it('joins lines wrapped mid-sentence, including a line that starts with a dash', () => {
    const ps = splitParagraphs('The Head of Service presented the annual report on the partnership\n– its budget and its\nperformance for the year.\n\nNext paragraph.');
    expect(ps[0].text).toBe('The Head of Service presented the annual report on the partnership – its budget and its performance for the year.');
    expect(ps).toHaveLength(2);
  });

  it('joins a word hyphenated across a line break without adding a space', () => {
    expect(splitParagraphs('Tackling anti-\nsocial behaviour in parks was discussed.')[0].text).toBe('Tackling anti-social behaviour in parks was discussed.');
  });

  it('drops page numbers left by a PDF', () => {
    const ps = splitParagraphs('The first paragraph ends here.\nPage 2 of 3\n7\nThe second paragraph.');
    expect(ps.map((p) => p.text)).toEqual(['The first paragraph ends here.', 'The second paragraph.']);
  });

  it('splits "RESOLVED – (1) … (2) …" on one line into one paragraph per resolution', () => {
    const ps = splitParagraphs('RESOLVED – (1) That the report be noted. (2) That a review be held.');
    expect(ps.map((p) => [p.kind, p.marker, p.text])).toEqual([
      ['resolved', null, 'RESOLVED –'],
      ['numbered', '(1)', 'That the report be noted.'],
      ['numbered', '(2)', 'That a review be held.'],
    ]);
  });

  it('marks short lines without a full stop as headings', () => {
    const ps = splitParagraphs('Agenda item\n\nCommunity Safety Update\n\nThe report was noted.');
    expect(ps.map((p) => p.kind)).toEqual(['heading', 'heading', 'text']);
  });
});

describe('splitting a paragraph into sentences', () => {
  it('keeps decimals, abbreviations and initials inside a sentence', () => {
    expect(splitSentences('Crime fell by 6.5% e.g. in St. Helens. Cllr. Smith asked why. It was agreed.')).toEqual([
      'Crime fell by 6.5% e.g. in St. Helens.',
      'Cllr. Smith asked why.',
      'It was agreed.',
    ]);
  });
});

describe('the identity of a set of minutes', () => {
  it('is the same however the text was copied (bullets, spaces, quotes, "RESOLVED" punctuation)', () => {
    const a = contentHashOf(splitParagraphs('RESOLVED –\n\n(1) That the partnership’s report be noted.\n\n· A point;'));
    const b = contentHashOf(splitParagraphs("Resolved:\r\n1.   That the partnership's   report be noted.\r\n•\tA point;"));
    expect(a).toBe(b);
  });

  it('differs when the words differ', () => {
    expect(contentHashOf(splitParagraphs('That the report be noted.'))).not.toBe(contentHashOf(splitParagraphs('That the report be rejected.')));
  });
});
