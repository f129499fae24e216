import { CodedError } from '../errors/coded-error';

/** Codes for input the domain rules cannot judge (as opposed to input they judge invalid). */
export const domainErrorCodes = [
  'DOMAIN_INVALID_DATE',
  'DOMAIN_BIRTH_AFTER_ISSUE',
  'DOMAIN_BIRTH_IN_FUTURE',
  'DOMAIN_INVALID_TIME',
  'DOMAIN_INVALID_TRIES_LEFT',
  'DOMAIN_UNKNOWN_EVENT',
  /** An event the application's transition table does not allow in its state. */
  'DOMAIN_ILLEGAL_TRANSITION',
  /** A procedure that has no application form (pick-up completes an earlier one). */
  'DOMAIN_NO_APPLICATION_FORM',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** Thrown by domain functions for malformed input; callers map `code` to a message. */
export function domainError(code: DomainErrorCode, message: string): CodedError<DomainErrorCode> {
  return new CodedError(code, message);
}
