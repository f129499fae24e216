/**
 * Opens the terminal database together with its audit anchor (docs/design.md §5), for the host and
 * for the CLI commands that write beside it. An initialised terminal (its audit key exists)
 * never silently starts afresh: a missing or empty database file, a missing checkpoint or a
 * head that disagrees with the checkpoint are errors with codes.
 */
import { existsSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { AuditAnchor } from '../store/audit-log';
import { compareHead } from '../store/audit-verify';
import { genesisHash, type AuditHead } from '../store/audit-entry';
import { storeError } from '../store/errors';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from '../store/open-database';
import { auditFiles, fileCheckpointSink, loadAuditKeys, newAuditKeys, requireAuditCheckpoint, writeAuditCheckpoint, type AuditFiles } from './audit-files';
import type { DataDirPaths } from './data-dir';

export interface TerminalDatabase extends OpenedDatabase {
  readonly auditAnchor: AuditAnchor;
}

/** A zero-length file is what SQLite would quietly turn into a new, empty database. */
export function databaseFileIsMissing(file: string): boolean {
  return !existsSync(file) || statSync(file).size === 0;
}

function currentHead(db: Database): AuditHead {
  const row: unknown = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get();
  if (row === undefined) return { seq: 0, mac: genesisHash };
  if (typeof row === 'object' && row !== null && 'seq' in row && 'hash' in row && typeof row.seq === 'number' && typeof row.hash === 'string') return { seq: row.seq, mac: row.hash };
  throw storeError('STORE_AUDIT_TAMPERED', 'the last audit row cannot be read');
}

function hasKeyedEntries(db: Database): boolean {
  return db.prepare('SELECT 1 FROM audit WHERE entry_json IS NOT NULL LIMIT 1').get() !== undefined;
}

function withDatabase<T>(opened: OpenedDatabase, work: () => T): T {
  try {
    return work();
  } catch (error) {
    opened.db.close();
    throw error;
  }
}

/** First start (or first start after migration 003): the keys and the first checkpoint anchor today's head. */
function initialise(files: AuditFiles, opened: OpenedDatabase, now: number): AuditAnchor {
  if (hasKeyedEntries(opened.db)) throw storeError('STORE_AUDIT_KEY_MISSING', `${files.key} is missing but the audit log has keyed entries`);
  const head = currentHead(opened.db);
  const fresh = newAuditKeys();
  // Checkpoint first: a crash before the key file leaves a terminal that is still uninitialised.
  writeAuditCheckpoint(files, fresh.keys, { keyedFrom: head.seq + 1, head, pending: null }, now);
  fresh.save(files);
  return { signer: fresh.keys.chain, checkpoints: fileCheckpointSink(files, fresh.keys) };
}

export function openTerminalDatabase(paths: DataDirPaths, options: OpenDatabaseOptions = {}): TerminalDatabase {
  const files = auditFiles(paths.dir);
  const keys = loadAuditKeys(files);
  const now = (options.now ?? Date.now)();
  if (keys === undefined) {
    const opened = openDatabase(paths.database, options);
    return withDatabase(opened, () => ({ ...opened, auditAnchor: initialise(files, opened, now) }));
  }
  if (databaseFileIsMissing(paths.database)) throw storeError('STORE_DATABASE_MISSING', `${paths.database} is missing or empty, but this terminal was initialised (${files.key} exists)`);
  const checkpoint = requireAuditCheckpoint(files, keys);
  const opened = openDatabase(paths.database, options);
  return withDatabase(opened, () => {
    const check = compareHead(currentHead(opened.db), checkpoint);
    if (!check.ok) throw storeError('STORE_AUDIT_TAMPERED', `audit log ${check.reason} at entry ${check.brokenAtSeq}`);
    return { ...opened, auditAnchor: { signer: keys.chain, checkpoints: fileCheckpointSink(files, keys) } };
  });
}
