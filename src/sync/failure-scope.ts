import { estErrorCodes, isEstError, type EstErrorCode } from './est-errors';

/**
 * Whose fault a failed CA request is, which decides what the sync engine does next:
 * - `row`: this request only (the CA judged it, or its answer was damaged): the row is marked
 *   and the round goes on with the others;
 * - `connectivity`: the CA could not be reached; every other row would fail the same way, so
 *   the round stops and the rows not tried keep their place;
 * - `terminal`: the CA (or the channel to it) refuses this terminal, not this request: 401/403,
 *   a TLS or trust failure, a configuration error. Nothing about the rows is wrong, so none of
 *   them may be marked: the round stops and every claimed row goes back as it was.
 */
export type FailureScope = 'row' | 'connectivity' | 'terminal';

/** Every code the EST client raises, with its scope (the table test walks this). */
export const scopeOfEstCode = {
  EST_NETWORK: 'connectivity',
  EST_TIMEOUT: 'connectivity',
  EST_SERVER_ERROR: 'row',
  EST_RATE_LIMITED: 'row',
  EST_IN_PROGRESS: 'row',
  EST_PENDING: 'row',
  EST_BAD_RESPONSE: 'row',
  EST_BAD_REQUEST: 'row',
  EST_UNAUTHORIZED: 'terminal',
  EST_IDEMPOTENCY_CONFLICT: 'row',
  EST_DUPLICATE_KEY: 'row',
  EST_REJECTED: 'row',
  EST_KEY_MISMATCH: 'row',
  EST_WRONG_CHAIN: 'row',
  EST_TLS: 'terminal',
  EST_TRUST: 'terminal',
  EST_CONFIG: 'terminal',
} as const satisfies Record<EstErrorCode, FailureScope>;

/** Failures other than the EST client's (store, bugs) are the row's: retried with backoff. */
export function failureScope(error: unknown): FailureScope {
  return isEstError(error) ? scopeOfEstCode[error.code] : 'row';
}

/** Codes a row carries after the CA could not be reached: cleared when the CA answers again. */
export const connectivityCodes: readonly EstErrorCode[] = (Object.keys(estErrorCodes) as EstErrorCode[]).filter((code) => scopeOfEstCode[code] === 'connectivity');
