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
] as const;
export type IssuanceErrorCode = (typeof issuanceErrorCodes)[number];

export class IssuanceError extends Error {
  override readonly name = 'IssuanceError';
  constructor(
    readonly code: IssuanceErrorCode,
    message: string,
    /** Rule-level reasons (refusal codes, missing document codes, password error codes). */
    readonly reasons: readonly string[] = [],
    /** For a refusal: the rejected application recorded for it, if any. */
    readonly applicationId: string | null = null,
  ) {
    super(message);
  }
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
