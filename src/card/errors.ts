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

export class CardError extends Error {
  override readonly name: string = 'CardError';
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The card answered with fewer than 2 bytes, or its answer breaks the command's contract. */
export class MalformedResponseError extends CardError {
  override readonly name: string = 'MalformedResponseError';
  constructor(message: string) {
    super('CARD_MALFORMED_RESPONSE', message);
  }
}

/** A file's content (certificate, record, TLV) could not be parsed. */
export class CardDataError extends CardError {
  override readonly name: string = 'CardDataError';
  constructor(message: string) {
    super('CARD_INVALID_DATA', message);
  }
}

/** The caller asked for something the protocol cannot express (e.g. data over 255 bytes). */
export class InvalidCardArgumentError extends CardError {
  override readonly name: string = 'InvalidCardArgumentError';
  constructor(message: string) {
    super('CARD_INVALID_ARGUMENT', message);
  }
}

export class CardRemovedError extends CardError {
  override readonly name: string = 'CardRemovedError';
  constructor(message = 'the card was removed') {
    super('CARD_REMOVED', message);
  }
}

export class CardTimeoutError extends CardError {
  override readonly name: string = 'CardTimeoutError';
  constructor(message: string) {
    super('CARD_TIMEOUT', message);
  }
}

/** PC/SC or reader failure other than removal; `detail` is the PC/SC error text. */
export class CardTransportError extends CardError {
  override readonly name: string = 'CardTransportError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super('CARD_TRANSPORT', message);
  }
}

/** Another application holds the card (PC/SC sharing violation). */
export class CardInUseError extends CardError {
  override readonly name: string = 'CardInUseError';
  constructor(message: string) {
    super('CARD_IN_USE', message);
  }
}

export class NoReaderError extends CardError {
  override readonly name: string = 'NoReaderError';
  constructor(message: string) {
    super('CARD_NO_READER', message);
  }
}

export class NoCardError extends CardError {
  override readonly name: string = 'NoCardError';
  constructor(message: string) {
    super('CARD_NO_CARD', message);
  }
}

export class TransportClosedError extends CardError {
  override readonly name: string = 'TransportClosedError';
  constructor(message = 'the card connection is closed') {
    super('CARD_CLOSED', message);
  }
}
