/**
 * The clerk's search of past applications in a real SQLite file: by receipt number, by card
 * serial, by a range of days, newest first and bounded; the date range and an application's
 * history are read through indexes, not by scanning the tables.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, tempDir } from './fixtures';

const jst = (at: string): number => Date.parse(`${at}+09:00`);

let cleanup: () => void;
let db: Database;
let store: Store;
let now = jst('2026-12-03T09:00:00');

beforeAll(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  db = openDatabase(join(temp.dir, 'terminal.sqlite')).db;
  store = new Store(db, () => now);
  const add = (at: string, cardSerial: string) => {
    now = jst(at);
    store.recordNewApplication(sampleApplication({ cardSerial, state: 'completed' }), { actor: 'clerk-1', action: 'application.recorded' });
  };
  add('2026-12-03T09:00:00', 'CARD-A');
  add('2026-12-04T09:00:00', 'CARD-B');
  add('2026-12-04T10:00:00', 'CARD-A');
  add('2026-12-04T23:59:59', 'CARD-C');
  add('2026-12-05T00:00:00', 'CARD-A');
});
afterAll(() => {
  db.close();
  cleanup();
});

test('a receipt number finds its one application', () => {
  const { rows, more } = store.applications.search({ receiptNumber: '20261204-002' }, 50);
  expect(rows.map((r) => [r.receiptNumber, r.cardSerial])).toEqual([['20261204-002', 'CARD-A']]);
  expect(more).toBe(false);
  expect(store.applications.search({ receiptNumber: '20261204-009' }, 50).rows).toEqual([]);
});

test("a card serial finds that card's applications of every day, newest first", () => {
  const { rows } = store.applications.search({ cardSerial: 'CARD-A' }, 50);
  expect(rows.map((r) => r.receiptNumber)).toEqual(['20261205-001', '20261204-002', '20261203-001']);
});

test('a date range keeps to its bounds and says when there is more than the page', () => {
  const day = { createdFrom: jst('2026-12-04T00:00:00'), createdBefore: jst('2026-12-05T00:00:00') };
  expect(store.applications.search(day, 50).rows.map((r) => r.receiptNumber)).toEqual(['20261204-003', '20261204-002', '20261204-001']);
  const page = store.applications.search(day, 2);
  expect(page.rows.map((r) => r.receiptNumber)).toEqual(['20261204-003', '20261204-002']);
  expect(page.more).toBe(true);
});

test('the date range and the history of one application use indexes', () => {
  const plan = (sql: string, ...params: unknown[]) =>
    z
      .array(z.object({ detail: z.string() }))
      .parse(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params))
      .map((r) => r.detail)
      .join('\n');
  expect(plan('SELECT * FROM applications WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC, id LIMIT 10', 0, 1)).toMatch(/USING INDEX applications_created_at/);
  expect(plan('SELECT * FROM audit WHERE subject = ? ORDER BY seq', 'x')).toMatch(/USING INDEX audit_subject/);
});
