import { renderCard, assertCardFits, CardTooLargeError, CARD_BUDGET_BYTES } from '../../src/cards/template';

describe('renderCard', () => {
  test('the same template expanded with different data gives each its own card', () => {
    const a = renderCard('answer-text', { text: 'first answer', sources: '', caveats: [], suggestions: [] });
    const b = renderCard('answer-text', { text: 'second answer', sources: '', caveats: [], suggestions: [] });
    expect(JSON.stringify(a)).toContain('first answer');
    expect(JSON.stringify(b)).toContain('second answer');
    expect(JSON.stringify(b)).not.toContain('first answer');
  });

  test('a card over the 28 KB budget is refused', () => {
    const big = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x'.repeat(CARD_BUDGET_BYTES) }] };
    expect(() => assertCardFits(big)).toThrow(CardTooLargeError);
  });
});
