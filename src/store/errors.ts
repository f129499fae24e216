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
] as const;
export type StoreErrorCode = (typeof storeErrorCodes)[number];

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The database was written by a newer Madoguchi: opening it would risk silent damage. */
export class SchemaTooNewError extends StoreError {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly applied: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      'STORE_SCHEMA_TOO_NEW',
      `database schema is newer than this program (applied ${applied.length} migrations, this version knows ${known.length}); update Madoguchi`,
    );
  }
}

/** The applied migrations are not a prefix of the known list: a foreign or forked database. */
export class SchemaMismatchError extends StoreError {
  override readonly name = 'SchemaMismatchError';
  constructor(
    readonly position: number,
    readonly applied: string | undefined,
    readonly expected: string | undefined,
  ) {
    super(
      'STORE_SCHEMA_MISMATCH',
      `database migration #${position + 1} is '${applied ?? '(none)'}' but this program expects '${expected ?? '(none)'}'`,
    );
  }
}

/** A row whose stored value fails validation; reported per row so the others stay readable. */
export class CorruptRowError extends StoreError {
  override readonly name = 'CorruptRowError';
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly column: string,
    readonly reason: string,
  ) {
    super('STORE_CORRUPT_ROW', `corrupt ${table} row ${rowId}: column ${column} (${reason})`);
  }
}

export class NotFoundError extends StoreError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly table: string,
    readonly rowId: string,
  ) {
    super('STORE_NOT_FOUND', `${table} row ${rowId} not found`);
  }
}

/** The row is not in the state the caller expected (another process or a stale screen). */
export class StateConflictError extends StoreError {
  override readonly name = 'StateConflictError';
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly actual: string,
    readonly expected: readonly string[],
  ) {
    super('STORE_STATE_CONFLICT', `${table} row ${rowId} is '${actual}', expected ${expected.map((s) => `'${s}'`).join(' or ')}`);
  }
}
