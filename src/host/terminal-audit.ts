/**
 * `audit verify` on a data directory: never writes, so it works on a read-only copy (an
 * auditor's mount, a write-protected medium) and beside a running terminal.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { verifyAuditRows, type AuditBreak, type AuditVerification } from '../store/audit-verify';
import { StoreError } from '../store/errors';
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

/**
 * A connection that cannot write a byte: with WAL frames still beside the file (a running or
 * crashed terminal) SQLite must read them, so the file is opened read-only in place; otherwise
 * its bytes are read into memory and opened from there, which creates no -wal or -shm file even
 * where the directory is writable.
 */
function openReadOnly(file: string): Database {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const bytes = readFileSync(file);
  // An in-memory image cannot be in WAL mode; the frames are known to be empty, so this reads the same pages.
  for (const offset of formatVersionOffsets) if (bytes.length > offset && bytes[offset] === 2) bytes[offset] = 1;
  return new BetterSqlite3(bytes, { readonly: true });
}

export function verifyTerminalAudit(paths: DataDirPaths): TerminalAuditReport {
  const files = auditFiles(paths.dir);
  let keys;
  try {
    keys = loadAuditKeys(files);
  } catch (error) {
    if (error instanceof StoreError) return { ok: false, code: 'STORE_AUDIT_KEY_MISSING', reason: 'key_unreadable' };
    throw error;
  }
  if (keys === undefined) return { ok: false, code: 'STORE_AUDIT_KEY_MISSING', reason: 'not_initialised' };
  if (databaseFileIsMissing(paths.database)) return { ok: false, code: 'STORE_DATABASE_MISSING', reason: 'database_missing' };
  let report: TerminalAuditReport = { ok: false, code: 'STORE_AUDIT_TAMPERED', reason: 'checkpoint_missing' };
  // Beside a running terminal a commit may land between reading the checkpoint and reading the
  // rows. Every commit rewrites the checkpoint before it, so an unchanged file around the read
  // means the two agree in time; otherwise read both again (bounded).
  for (let attempt = 0; attempt < maxConsistentReads; attempt += 1) {
    const before = checkpointText(files.checkpoint);
    const read = readAuditCheckpoint(files, keys);
    if (read.kind !== 'ok') return { ok: false, code: 'STORE_AUDIT_TAMPERED', reason: read.kind === 'missing' ? 'checkpoint_missing' : 'checkpoint_invalid' };
    const db = openReadOnly(paths.database);
    try {
      const result = verifyAuditRows(db, keys.chain, read.checkpoint);
      report = result.ok ? result : { ...result, code: 'STORE_AUDIT_TAMPERED' };
    } finally {
      db.close();
    }
    if (checkpointText(files.checkpoint) === before) break;
  }
  return report;
}

const maxConsistentReads = 5;

function checkpointText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
