import { CodedError, isCodedError, type ErrorFacts } from '../errors/coded-error';

/**
 * Typed store errors. Every one carries a stable code the UI and the CLI map to clerk words;
 * messages name ids and columns, never personal data or secrets.
 */
export const storeErrorCodes = [
  'STORE_SCHEMA_TOO_NEW',
  'STORE_SCHEMA_MISMATCH',
  'STORE_CORRUPT_ROW',
  'STORE_NOT_FOUND',
  'STORE_STATE_CONFLICT',
  'STORE_ILLEGAL_TRANSITION',
  'STORE_AUDIT_SECRET_REJECTED',
  'STORE_INVALID_INPUT',
  /** The audit log disagrees with its chain or its checkpoint: changed behind the terminal's back. */
  'STORE_AUDIT_TAMPERED',
  /** An initialised terminal (its audit key exists) whose database file is gone or empty. */
  'STORE_DATABASE_MISSING',
  /** The database has keyed audit entries but the key that made them is gone. */
  'STORE_AUDIT_KEY_MISSING',
  /** The audit checkpoint could not be written (full disk, read-only directory): nothing was committed. */
  'STORE_AUDIT_CHECKPOINT_FAILED',
  'STORE_FILE_CORRUPT',
  'STORE_READ_ONLY',
  'STORE_DISK_FULL',
] as const;
export type StoreErrorCode = (typeof storeErrorCodes)[number];

export type StoreError = CodedError<StoreErrorCode>;

export function storeError(code: StoreErrorCode, message: string, facts: ErrorFacts = {}, cause?: unknown): StoreError {
  return new CodedError(code, message, { facts, cause });
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return isCodedError(error, storeErrorCodes) && (code === undefined || error.code === code);
}

/** The database was written by a newer Madoguchi: opening it would risk silent damage. */
export function schemaTooNew(applied: readonly string[], known: readonly string[]): StoreError {
  return storeError('STORE_SCHEMA_TOO_NEW', `database schema is newer than this program (applied ${applied.length} migrations, this version knows ${known.length}); update Madoguchi`);
}

/** The applied migrations are not a prefix of the known list: a foreign or forked database. */
export function schemaMismatch(position: number, applied: string | undefined, expected: string | undefined): StoreError {
  return storeError('STORE_SCHEMA_MISMATCH', `database migration #${position + 1} is '${applied ?? '(none)'}' but this program expects '${expected ?? '(none)'}'`);
}

/** A row whose stored value fails validation; reported per row so the others stay readable. */
export function corruptRow(table: string, rowId: string, column: string, reason: string): StoreError {
  return storeError('STORE_CORRUPT_ROW', `corrupt ${table} row ${rowId}: column ${column} (${reason})`, { table, rowId, column });
}

export function notFound(table: string, rowId: string): StoreError {
  return storeError('STORE_NOT_FOUND', `${table} row ${rowId} not found`, { table, rowId });
}

/** The row is not in the state the caller expected (another process or a stale screen). */
export function stateConflict(table: string, rowId: string, actual: string, expected: readonly string[]): StoreError {
  return storeError('STORE_STATE_CONFLICT', `${table} row ${rowId} is '${actual}', expected ${expected.map((s) => `'${s}'`).join(' or ')}`, { table, rowId });
}

/** Faults of the database file itself, each with its own code and the clerk's next step. */
export type StoreFileErrorCode = 'STORE_FILE_CORRUPT' | 'STORE_READ_ONLY' | 'STORE_DISK_FULL';
const storeFileErrorCodes: readonly StoreFileErrorCode[] = ['STORE_FILE_CORRUPT', 'STORE_READ_ONLY', 'STORE_DISK_FULL'];

/**
 * The database file or its directory failed (damaged, not writable, no space). Carries the
 * path so the administrator knows which file; nothing already committed is lost by any of them.
 */
export function storeFileError(code: StoreFileErrorCode, path: string, cause: unknown): CodedError<StoreFileErrorCode> {
  return new CodedError(code, `${code === 'STORE_FILE_CORRUPT' ? 'damaged database file' : code === 'STORE_READ_ONLY' ? 'cannot write' : 'no space left for'} ${path}`, { facts: { path }, cause });
}

export function isStoreFileError(error: unknown): error is CodedError<StoreFileErrorCode> {
  return isCodedError(error, storeFileErrorCodes);
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * SQLite's result codes (better-sqlite3 SqliteError) and the OS's errno codes (the lock file,
 * the data directory) → a file fault, or undefined for anything else.
 */
export function storeFileErrorCode(error: unknown): StoreFileErrorCode | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') return 'STORE_FILE_CORRUPT';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'STORE_READ_ONLY';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'STORE_DISK_FULL';
  return undefined;
}

/** Wraps a file fault with the path; anything else is returned unchanged. */
export function asStoreFileError(error: unknown, path: string): unknown {
  if (isStoreFileError(error)) return error;
  const code = storeFileErrorCode(error);
  return code === undefined ? error : storeFileError(code, path, error);
}
