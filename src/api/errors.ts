/**
 * One error model for the whole core (docs/style.md): every failure that reaches a shell is an
 * `ApiError` with a code from ONE union, whether it came from the card, the store, the CA, the
 * rules or the host. Each floor throws `CodedError` (src/errors/coded-error.ts) with a code from
 * its own list; the words a person reads live in src/words, the core sends codes and data.
 */
import { caErrorCodeList } from '../ca/errors';
import { cardErrorCodes } from '../card/errors';
import { domainErrorCodes } from '../domain/errors';
import { CodedError, isCodedError, type ErrorDetails } from '../errors/coded-error';
import { issuanceErrorCodes } from '../issuance/errors';
import { pkiErrorCodes } from '../pki/errors';
import { storeErrorCodes } from '../store/errors';
import { estErrorCodeList } from '../sync/est-errors';
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
  'VISIT_FORM_NOT_SIGNED',
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
  ...estErrorCodeList,
  ...pkiErrorCodes,
  ...caErrorCodeList,
  ...hostErrorCodes,
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type { ErrorDetails } from '../errors/coded-error';

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

export type HostError = CodedError<HostErrorCode>;

/** A host-side failure with a code; thrown inside handlers and turned into an envelope at the edge. */
export function hostError(code: HostErrorCode, message: string, details: ErrorDetails = {}, retryable = false): HostError {
  return new CodedError(code, message, { details, retryable });
}

export function isHostError(error: unknown): error is HostError {
  return isCodedError(error, hostErrorCodes);
}

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

export function isErrorCode(code: string): code is ErrorCode {
  return knownCodes.has(code);
}

/** A stored code (an outbox row's, a sync status's) as a contract code; one this version does not know is INTERNAL. */
export function asErrorCode(code: string): ErrorCode {
  return isErrorCode(code) ? code : 'INTERNAL';
}

/** A coded error whose code the shells carry as itself (anything else crosses as INTERNAL). */
export function isApiError(error: unknown): error is CodedError<ErrorCode> {
  return isCodedError(error) && isErrorCode(error.code);
}

/**
 * Any thrown value → an envelope error. Anything but a coded error becomes INTERNAL without
 * its message: a message may hold data that must not cross to the renderer.
 */
export function toApiError(error: unknown): ApiError {
  if (!isApiError(error)) return { code: 'INTERNAL', retryable: false, details: {} };
  return { code: error.code, retryable: error.retryable, details: error.details };
}

export function fail<T>(error: unknown): Result<T> {
  return { ok: false, error: toApiError(error) };
}
