import { splitParagraphs } from '../../../src/features/minutes/normalise';
import { findResolutions } from '../../../src/features/minutes/resolutions';

const resolutionsOf = (text: string) => findResolutions(splitParagraphs(text)).map((r) => [r.number, r.text, r.source.paragraph]);

describe('resolutions in minutes', () => {
  it('reads numbered resolutions after "RESOLVED –", each with its paragraph', () => {
    expect(resolutionsOf('Discussion followed.\n\nRESOLVED –\n\n(1) That the plan be approved.\n\n(2) That progress be reported in June.\n\nThe meeting closed at 7pm.')).toEqual([
      [1, 'That the plan be approved.', 3],
      [2, 'That progress be reported in June.', 4],
    ]);
  });

  it('reads "It was RESOLVED that …" as one resolution', () => {
    expect(resolutionsOf('It was RESOLVED that the plan be approved.')).toEqual([[1, 'That the plan be approved.', 1]]);
  });

  it('numbers each RESOLVED block from 1 again, for minutes of several items', () => {
    expect(resolutionsOf('RESOLVED – That A be noted.\n\nNext item.\n\nRESOLVED – That B be noted.').map((r) => r[0])).toEqual([1, 1]);
  });

  it('finds none where nothing was resolved', () => {
    expect(resolutionsOf('(1) A list item.\n\nThe resolve of officers was clear.')).toEqual([]);
  });
});
