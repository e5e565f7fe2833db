import { AdaptiveCardInvokeResponse, CardFactory } from 'botbuilder';
import type { CardJson, InvokeOutcome } from '../core/turn';

const ERROR_CODES: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 500: 'InternalError' };

/** Turns a domain outcome into the response body Teams expects for adaptiveCard/action. */
export function toInvokeResponse(outcome: InvokeOutcome): AdaptiveCardInvokeResponse {
  switch (outcome.kind) {
    case 'card':
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card };
    case 'message':
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.text as unknown as Record<string, unknown> };
    case 'error':
      return {
        statusCode: outcome.status,
        type: 'application/vnd.microsoft.error',
        value: { code: ERROR_CODES[outcome.status] ?? 'Error', message: outcome.message } as unknown as Record<string, unknown>,
      };
  }
}

export function cardAttachment(card: CardJson) {
  return CardFactory.adaptiveCard(card);
}
