import { toInvokeResponse } from '../../src/teams/invokeResponse';

describe('toInvokeResponse', () => {
  test('a card replaces the card the button was on', () => {
    expect(toInvokeResponse({ kind: 'card', card: { type: 'AdaptiveCard' } })).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
  });

  test('a short message is shown as text', () => {
    expect(toInvokeResponse({ kind: 'message', text: 'Done.' })).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' });
  });

  test('a refusal carries its status and a message for the person', () => {
    expect(toInvokeResponse({ kind: 'error', status: 403, message: 'Only the lead can do that.' })).toEqual({
      statusCode: 403,
      type: 'application/vnd.microsoft.error',
      value: { code: 'Forbidden', message: 'Only the lead can do that.' },
    });
  });
});
