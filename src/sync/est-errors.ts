import { CodedError, isCodedError } from '../errors/coded-error';

/**
 * Why a CA request failed, as codes: the renderer's catalogue (src/words/errors.ts) holds
 * the words a clerk reads. `retryable` decides what the sync engine does with the row; it
 * never decides to drop it.
 */
export const estErrorCodes = {
  EST_NETWORK: { retryable: true },
  EST_TIMEOUT: { retryable: true },
  EST_SERVER_ERROR: { retryable: true },
  EST_RATE_LIMITED: { retryable: true },
  EST_IN_PROGRESS: { retryable: true },
  EST_PENDING: { retryable: true },
  EST_BAD_RESPONSE: { retryable: true },
  EST_BAD_REQUEST: { retryable: false },
  EST_UNAUTHORIZED: { retryable: false },
  EST_IDEMPOTENCY_CONFLICT: { retryable: false },
  EST_DUPLICATE_KEY: { retryable: false },
  EST_REJECTED: { retryable: false },
  EST_KEY_MISMATCH: { retryable: false },
  EST_WRONG_CHAIN: { retryable: false },
  EST_TLS: { retryable: false },
  /** The CA's certificate is not the pinned trust anchor's (or is invalid): never "offline". */
  EST_TRUST: { retryable: false },
  EST_CONFIG: { retryable: false },
} as const satisfies Record<string, { retryable: boolean }>;
export type EstErrorCode = keyof typeof estErrorCodes;

export const estErrorCodeList = Object.keys(estErrorCodes) as EstErrorCode[];

export type EstError = CodedError<EstErrorCode>;

/**
 * A failed CA request. `detail` is technical, for logs: never a request body or personal data.
 * `retryAfterMs` comes from a Retry-After header, when the CA sent one.
 */
export function estError(code: EstErrorCode, detail: string, httpStatus?: number, retryAfterMs?: number): EstError {
  return new CodedError(code, `${code}: ${detail}`, { retryable: estErrorCodes[code].retryable, facts: { httpStatus, retryAfterMs } });
}

export function isEstError(error: unknown): error is EstError {
  return isCodedError(error, estErrorCodeList);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Maps an HTTP status that is not a success to a typed error. `caErrorCode` is the reference
 * CA's `Ca-Error-Code` header; other EST CAs send none, so the body text is the fallback.
 */
export function classifyStatus(status: number, body: string, retryAfterMs: number | undefined, caErrorCode?: string): EstError {
  const snippet = body.slice(0, 200).replace(/[^\x20-\x7e]/g, '?');
  if (status === 429) return estError('EST_RATE_LIMITED', `HTTP 429 ${snippet}`, status, retryAfterMs);
  if (status === 409) {
    // 409 means "your first request is still running" unless the CA says the key already has
    // a live certificate, which no retry will change.
    const isDuplicate =
      caErrorCode !== undefined
        ? caErrorCode === 'CA_DUPLICATE_KEY'
        : /(duplicate|already|live.?cert|exists)/i.test(body) && !/in.?progress/i.test(body);
    return estError(isDuplicate ? 'EST_DUPLICATE_KEY' : 'EST_IN_PROGRESS', `HTTP 409 ${snippet}`, status, retryAfterMs);
  }
  if (status >= 500) return estError('EST_SERVER_ERROR', `HTTP ${status} ${snippet}`, status, retryAfterMs);
  if (status === 400) return estError('EST_BAD_REQUEST', `HTTP 400 ${snippet}`, status);
  if (status === 401 || status === 403) return estError('EST_UNAUTHORIZED', `HTTP ${status} ${snippet}`, status);
  if (status === 422) return estError('EST_IDEMPOTENCY_CONFLICT', `HTTP 422 ${snippet}`, status);
  if (status === 408) return estError('EST_TIMEOUT', `HTTP 408 ${snippet}`, status, retryAfterMs);
  return estError('EST_REJECTED', `HTTP ${status} ${snippet}`, status);
}
