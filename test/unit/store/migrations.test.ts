import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';

import { migration001Initial } from '../../../src/store/migrations/001-initial';
import { knownMigrations } from '../../../src/store/migrations/index';
import { openDatabase } from '../../../src/store/open-database';
import { appliedMigrations } from '../../../src/store/migrate';
import { tempDir } from './fixtures';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

describe('openDatabase', () => {
  test('sets WAL, synchronous=FULL and foreign keys, and records every known migration', () => {
    const { db, migrationsApplied } = openDatabase(join(t.dir, 'm.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(migrationsApplied).toEqual(knownMigrations.map((m) => m.name));
      expect(appliedMigrations(db)).toEqual(knownMigrations.map((m) => m.name));
    } finally {
      db.close();
    }
  });

  test('reopening applies nothing twice', () => {
    const file = join(t.dir, 'm.sqlite');
    openDatabase(file).db.close();
    const again = openDatabase(file);
    expect(again.migrationsApplied).toEqual([]);
    again.db.close();
  });

  test('a database from a newer version is refused with a typed error', () => {
    const file = join(t.dir, 'future.sqlite');
    openDatabase(file).db.close();
    const raw = new BetterSqlite3(file);
    raw.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(999, '999-from-the-future', 0);
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA_TOO_NEW' }));
    try {
      openDatabase(file);
    } catch (error) {
      expect(error).toMatchObject({ code: 'STORE_SCHEMA_TOO_NEW' });
    }
  });

  test('a database whose history is not a prefix of ours is refused', () => {
    const file = join(t.dir, 'fork.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
    raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run('001-someone-else');
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA_MISMATCH' }));
  });
});

describe('001-initial', () => {
  test('creates STRICT tables with the documented columns and protective triggers', () => {
    const db = new BetterSqlite3(join(t.dir, 'one.sqlite'));
    try {
      migration001Initial.up(db);
      const cols = (table: string) => db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
      expect(cols('applications')).toEqual(expect.arrayContaining(['id', 'procedure', 'applicant_type', 'documents_json', 'clerk_id', 'card_serial', 'certificate_kinds_json', 'state', 'fee_yen', 'basic_info_json', 'spki_sha256_sign', 'spki_sha256_auth', 'expiry_sign', 'expiry_auth', 'error_code', 'created_at', 'updated_at']));
      expect(cols('outbox')).toEqual(expect.arrayContaining(['id', 'application_id', 'ca_label', 'csr_der', 'csr_sha256', 'state', 'attempts', 'next_attempt_at', 'last_error_code', 'last_error_message', 'response_der', 'certificate_serial', 'not_after']));
      expect(cols('audit')).toEqual(['seq', 'at', 'actor', 'action', 'subject', 'details_json', 'prev_hash', 'hash']);
      const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('applications','outbox','audit') ORDER BY name").all();
      expect(strict).toEqual([
        { name: 'applications', strict: 1 },
        { name: 'audit', strict: 1 },
        { name: 'outbox', strict: 1 },
      ]);
      // STRICT: a text where an integer belongs is refused by SQLite itself.
      expect(() =>
        db.prepare("INSERT INTO audit VALUES (1, 'x', 'a', 'b', NULL, '{}', 'p', 'h')").run(),
      ).toThrow(/cannot store TEXT value in INTEGER column/);
      db.prepare("INSERT INTO audit VALUES (1, 0, 'a', 'b', NULL, '{}', 'p', 'h')").run();
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE audit SET actor = 'x'").run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
