/** Codes for input the domain rules cannot judge (as opposed to input they judge invalid). */
export const domainErrorCodes = [
  'invalid-date',
  'birth-after-issue',
  'birth-in-future',
  'invalid-time',
  'invalid-tries-left',
  'unknown-event',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** Thrown by domain functions for malformed input; callers map `code` to a message. */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
