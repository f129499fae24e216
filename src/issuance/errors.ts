import { CodedError, isCodedError } from '../errors/coded-error';

/**
 * Why a procedure stopped. Codes are stable for the UI and the CLI; messages name ids and rule
 * codes, never a password or personal data.
 */
export const issuanceErrorCodes = [
  'ISSUE_NOT_ELIGIBLE',
  'ISSUE_MISSING_DOCUMENTS',
  'ISSUE_BAD_PASSWORD',
  'ISSUE_WRONG_PROCEDURE',
  'ISSUE_CARD_MISMATCH',
  'ISSUE_NOT_FOUND',
  'ISSUE_NOTHING_TO_PICK_UP',
  'ISSUE_KEY_MISMATCH',
  'ISSUE_NO_CA',
  'ISSUE_NOTHING_TO_REVOKE',
  // A password change whose end the terminal did not see: the card may hold the old or the new one (R-LOCK-5)
  'ISSUE_CHANGE_UNCONFIRMED',
] as const;
export type IssuanceErrorCode = (typeof issuanceErrorCodes)[number];

export type IssuanceError = CodedError<IssuanceErrorCode>;

/**
 * `reasons` are rule-level (refusal codes, missing document codes, password error codes) and
 * reach the screen as `details.reasons`; `applicationId` is the rejected application recorded
 * for a refusal, if any.
 */
export function issuanceError(code: IssuanceErrorCode, message: string, reasons: readonly string[] = [], applicationId: string | null = null): IssuanceError {
  return new CodedError(code, message, { details: reasons.length > 0 ? { reasons } : {}, facts: { applicationId } });
}

export function isIssuanceError(error: unknown): error is IssuanceError {
  return isCodedError(error, issuanceErrorCodes);
}

/**
 * The code a failed visit records: the error's own stable code when it has one (a card error,
 * a refusal, a terminal fault such as a missing issuer key), so the record says what really
 * happened; only an error without any code is `ISSUE_INTERNAL`.
 */
export function failureCodeOf(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code: unknown = error.code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code) && code.length <= 64) return code;
  }
  return 'ISSUE_INTERNAL';
}
