/**
 * The one error type of the core. Every floor throws a `CodedError` whose code comes from its
 * own list (`src/card/errors.ts`, `src/store/errors.ts`, …, all UPPER_SNAKE with the floor's
 * prefix); `src/api/errors.ts` unions the lists and passes code, details and retryable to the
 * shells unchanged. The message is for logs only: never a password, never personal data.
 * This module imports nothing, so every floor may use it.
 */

/** Data a person's words may interpolate; crosses to the renderer as is. Never a secret. */
export interface ErrorDetails {
  /** Rule-level reasons: refusal codes (R-ELIG), missing documents (R-DOC), password rules (R-PW). */
  readonly reasons?: readonly string[];
  /** For a PIN the card refused: the tries left after this attempt. */
  readonly triesLeft?: number;
  /** The configuration or request field at fault. */
  readonly field?: string;
  /** The visit step the request arrived in (VISIT_WRONG_STEP). */
  readonly step?: string;
}

/**
 * Facts the code that catches an error may act on, which stay inside the process (they never
 * reach the envelope): the card's status word, the CA's HTTP answer, the row at fault.
 */
export interface ErrorFacts {
  /** The card's status word (ISO 7816-4) and the command that got it. */
  readonly sw?: number;
  readonly command?: string;
  /** The HTTP status a CA answered with, and its Retry-After in milliseconds. */
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  /** For a refusal: the rejected application recorded for it, if any. */
  readonly applicationId?: string | null;
  /** The table, row and column a store fault is about; the file a file fault is about. */
  readonly table?: string;
  readonly rowId?: string;
  readonly column?: string;
  readonly path?: string;
  /** For an invalid configuration: every field at fault (dotted paths), so one edit fixes them all. */
  readonly fields?: readonly string[];
}

export interface CodedErrorOptions {
  readonly details?: ErrorDetails;
  /** true when the same request may succeed later without anything changed (network, busy card). */
  readonly retryable?: boolean;
  readonly facts?: ErrorFacts;
  readonly cause?: unknown;
}

export class CodedError<C extends string = string> extends Error {
  override readonly name: string = 'CodedError';
  readonly details: ErrorDetails;
  readonly retryable: boolean;
  readonly facts: ErrorFacts;
  constructor(
    readonly code: C,
    message: string,
    options: CodedErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
    this.facts = options.facts ?? {};
  }
}

/**
 * A guard for one floor's codes: `isCodedError(error, cardErrorCodes)` narrows to a card error.
 * Without a list it accepts any coded error.
 */
export function isCodedError<C extends string>(error: unknown, codes: readonly C[]): error is CodedError<C>;
export function isCodedError(error: unknown): error is CodedError;
export function isCodedError(error: unknown, codes?: readonly string[]): error is CodedError {
  return error instanceof CodedError && (codes === undefined || codes.includes(error.code));
}
