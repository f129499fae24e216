import { CodedError, isCodedError } from '../errors/coded-error';

/** Codes the reference CA answers with, in JSON bodies `{ code, message }`. */
export const caErrorCodes = {
  CA_BAD_REQUEST: 400,
  CA_BAD_BASE64: 400,
  CA_BAD_CSR: 400,
  CA_BAD_ATTRIBUTES: 400,
  CA_WRONG_PROFILE: 400,
  CA_NOT_ISSUABLE: 400,
  CA_BAD_JSON: 400,
  CA_BAD_IDEMPOTENCY_KEY: 400,
  CA_FORBIDDEN: 403,
  CA_NOT_FOUND: 404,
  CA_METHOD_NOT_ALLOWED: 405,
  CA_REQUEST_TIMEOUT: 408,
  CA_IN_PROGRESS: 409,
  CA_DUPLICATE_KEY: 409,
  /** A terminal's audit head older than (or forked from) one it sent before. */
  CA_AUDIT_ROLLBACK: 409,
  CA_BODY_TOO_LARGE: 413,
  CA_UNSUPPORTED_MEDIA_TYPE: 415,
  CA_IDEMPOTENCY_MISMATCH: 422,
  // Self-service reset (x-reset)
  CA_RESET_NOT_OFFERED: 404,
  CA_RESET_NOT_OURS: 403,
  CA_RESET_CERT_EXPIRED: 403,
  CA_RESET_REVOKED: 403,
  CA_RESET_CARD_LOST: 403,
  /** The terminal declared another card than the one the proving certificate was issued for. */
  CA_RESET_CARD_MISMATCH: 403,
  /** The CA has no record of which card the proving certificate is for (issued before it kept one). */
  CA_RESET_CARD_UNRECORDED: 403,
  CA_RESET_PROOF_FAILED: 403,
  CA_RESET_NONCE_UNKNOWN: 403,
  CA_RESET_NONCE_USED: 409,
  CA_RESET_NONCE_EXPIRED: 410,
  CA_RESET_RATE_LIMITED: 429,
  CA_INTERNAL: 500,
} as const satisfies Record<string, number>;
export type CaErrorCode = keyof typeof caErrorCodes;

export const caErrorCodeList = Object.keys(caErrorCodes) as CaErrorCode[];

export type CaError = CodedError<CaErrorCode>;

/** A refusal of the reference CA; `facts.httpStatus` is the status it answers with. */
export function caError(code: CaErrorCode, message: string): CaError {
  return new CodedError(code, message, { facts: { httpStatus: caErrorCodes[code] } });
}

export function isCaError(error: unknown): error is CaError {
  return isCodedError(error, caErrorCodeList);
}
