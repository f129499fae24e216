/**
 * Status words (ISO 7816-4) as coded errors. `errorForStatus` is total: every SW that is not
 * success maps to exactly one card code, so callers switch on `code`.
 */
import type { ErrorDetails } from '../errors/coded-error';
import { cardError, isCardError, type CardError, type CardErrorCode } from './errors';

export const SW_OK = 0x9000;

export function formatSw(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A non-success status word; `command` names the step (never its data). */
function statusWordError(code: CardErrorCode, sw: number, command: string, what: string, details: ErrorDetails = {}): CardError {
  return cardError(code, `${command}: ${what} (SW ${formatSw(sw)})`, { sw, command }, details);
}

/** An error that came from a status word the card answered (its `facts.sw` is set). */
export function isStatusWordError(error: unknown): error is CardError {
  return isCardError(error) && error.facts.sw !== undefined;
}

export function isSuccess(sw: number): boolean {
  return sw === SW_OK;
}

/**
 * The coded error for a non-success SW. 63Cx after VERIFY with data: the counter is already
 * decremented, and `details.triesLeft` says to what. 6983 / 6984: the reference data is
 * blocked (no tries left) or not usable. 6700, or 6Cxx that re-sending with the right Le could
 * not resolve: wrong length. 6A80: the card refused the data (bad PIN format, a certificate not
 * matching the key). 6300 without a counter: EXTERNAL AUTHENTICATE with a signature the card
 * does not accept.
 */
export function errorForStatus(sw: number, command: string): CardError {
  if ((sw & 0xfff0) === 0x63c0) return statusWordError('CARD_WRONG_PIN', sw, command, `wrong PIN, ${sw & 0x0f} tries left`, { triesLeft: sw & 0x0f });
  if ((sw & 0xff00) === 0x6c00) return statusWordError('CARD_WRONG_LENGTH', sw, command, 'wrong length');
  switch (sw) {
    case 0x6300:
      return statusWordError('CARD_AUTHENTICATION_FAILED', sw, command, 'authentication failed');
    case 0x6983:
    case 0x6984:
      return statusWordError('CARD_PIN_BLOCKED', sw, command, 'PIN blocked or not set');
    case 0x6982:
      return statusWordError('CARD_SECURITY_STATUS', sw, command, 'security status not satisfied');
    case 0x6a82:
      return statusWordError('CARD_FILE_NOT_FOUND', sw, command, 'file or application not found');
    case 0x6700:
      return statusWordError('CARD_WRONG_LENGTH', sw, command, 'wrong length');
    case 0x6a86:
    case 0x6b00:
    case 0x6a83:
      return statusWordError('CARD_WRONG_PARAMETERS', sw, command, 'wrong parameters P1-P2');
    case 0x6a80:
      return statusWordError('CARD_WRONG_DATA', sw, command, 'incorrect data');
    case 0x6d00:
      return statusWordError('CARD_INS_NOT_SUPPORTED', sw, command, 'instruction not supported');
    case 0x6e00:
      return statusWordError('CARD_CLA_NOT_SUPPORTED', sw, command, 'class not supported');
    case 0x6985:
      return statusWordError('CARD_CONDITIONS_NOT_SATISFIED', sw, command, 'conditions of use not satisfied');
    default:
      return statusWordError('CARD_UNEXPECTED_STATUS', sw, command, 'unexpected status');
  }
}
