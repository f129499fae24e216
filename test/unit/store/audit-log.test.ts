import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AuditLog, canonicalJson, genesisHash } from '../../../src/store/audit-log';
import { openDatabase } from '../../../src/store/open-database';
import { tempDir } from './fixtures';

let t: ReturnType<typeof tempDir>;
let db: Database;
let log: AuditLog;
beforeEach(() => {
  t = tempDir();
  db = openDatabase(join(t.dir, 'a.sqlite')).db;
  log = new AuditLog(db, () => 1000);
});
afterEach(() => {
  db.close();
  t.cleanup();
});

function appendThree() {
  log.append({ actor: 'clerk-1', action: 'signIn' });
  log.append({ actor: 'clerk-1', action: 'application.create', subject: 'app-1', details: { procedure: 'issue', kinds: ['sign', 'auth'], nested: { b: 1, a: 2 } } });
  log.append({ actor: 'sync', action: 'outbox.done', subject: 'row-1', details: { serial: '0A' } });
}

test('entries chain from the genesis hash and verify', () => {
  appendThree();
  const entries = log.list().rows;
  expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(entries[0]?.prevHash).toBe(genesisHash);
  expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
  expect(log.verifyChain()).toEqual({ ok: true, entries: 3, headHash: entries[2]?.hash });
});

test('canonical encoding ignores key order', () => {
  expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe(canonicalJson({ a: [true, null, 'x'], b: 1 }));
});

test.each([
  ['details changed', "UPDATE audit SET details_json = '{\"serial\":\"0B\"}' WHERE seq = 3", 3, 'hash_mismatch'],
  ['actor changed', "UPDATE audit SET actor = 'mallory' WHERE seq = 2", 2, 'hash_mismatch'],
  ['entry removed', 'DELETE FROM audit WHERE seq = 2', 2, 'sequence_gap'],
  ['hash rewritten', "UPDATE audit SET hash = '" + 'f'.repeat(64) + "' WHERE seq = 1", 1, 'hash_mismatch'],
  ['garbage details', "UPDATE audit SET details_json = 'nope' WHERE seq = 2", 2, 'corrupt_row'],
])('tampering is detected at the first broken link: %s', (_name, sql, seq, reason) => {
  appendThree();
  // Someone with the file can bypass the triggers; the chain is what catches them.
  db.exec('DROP TRIGGER audit_never_updated; DROP TRIGGER audit_never_deleted');
  db.exec(sql);
  expect(log.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: seq, reason });
});

test.each([['pin'], ['signPin'], ['password'], ['cardInfoPIN'], ['privateKey']])('refuses a detail key that looks like a secret: %s', (key) => {
  expect(() => log.append({ actor: 'clerk-1', action: 'x', details: { outer: { [key]: 'value' } } })).toThrow(
    expect.objectContaining({ code: 'STORE_AUDIT_SECRET_REJECTED' }),
  );
  expect(db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(0);
});
