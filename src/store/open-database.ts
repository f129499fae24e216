import BetterSqlite3, { type Database } from 'better-sqlite3';
import { outboxEventTarget, outboxStatesAllowing } from '../domain/outbox-state-machine';
import { asStoreFileError } from './errors';
import { migrate } from './migrate';
import { knownMigrations } from './migrations/index';
import type { Migration } from './migrations/migration';

export interface OpenDatabaseOptions {
  /** For tests of the migration guard; production uses every known migration. */
  readonly migrations?: readonly Migration[];
  readonly busyTimeoutMs?: number;
  readonly now?: () => number;
  /** Put `sending` rows back to `pending` (a killed process left them). Default true. */
  readonly recoverInterrupted?: boolean;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly migrationsApplied: readonly string[];
  readonly recoveredOutboxRows: number;
}

/**
 * Opens (creating if needed) the terminal database with the durability settings docs/design.md §5
 * relies on: WAL, synchronous=FULL (a committed visit survives power loss), foreign keys on.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw asStoreFileError(error, file);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // R-RET-6: freed cells and pages are zeroed, so purged personal data leaves the file.
    db.pragma('secure_delete = ON');
    const { applied } = migrate(db, options.migrations ?? knownMigrations, options.now);
    const recovered = options.recoverInterrupted === false ? 0 : recoverInterruptedSends(db, (options.now ?? Date.now)());
    return { db, migrationsApplied: applied, recoveredOutboxRows: recovered };
  } catch (error) {
    db.close();
    // A damaged, read-only or full file gets its own code and path (the CLI maps them to exit codes).
    throw asStoreFileError(error, file);
  }
}

/**
 * A row is `sending` only while a request is in flight; found on open, its process died.
 * Re-sending is safe because the CA replays by Idempotency-Key.
 */
export function recoverInterruptedSends(db: Database, now: number): number {
  const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get() !== undefined;
  if (!hasOutbox) return 0;
  // The outbox transition table's `recover`: where it starts and where it puts the row.
  const from = outboxStatesAllowing('recover');
  return db
    .prepare(`UPDATE outbox SET state = ?, next_attempt_at = ?, updated_at = ? WHERE state IN (${from.map(() => '?').join(', ')})`)
    .run(outboxEventTarget('recover'), now, now, ...from).changes;
}
