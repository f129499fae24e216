/**
 * `audit verify` on a data directory: never writes, so it works on a read-only copy (an
 * auditor's mount, a write-protected medium) and beside a running terminal.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { verifyAuditRows, type AuditBreak, type AuditVerification } from '../store/audit-verify';
import { isStoreError } from '../store/errors';
import { auditFiles, loadAuditKeys, readAuditCheckpoint } from './audit-files';
import type { DataDirPaths } from './data-dir';
import { databaseFileIsMissing } from './terminal-database';

export type TerminalAuditReport =
  | Extract<AuditVerification, { ok: true }>
  | { readonly ok: false; readonly code: 'STORE_AUDIT_TAMPERED'; readonly reason: AuditBreak; readonly brokenAtSeq: number; readonly entries: number }
  | { readonly ok: false; readonly code: 'STORE_AUDIT_TAMPERED'; readonly reason: 'checkpoint_missing' | 'checkpoint_invalid' }
  | { readonly ok: false; readonly code: 'STORE_DATABASE_MISSING'; readonly reason: 'database_missing' }
  | { readonly ok: false; readonly code: 'STORE_AUDIT_KEY_MISSING'; readonly reason: 'not_initialised' | 'key_unreadable' };

/** SQLite header bytes 18–19: file format versions; 2 means WAL, 1 the rollback journal. */
const formatVersionOffsets = [18, 19] as const;

/** A copy of the database and its WAL in a scratch directory: SQLite reads the frames there. */
function openScratchCopy(file: string): { db: Database; release: () => void } {
  const scratch = mkdtempSync(join(tmpdir(), 'madoguchi-verify-'));
  try {
    copyFileSync(file, join(scratch, 'db'));
    copyFileSync(`${file}-wal`, join(scratch, 'db-wal'));
    const db = new BetterSqlite3(join(scratch, 'db'), { readonly: true, fileMustExist: true });
    return {
      db,
      release: () => {
        db.close();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A connection that writes nothing in the data directory, holding one snapshot of the log:
 * - WAL frames and a -shm file beside the database: a terminal is running (or just stopped);
 *   SQLite reads its frames in place, read-only, through the shared memory that is already there.
 *   A read transaction pins the snapshot now, so rows a terminal commits later stay out of it.
 * - WAL frames without -shm (a crashed terminal's copy, read-only media): opening in place would
 *   create -shm, so the pair is copied to a scratch directory and read there.
 * - No frames: the file's bytes are read into memory and opened from there.
 */
function openSnapshot(file: string): { db: Database; release: () => void } {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    if (!existsSync(`${file}-shm`)) return openScratchCopy(file);
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      db.exec('BEGIN');
      // A deferred transaction takes its snapshot at its first read.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      db.close();
      throw error;
    }
    return {
      db,
      release: () => {
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  }
  const bytes = readFileSync(file);
  // An in-memory image cannot be in WAL mode; the frames are known to be empty, so this reads the same pages.
  for (const offset of formatVersionOffsets) if (bytes.length > offset && bytes[offset] === 2) bytes[offset] = 1;
  const db = new BetterSqlite3(bytes, { readonly: true });
  return { db, release: () => db.close() };
}

export function verifyTerminalAudit(paths: DataDirPaths): TerminalAuditReport {
  const files = auditFiles(paths.dir);
  let keys;
  try {
    keys = loadAuditKeys(files);
  } catch (error) {
    if (isStoreError(error)) return { ok: false, code: 'STORE_AUDIT_KEY_MISSING', reason: 'key_unreadable' };
    throw error;
  }
  if (keys === undefined) return { ok: false, code: 'STORE_AUDIT_KEY_MISSING', reason: 'not_initialised' };
  if (databaseFileIsMissing(paths.database)) return { ok: false, code: 'STORE_DATABASE_MISSING', reason: 'database_missing' };
  // Beside a running terminal a commit may land between reading the checkpoint and reading the
  // rows. Every commit rewrites the checkpoint before and after it, so a checkpoint file that is
  // unchanged around taking the database snapshot agrees with that snapshot; only that short
  // moment is retried (bounded), and the long walk over the rows reads the pinned snapshot.
  for (let attempt = 1; ; attempt += 1) {
    const before = checkpointText(files.checkpoint);
    const read = readAuditCheckpoint(files, keys);
    if (read.kind !== 'ok') return { ok: false, code: 'STORE_AUDIT_TAMPERED', reason: read.kind === 'missing' ? 'checkpoint_missing' : 'checkpoint_invalid' };
    const opened = openSnapshot(paths.database);
    try {
      // After the last attempt the pair is verified as read: a checkpoint that keeps changing
      // faster than a snapshot can be taken is no terminal's pace.
      if (checkpointText(files.checkpoint) !== before && attempt < maxSnapshotAttempts) continue;
      const result = verifyAuditRows(opened.db, keys.chain, read.checkpoint);
      return result.ok ? result : { ...result, code: 'STORE_AUDIT_TAMPERED' };
    } finally {
      opened.release();
    }
  }
}

const maxSnapshotAttempts = 200;

function checkpointText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
