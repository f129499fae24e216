import type { Database } from 'better-sqlite3';

/** One forward-only schema step. `id` is its position (1, 2, …), `name` its file's name. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  up(db: Database): void;
}

/** A step that is one SQL script (most are): its id and file name, and the script. */
export function sqlMigration(id: number, name: string, sql: string): Migration {
  return { id, name, up: (db) => db.exec(sql) };
}
