import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { schemaTooNew, schemaMismatch } from './errors';
import type { Migration } from './migrations/migration';

const appliedRowSchema = z.object({ id: z.number().int().positive(), name: z.string() });

/** Names of the migrations recorded in this database, in order. */
export function appliedMigrations(db: Database): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const rows = z.array(appliedRowSchema).parse(db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all());
  return rows.map((r) => r.name);
}

/**
 * Refuses a database whose history is not a prefix of `known` (forked or newer), then applies
 * the missing migrations, each in its own transaction with its record, so a crash leaves the
 * database at a clean step.
 */
export function migrate(db: Database, known: readonly Migration[], now: () => number = Date.now): { applied: string[] } {
  const applied = appliedMigrations(db);
  if (applied.length > known.length) {
    const prefixOk = known.every((m, i) => applied[i] === m.name);
    if (prefixOk) throw schemaTooNew(applied, known.map((m) => m.name));
  }
  for (let i = 0; i < applied.length; i += 1) {
    if (applied[i] !== known[i]?.name) throw schemaMismatch(i, applied[i], known[i]?.name);
  }
  const newlyApplied: string[] = [];
  for (const migration of known.slice(applied.length)) {
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(migration.id, migration.name, now());
    })();
    newlyApplied.push(migration.name);
  }
  return { applied: newlyApplied };
}
