/**
 * PC/SC failures as card errors. pcsclite only gives us a message ending in "(0x8010xxxx)", so
 * the code is taken from there; the message itself goes into `detail` for logs.
 */
import { cardError, isCardError, type CardError } from './errors';

export const pcscCodes = {
  noService: 0x8010001d,
  serviceStopped: 0x8010001e,
  noSmartcard: 0x8010000c,
  sharingViolation: 0x8010000b,
  readerUnavailable: 0x80100017,
  unknownReader: 0x80100009,
  noReaders: 0x8010002e,
  unresponsiveCard: 0x80100066,
  unpoweredCard: 0x80100067,
  resetCard: 0x80100068,
  removedCard: 0x80100069,
  insufficientBuffer: 0x80100008,
} as const;

export function pcscCodeOf(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-fA-F]{8})\)/.exec(message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

/** Maps a pcsclite error for `step` (e.g. "transmit") to a typed card error. */
export function cardErrorFromPcsc(error: unknown, step: string): CardError {
  if (isCardError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  switch (pcscCodeOf(error)) {
    case pcscCodes.removedCard:
    case pcscCodes.noSmartcard:
    case pcscCodes.unpoweredCard:
      return cardError('CARD_REMOVED', `the card was removed (${step})`);
    case pcscCodes.noService:
    case pcscCodes.serviceStopped:
      return cardError('CARD_NO_READER', `the PC/SC service (pcscd) is not running (${step})`);
    case pcscCodes.readerUnavailable:
    case pcscCodes.unknownReader:
    case pcscCodes.noReaders:
      return cardError('CARD_NO_READER', `the reader is not available (${step})`);
    case pcscCodes.unresponsiveCard:
      return cardError('CARD_NO_CARD', `the card does not respond (${step})`);
    case pcscCodes.sharingViolation:
      return cardError('CARD_IN_USE', `the card is in use by another application (${step})`);
    default:
      return cardError('CARD_TRANSPORT', `PC/SC ${step} failed: ${detail}`);
  }
}
