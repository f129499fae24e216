import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { hmacAuditSigner, keyedEntryText, legacyAuditHash } from '../../../src/store/audit-entry';
import { AuditLog, canonicalJson, genesisHash, type AuditCheckpointSink, type AuditHead } from '../../../src/store/audit-log';
import { migration001Initial } from '../../../src/store/migrations/001-initial';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { tempDir } from './fixtures';

const signer = hmacAuditSigner(Buffer.alloc(32, 7));
let t: ReturnType<typeof tempDir>;
let db: Database;
let log: AuditLog;
beforeEach(() => {
  t = tempDir();
  db = openDatabase(join(t.dir, 'a.sqlite')).db;
  log = new AuditLog(db, () => 1000, { signer });
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

/** Someone with the file can bypass the triggers; the chain is what catches them. */
function dropTriggers() {
  db.exec('DROP TRIGGER audit_never_updated; DROP TRIGGER audit_never_deleted');
}

test('entries chain from the genesis MAC and verify from the stored bytes', () => {
  appendThree();
  const entries = log.list().rows;
  expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(entries[0]?.prevHash).toBe(genesisHash);
  expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
  const stored = db.prepare('SELECT entry_json FROM audit WHERE seq = 2').pluck().get();
  expect(typeof stored === 'string' && entries[1]?.hash === signer.mac(entries[0]?.hash ?? '', Buffer.from(stored, 'utf8'))).toBe(true);
  expect(log.verifyChain()).toEqual({ ok: true, entries: 3, head: { seq: 3, mac: entries[2]?.hash }, anchored: false });
});

test('the chain is keyed: another key does not verify it', () => {
  appendThree();
  expect(new AuditLog(db, () => 1000, { signer: hmacAuditSigner(Buffer.alloc(32, 8)) }).verifyChain()).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'mac_mismatch' });
});

test('canonical encoding ignores key order', () => {
  expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe(canonicalJson({ a: [true, null, 'x'], b: 1 }));
});

test.each([
  ['details column changed', "UPDATE audit SET details_json = '{\"serial\":\"0B\"}' WHERE seq = 3", 3, 'column_mismatch'],
  ['actor column changed', "UPDATE audit SET actor = 'mallory' WHERE seq = 2", 2, 'column_mismatch'],
  ['entry text changed', "UPDATE audit SET entry_json = replace(entry_json, 'clerk-1', 'mallory') WHERE seq = 2", 2, 'mac_mismatch'],
  ['entry removed', 'DELETE FROM audit WHERE seq = 2', 2, 'sequence_gap'],
  ['MAC rewritten', "UPDATE audit SET hash = '" + 'f'.repeat(64) + "' WHERE seq = 1", 1, 'mac_mismatch'],
  ['entry text garbage', "UPDATE audit SET entry_json = 'nope' WHERE seq = 2", 2, 'corrupt_entry'],
  ['downgraded to an unkeyed row', 'UPDATE audit SET entry_json = NULL WHERE seq = 2', 2, 'corrupt_entry'],
])('tampering is detected at the first broken link: %s', (_name, sql, seq, reason) => {
  appendThree();
  dropTriggers();
  db.exec(sql);
  expect(log.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: seq, reason });
});

test('an edited entry re-chained with plain hashes (what passed before the chain was keyed) does not verify', () => {
  appendThree();
  dropTriggers();
  // The attacker recomputes every later link the only way open to them without the key.
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as { seq: number; at: number; actor: string; action: string; subject: string | null; details_json: string; prev_hash: string }[];
  let prev = rows[0] === undefined ? genesisHash : (db.prepare('SELECT hash FROM audit WHERE seq = 1').pluck().get() as string);
  for (const row of rows.slice(1)) {
    const actor = row.seq === 2 ? 'mallory' : row.actor;
    const fields = { seq: row.seq, at: row.at, actor, action: row.action, subject: row.subject, details: JSON.parse(row.details_json) };
    const text = keyedEntryText(fields);
    const hash = legacyAuditHash({ ...fields, prevHash: prev });
    db.prepare('UPDATE audit SET actor = ?, entry_json = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(actor, text, prev, hash, row.seq);
    prev = hash;
  }
  expect(log.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'mac_mismatch' });
});

test('an entry whose stored text has a duplicate key does not verify, even with a valid MAC', () => {
  appendThree();
  dropTriggers();
  const prev = db.prepare('SELECT hash FROM audit WHERE seq = 2').pluck().get() as string;
  const original = db.prepare('SELECT entry_json FROM audit WHERE seq = 3').pluck().get() as string;
  // Same value to JSON.parse (the last "actor" wins), another to a reader that keeps the first.
  const forged = original.replace('"actor":"sync"', '"actor":"mallory","actor":"sync"');
  expect(JSON.parse(forged)).toEqual(JSON.parse(original));
  db.prepare('UPDATE audit SET entry_json = ?, hash = ? WHERE seq = 3').run(forged, signer.mac(prev, Buffer.from(forged, 'utf8')));
  expect(log.verifyChain()).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'corrupt_entry' });
});

test('fuzz: any single-byte change anywhere in the audit table never verifies', () => {
  for (let i = 0; i < 4; i += 1) appendThree();
  dropTriggers();
  const columns = ['seq', 'at', 'actor', 'action', 'subject', 'details_json', 'prev_hash', 'hash', 'entry_json'] as const;
  const snapshot = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, string | number | null>[];
  fc.assert(
    fc.property(fc.integer({ min: 0, max: snapshot.length - 1 }), fc.constantFrom(...columns), fc.nat(), fc.integer({ min: 1, max: 255 }), (rowIndex, column, position, xor) => {
      const row = snapshot[rowIndex];
      if (row === undefined) return;
      const value = row[column];
      const bytes = Buffer.from(value === null ? '' : String(value), 'utf8');
      if (bytes.length === 0) return;
      const at = position % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ xor;
      const flipped = typeof value === 'number' ? Number(bytes.toString('latin1')) : bytes.toString('utf8');
      // A flip that decodes back to the same value changed nothing (e.g. an invalid UTF-8 byte that reads as U+FFFD twice).
      if (flipped === value || (typeof value === 'number' && !Number.isSafeInteger(flipped))) return;
      db.exec('SAVEPOINT flip');
      try {
        db.prepare(`UPDATE audit SET ${column} = ? WHERE seq = ?`).run(flipped, row['seq']);
        expect(log.verifyChain().ok).toBe(false);
      } catch (error) {
        // A flip that breaks a constraint (the primary key, NOT NULL, STRICT types) cannot be stored at all.
        // Checked structurally: SQLite's errors may come from another realm under the test runner.
        const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
        if (!/constraint|cannot store/i.test(message)) throw error;
      } finally {
        db.exec('ROLLBACK TO flip; RELEASE flip');
      }
    }),
    { numRuns: 300 },
  );
  expect(log.verifyChain().ok).toBe(true);
}, 60_000);

test.each([['pin'], ['signPin'], ['password'], ['cardInfoPIN'], ['privateKey']])('refuses a detail key that looks like a secret: %s', (key) => {
  expect(() => log.append({ actor: 'clerk-1', action: 'x', details: { outer: { [key]: 'value' } } })).toThrow(expect.objectContaining({ code: 'STORE_AUDIT_SECRET_REJECTED' }));
  expect(db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(0);
});

describe('the checkpoint hooks', () => {
  function recordingSink(failPrepare = false) {
    const calls: string[] = [];
    const sink: AuditCheckpointSink = {
      prepare(base: AuditHead, next: AuditHead) {
        calls.push(`prepare ${base.seq}->${next.seq} in-transaction=${String(db.inTransaction)}`);
        if (failPrepare) throw new Error('disk full');
      },
      committed(head: AuditHead) {
        calls.push(`committed ${head.seq} in-transaction=${String(db.inTransaction)}`);
      },
    };
    return { sink, calls };
  }

  test('a unit of work hands its new head over once before COMMIT and once after, under the write lock', () => {
    const { sink, calls } = recordingSink();
    const store = new Store(db, () => 1000, { signer, checkpoints: sink });
    store.unitOfWork(() => {
      store.audit.append({ actor: 'a', action: 'one' });
      store.unitOfWork(() => store.audit.append({ actor: 'a', action: 'nested' }));
      store.audit.append({ actor: 'a', action: 'two' });
    });
    store.unitOfWork(() => undefined);
    store.audit.append({ actor: 'a', action: 'alone' });
    expect(calls).toEqual(['prepare 0->3 in-transaction=true', 'committed 3 in-transaction=true', 'prepare 3->4 in-transaction=true', 'committed 4 in-transaction=true']);
  });

  test('when the head cannot be recorded outside, nothing is committed', () => {
    const { sink } = recordingSink(true);
    const store = new Store(db, () => 1000, { signer, checkpoints: sink });
    expect(() => store.unitOfWork(() => store.audit.append({ actor: 'a', action: 'one' }))).toThrow('disk full');
    expect(db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(0);
  });

  test('an append inside a bare transaction (where no checkpoint would follow) is refused', () => {
    expect(() => db.transaction(() => log.append({ actor: 'a', action: 'x' }))()).toThrow(expect.objectContaining({ code: 'STORE_INVALID_INPUT' }));
  });
});

test('a database from before migration 003 keeps its unkeyed chain, anchored by the first keyed entry', () => {
  const file = join(t.dir, 'old.sqlite');
  const old = openDatabase(file, { migrations: [migration001Initial] }).db;
  let prev = genesisHash;
  for (let seq = 1; seq <= 3; seq += 1) {
    const fields = { seq, at: seq, actor: 'clerk-1', action: 'old', subject: null, details: { n: seq } };
    const hash = legacyAuditHash({ ...fields, prevHash: prev });
    old.prepare('INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(seq, seq, 'clerk-1', 'old', null, canonicalJson(fields.details), prev, hash);
    prev = hash;
  }
  old.close();
  const migrated = openDatabase(file);
  expect(migrated.migrationsApplied).toEqual(['002-outbox-revocation-kind', '003-audit-keyed-chain', '004-personal-data-purge', '005-receipt-number', '006-clerk-sign-in-failures', '007-outbox-acknowledged', '008-visit-search-indexes', '009-receipt-number-reservations']);
  const keyed = new AuditLog(migrated.db, () => 1000, { signer });
  keyed.append({ actor: 'clerk-1', action: 'new' });
  const checkpoint = { keyedFrom: 4, head: keyed.head(), pending: null };
  expect(keyed.verifyChain(checkpoint)).toMatchObject({ ok: true, entries: 4, anchored: true });
  // Rewriting the old part, even re-chained with the old hashes, breaks the keyed link to it.
  migrated.db.exec('DROP TRIGGER audit_never_updated');
  const fields = { seq: 1, at: 1, actor: 'mallory', action: 'old', subject: null, details: { n: 1 } };
  let relinked = legacyAuditHash({ ...fields, prevHash: genesisHash });
  migrated.db.prepare("UPDATE audit SET actor = 'mallory', hash = ? WHERE seq = 1").run(relinked);
  for (let seq = 2; seq <= 3; seq += 1) {
    const hash = legacyAuditHash({ seq, at: seq, actor: 'clerk-1', action: 'old', subject: null, details: { n: seq }, prevHash: relinked });
    migrated.db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(relinked, hash, seq);
    relinked = hash;
  }
  expect(keyed.verifyChain(checkpoint)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: 'prev_mac_mismatch' });
  migrated.db.close();
});
