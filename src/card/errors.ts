import { CodedError, isCodedError, type ErrorDetails, type ErrorFacts } from '../errors/coded-error';

/**
 * Every failure the card layers report. Callers branch on `code` (stable strings the renderer
 * maps to Japanese and English text); messages are for logs and never carry a PIN.
 */
export const cardErrorCodes = [
  'CARD_WRONG_PIN',
  'CARD_PIN_BLOCKED',
  'CARD_SECURITY_STATUS',
  'CARD_FILE_NOT_FOUND',
  'CARD_WRONG_LENGTH',
  'CARD_WRONG_PARAMETERS',
  'CARD_WRONG_DATA',
  'CARD_INS_NOT_SUPPORTED',
  'CARD_CLA_NOT_SUPPORTED',
  'CARD_CONDITIONS_NOT_SATISFIED',
  'CARD_AUTHENTICATION_FAILED',
  'CARD_UNEXPECTED_STATUS',
  'CARD_MALFORMED_RESPONSE',
  'CARD_INVALID_DATA',
  'CARD_INVALID_ARGUMENT',
  'CARD_REMOVED',
  'CARD_TIMEOUT',
  'CARD_TRANSPORT',
  'CARD_IN_USE',
  'CARD_NO_READER',
  'CARD_NO_CARD',
  'CARD_CLOSED',
] as const;
export type CardErrorCode = (typeof cardErrorCodes)[number];

/** Codes where trying again may help without anything changed: the card or the reader was busy or away. */
const retryableCardCodes: readonly CardErrorCode[] = ['CARD_REMOVED', 'CARD_TIMEOUT', 'CARD_TRANSPORT', 'CARD_IN_USE', 'CARD_NO_CARD', 'CARD_NO_READER'];

export type CardError = CodedError<CardErrorCode>;

/**
 * A card failure. `facts` keeps the status word and command for the code that handles it;
 * `details` is what a person's words may say (the tries left after a wrong PIN).
 */
export function cardError(code: CardErrorCode, message: string, facts: ErrorFacts = {}, details: ErrorDetails = {}): CardError {
  return new CodedError(code, message, { retryable: retryableCardCodes.includes(code), facts, details });
}

/** A card error, or with `code` that one kind of card error. */
export function isCardError(error: unknown, code?: CardErrorCode): error is CardError {
  return isCodedError(error, cardErrorCodes) && (code === undefined || error.code === code);
}
