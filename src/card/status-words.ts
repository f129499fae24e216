/**
 * Status words (ISO 7816-4) as typed errors. `errorForStatus` is total: every SW that is not
 * success maps to exactly one class, so callers can `instanceof` or switch on `code`.
 */
import { CardError, type CardErrorCode } from './errors';

export const SW_OK = 0x9000;

export function formatSw(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A non-success status word; `command` names the step (never its data). */
export class StatusWordError extends CardError {
  override readonly name: string = 'StatusWordError';
  constructor(
    code: CardErrorCode,
    readonly sw: number,
    readonly command: string,
    what: string,
  ) {
    super(code, `${command}: ${what} (SW ${formatSw(sw)})`);
  }
}

/** 63Cx after VERIFY with data: the counter is already decremented to `triesLeft`. */
export class WrongPinError extends StatusWordError {
  override readonly name: string = 'WrongPinError';
  readonly triesLeft: number;
  constructor(sw: number, command: string) {
    super('CARD_WRONG_PIN', sw, command, `wrong PIN, ${sw & 0x0f} tries left`);
    this.triesLeft = sw & 0x0f;
  }
}

/** 6983 / 6984: the reference data is blocked (no tries left) or not usable. */
export class PinBlockedError extends StatusWordError {
  override readonly name: string = 'PinBlockedError';
  constructor(sw: number, command: string) {
    super('CARD_PIN_BLOCKED', sw, command, 'PIN blocked or not set');
  }
}

export class SecurityStatusError extends StatusWordError {
  override readonly name: string = 'SecurityStatusError';
  constructor(sw: number, command: string) {
    super('CARD_SECURITY_STATUS', sw, command, 'security status not satisfied');
  }
}

export class FileNotFoundError extends StatusWordError {
  override readonly name: string = 'FileNotFoundError';
  constructor(sw: number, command: string) {
    super('CARD_FILE_NOT_FOUND', sw, command, 'file or application not found');
  }
}

/** 6700, or 6Cxx that could not be resolved by re-sending with the right Le. */
export class WrongLengthError extends StatusWordError {
  override readonly name: string = 'WrongLengthError';
  constructor(sw: number, command: string) {
    super('CARD_WRONG_LENGTH', sw, command, 'wrong length');
  }
}

/** 6A86 / 6B00 (and 6A83 record not found). */
export class WrongParametersError extends StatusWordError {
  override readonly name: string = 'WrongParametersError';
  constructor(sw: number, command: string) {
    super('CARD_WRONG_PARAMETERS', sw, command, 'wrong parameters P1-P2');
  }
}

/** 6A80: the card refused the data (bad PIN format, certificate not matching the key). */
export class WrongDataError extends StatusWordError {
  override readonly name: string = 'WrongDataError';
  constructor(sw: number, command: string) {
    super('CARD_WRONG_DATA', sw, command, 'incorrect data');
  }
}

export class InsNotSupported extends StatusWordError {
  override readonly name: string = 'InsNotSupported';
  constructor(sw: number, command: string) {
    super('CARD_INS_NOT_SUPPORTED', sw, command, 'instruction not supported');
  }
}

export class ClaNotSupported extends StatusWordError {
  override readonly name: string = 'ClaNotSupported';
  constructor(sw: number, command: string) {
    super('CARD_CLA_NOT_SUPPORTED', sw, command, 'class not supported');
  }
}

export class ConditionsNotSatisfied extends StatusWordError {
  override readonly name: string = 'ConditionsNotSatisfied';
  constructor(sw: number, command: string) {
    super('CARD_CONDITIONS_NOT_SATISFIED', sw, command, 'conditions of use not satisfied');
  }
}

/** 6300 (no counter): EXTERNAL AUTHENTICATE with a signature the card does not accept. */
export class AuthenticationFailedError extends StatusWordError {
  override readonly name: string = 'AuthenticationFailedError';
  constructor(sw: number, command: string) {
    super('CARD_AUTHENTICATION_FAILED', sw, command, 'authentication failed');
  }
}

export class UnexpectedStatusError extends StatusWordError {
  override readonly name: string = 'UnexpectedStatusError';
  constructor(sw: number, command: string) {
    super('CARD_UNEXPECTED_STATUS', sw, command, 'unexpected status');
  }
}

export function isSuccess(sw: number): boolean {
  return sw === SW_OK;
}

/** The typed error for a non-success SW. */
export function errorForStatus(sw: number, command: string): StatusWordError {
  if ((sw & 0xfff0) === 0x63c0) return new WrongPinError(sw, command);
  if ((sw & 0xff00) === 0x6c00) return new WrongLengthError(sw, command);
  switch (sw) {
    case 0x6300:
      return new AuthenticationFailedError(sw, command);
    case 0x6983:
    case 0x6984:
      return new PinBlockedError(sw, command);
    case 0x6982:
      return new SecurityStatusError(sw, command);
    case 0x6a82:
      return new FileNotFoundError(sw, command);
    case 0x6700:
      return new WrongLengthError(sw, command);
    case 0x6a86:
    case 0x6b00:
    case 0x6a83:
      return new WrongParametersError(sw, command);
    case 0x6a80:
      return new WrongDataError(sw, command);
    case 0x6d00:
      return new InsNotSupported(sw, command);
    case 0x6e00:
      return new ClaNotSupported(sw, command);
    case 0x6985:
      return new ConditionsNotSatisfied(sw, command);
    default:
      return new UnexpectedStatusError(sw, command);
  }
}
