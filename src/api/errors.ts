/**
 * One error model for the whole core (docs/style.md): every failure that reaches a shell is an
 * `ApiError` with a code from ONE union, whether it came from the card, the store, the CA, the
 * rules or the host. The renderer owns every word a person reads; the core sends codes and data.
 */
import { cardErrorCodes, CardError } from '../card/errors';
import { domainErrorCodes, DomainError } from '../domain/errors';
import { issuanceErrorCodes, IssuanceError } from '../issuance/errors';
import { storeErrorCodes, StoreError } from '../store/errors';
import { estErrorCodes, EstError } from '../sync/est-errors';
import { selfServiceRefusals } from './self-service';

/** Codes raised by the host, the shells and the contract itself. */
export const hostErrorCodes = [
  'CONFIG_DATA_DIR',
  'CONFIG_UNREADABLE',
  'CONFIG_INVALID',
  'CONFIG_NO_CA',
  'CONFIG_MISSING',
  'TERMINAL_BUSY',
  'TERMINAL_NO_ISSUER_KEY',
  'CLERK_NOT_SIGNED_IN',
  'CLERK_SIGN_IN_FAILED',
  'CLERK_LOCKED_OUT',
  'VISIT_WRONG_STEP',
  'VISIT_BUSY',
  'VISIT_BAD_SECRET',
  'VISIT_IDENTITY_NOT_CARD',
  'TRAINING_ONLY',
  'PRINT_FAILED',
  // A past visit's document asked for again
  'VISIT_DOCUMENT_NONE',
  'VISIT_DOCUMENT_REMOVED',
  // Self-service password reset: refusals that send the resident to the counter
  ...selfServiceRefusals,
  // ... and the flow's own faults
  'SELF_SERVICE_OFFLINE',
  'SELF_SERVICE_WRONG_STEP',
  'SELF_SERVICE_PASSWORD_MISMATCH',
  'SELF_SERVICE_BAD_PASSWORD',
  'SELF_SERVICE_ONLY',
  'NOT_ON_SELF_SERVICE',
  'API_BAD_REQUEST',
  'API_UNKNOWN_CHANNEL',
  'API_UNAUTHORIZED',
  'API_SHUTTING_DOWN',
  'INTERNAL',
] as const;
export type HostErrorCode = (typeof hostErrorCodes)[number];

export const errorCodes = [
  ...cardErrorCodes,
  ...domainErrorCodes,
  ...issuanceErrorCodes,
  ...storeErrorCodes,
  ...(Object.keys(estErrorCodes) as (keyof typeof estErrorCodes)[]),
  ...hostErrorCodes,
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Data a message may interpolate: ids, counts, rule codes. Never a password or personal data. */
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

export interface ApiError {
  readonly code: ErrorCode;
  /** true when the same request may succeed later without anything changed (network, busy card). */
  readonly retryable: boolean;
  readonly details: ErrorDetails;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A host-side failure with a code; thrown inside handlers and turned into an envelope at the edge. */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    readonly retryable = false,
  ) {
    super(message);
  }
}

const retryableCardCodes: ReadonlySet<string> = new Set(['CARD_REMOVED', 'CARD_TIMEOUT', 'CARD_TRANSPORT', 'CARD_IN_USE', 'CARD_NO_CARD', 'CARD_NO_READER']);

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

function isErrorCode(code: string): code is ErrorCode {
  return knownCodes.has(code);
}

/**
 * Any thrown value → an envelope error. Unknown errors become INTERNAL without their message:
 * a message may hold data that must not cross to the renderer.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HostError) return { code: error.code, retryable: error.retryable, details: error.details };
  if (error instanceof EstError) return { code: error.code, retryable: error.retryable, details: {} };
  if (error instanceof IssuanceError) return { code: error.code, retryable: false, details: error.reasons.length > 0 ? { reasons: [...error.reasons] } : {} };
  if (error instanceof CardError) return { code: error.code, retryable: retryableCardCodes.has(error.code), details: {} };
  if (error instanceof StoreError || error instanceof DomainError) return { code: error.code, retryable: false, details: {} };
  // ConfigError and TerminalError live in host/; they carry codes of this union.
  if (error instanceof Error && hasCode(error) && isErrorCode(error.code)) return { code: error.code, retryable: false, details: {} };
  return { code: 'INTERNAL', retryable: false, details: {} };
}

export function fail<T>(error: unknown): Result<T> {
  return { ok: false, error: toApiError(error) };
}
