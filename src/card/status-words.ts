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
 * What the status words we meet mean: one row a meaning, with every SW that carries it. 6983 /
 * 6984: the reference data is blocked (no tries left) or not usable. 6700: wrong length. 6A80:
 * the card refused the data (bad PIN format, a certificate not matching the key). 6300 without
 * a counter: EXTERNAL AUTHENTICATE with a signature the card does not accept. 6A83 (record not
 * found) reads as wrong parameters.
 */
const statusMeanings: readonly (readonly [CardErrorCode, string, readonly number[]])[] = [
  ['CARD_AUTHENTICATION_FAILED', 'authentication failed', [0x6300]],
  ['CARD_PIN_BLOCKED', 'PIN blocked or not set', [0x6983, 0x6984]],
  ['CARD_SECURITY_STATUS', 'security status not satisfied', [0x6982]],
  ['CARD_FILE_NOT_FOUND', 'file or application not found', [0x6a82]],
  ['CARD_WRONG_LENGTH', 'wrong length', [0x6700]],
  ['CARD_WRONG_PARAMETERS', 'wrong parameters P1-P2', [0x6a86, 0x6b00, 0x6a83]],
  ['CARD_WRONG_DATA', 'incorrect data', [0x6a80]],
  ['CARD_INS_NOT_SUPPORTED', 'instruction not supported', [0x6d00]],
  ['CARD_CLA_NOT_SUPPORTED', 'class not supported', [0x6e00]],
  ['CARD_CONDITIONS_NOT_SATISFIED', 'conditions of use not satisfied', [0x6985]],
];

const meaningOfStatus: ReadonlyMap<number, readonly [CardErrorCode, string]> = new Map(statusMeanings.flatMap(([code, what, sws]) => sws.map((sw) => [sw, [code, what]] as const)));

/**
 * The coded error for a non-success SW. 63Cx after VERIFY with data: the counter is already
 * decremented, and `details.triesLeft` says to what. 6Cxx that re-sending with the right Le
 * could not resolve: wrong length. Anything else unknown is CARD_UNEXPECTED_STATUS.
 */
export function errorForStatus(sw: number, command: string): CardError {
  if ((sw & 0xfff0) === 0x63c0) return statusWordError('CARD_WRONG_PIN', sw, command, `wrong PIN, ${sw & 0x0f} tries left`, { triesLeft: sw & 0x0f });
  if ((sw & 0xff00) === 0x6c00) return statusWordError('CARD_WRONG_LENGTH', sw, command, 'wrong length');
  const [code, what] = meaningOfStatus.get(sw) ?? ['CARD_UNEXPECTED_STATUS', 'unexpected status'];
  return statusWordError(code, sw, command, what);
}
