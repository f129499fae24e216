/**
 * The audit log anchored outside SQLite: each of these passed `audit verify`
 * (or started a fresh, empty terminal) before the chain was keyed and checkpointed.
 */
import { chmodSync, copyFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { auditFiles } from '../../../src/host/audit-files';
import { main } from '../../../src/shells/cli/main';
import { ensureDataDir, type DataDirPaths } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { verifyTerminalAudit } from '../../../src/host/terminal-audit';
import { genesisHash, hmacAuditSigner, keyedEntryText, legacyAuditHash } from '../../../src/store/audit-entry';
import { migration001Initial } from '../../../src/store/migrations/001-initial';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { captureIo } from '../store/cli-io';
import { tempDir } from '../store/fixtures';

let t: ReturnType<typeof tempDir>;
let paths: DataDirPaths;
beforeEach(() => {
  t = tempDir();
  paths = ensureDataDir(join(t.dir, 'data'));
});
afterEach(() => {
  chmodSync(paths.dir, 0o700);
  t.cleanup();
});

/** Appends `count` entries, each in its own unit of work, through the anchored store. */
function appendEntries(count: number): void {
  const { db, auditAnchor } = openTerminalDatabase(paths);
  try {
    const store = new Store(db, Date.now, auditAnchor);
    for (let i = 0; i < count; i += 1) store.audit.append({ actor: 'clerk-1', action: 'test.entry', subject: `s-${i}`, details: { i } });
  } finally {
    db.close();
  }
}

/** What someone with the database file alone can do: bypass the triggers and run SQL. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(paths.database);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_never_updated; DROP TRIGGER IF EXISTS audit_never_deleted');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

async function cliVerify(): Promise<{ code: number; report: Record<string, unknown> }> {
  const c = captureIo();
  const code = await main(['audit', 'verify', '--json', '--data', paths.dir], c.io);
  return { code, report: JSON.parse(c.out()) as Record<string, unknown> };
}

function expectOpenRefused(code: string): void {
  expect(() => openTerminalDatabase(paths)).toThrow(expect.objectContaining({ code }));
}

test('an initialised terminal has an owner-only key file and a signed checkpoint of its head; verify exits 0', async () => {
  appendEntries(3);
  const files = auditFiles(paths.dir);
  expect(statSync(files.key).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(files.checkpoint, 'utf8'))).toMatchObject({ keyedFrom: 1, head: { seq: 3, count: 3 }, pending: null });
  expect(await cliVerify()).toEqual({ code: 0, report: expect.objectContaining({ ok: true, entries: 3, anchored: true }) });
});

test.each([
  ['the last entry', 'DELETE FROM audit WHERE seq > 9', 10],
  ['the last five entries', 'DELETE FROM audit WHERE seq > 5', 6],
  ['every entry', 'DELETE FROM audit', 1],
])('truncating %s is detected against the checkpoint, and the terminal does not open', async (_name, sql, brokenAtSeq) => {
  appendEntries(10);
  tamper(sql);
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, code: 'STORE_AUDIT_TAMPERED', reason: 'truncated', brokenAtSeq }) });
  expectOpenRefused('STORE_AUDIT_TAMPERED');
});

test('a forged entry appended without the key does not verify', async () => {
  appendEntries(3);
  const db = new BetterSqlite3(paths.database);
  const head = db.prepare('SELECT hash FROM audit WHERE seq = 3').pluck().get() as string;
  db.close();
  const fields = { seq: 4, at: Date.now(), actor: 'mallory', action: 'test.entry', subject: null, details: {} };
  const text = keyedEntryText(fields);
  const guessed = hmacAuditSigner(Buffer.alloc(32, 1)).mac(head, Buffer.from(text, 'utf8'));
  tamper('INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash, entry_json) VALUES (4, ?, ?, ?, NULL, ?, ?, ?, ?)', fields.at, fields.actor, fields.action, '{}', head, guessed, text);
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, reason: 'mac_mismatch', brokenAtSeq: 4 }) });
  expectOpenRefused('STORE_AUDIT_TAMPERED');
});

test('an entry edited and re-chained does not verify', async () => {
  appendEntries(5);
  const db = new BetterSqlite3(paths.database);
  db.exec('DROP TRIGGER audit_never_updated');
  // Rewrite entry 3 and every later link consistently, with the only MAC key an attacker could pick.
  const forger = hmacAuditSigner(Buffer.alloc(32, 2));
  let prev = db.prepare('SELECT hash FROM audit WHERE seq = 2').pluck().get() as string;
  for (let seq = 3; seq <= 5; seq += 1) {
    const row = db.prepare('SELECT * FROM audit WHERE seq = ?').get(seq) as { at: number; actor: string; action: string; subject: string | null; details_json: string };
    const actor = seq === 3 ? 'mallory' : row.actor;
    const text = keyedEntryText({ seq, at: row.at, actor, action: row.action, subject: row.subject, details: JSON.parse(row.details_json) });
    const mac = forger.mac(prev, Buffer.from(text, 'utf8'));
    db.prepare('UPDATE audit SET actor = ?, entry_json = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(actor, text, prev, mac, seq);
    prev = mac;
  }
  db.close();
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, reason: 'mac_mismatch', brokenAtSeq: 3 }) });
});

test('a zero-length database of an initialised terminal is an error, not a fresh start, and stays as found', async () => {
  appendEntries(2);
  writeFileSync(paths.database, '');
  rmSync(`${paths.database}-wal`, { force: true });
  rmSync(`${paths.database}-shm`, { force: true });
  expect(await cliVerify()).toEqual({ code: 1, report: { ok: false, code: 'STORE_DATABASE_MISSING', reason: 'database_missing' } });
  expectOpenRefused('STORE_DATABASE_MISSING');
  const list = captureIo();
  expect(await main(['queue', 'list', '--data', paths.dir], list.io)).toBe(3);
  expect(list.err()).toContain('STORE_DATABASE_MISSING: This terminal’s database is missing or empty.');
  expect(statSync(paths.database).size).toBe(0);
});

test('a deleted database of an initialised terminal is an error and is not re-created', async () => {
  appendEntries(2);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.database}${suffix}`, { force: true });
  expect(await cliVerify()).toEqual({ code: 1, report: { ok: false, code: 'STORE_DATABASE_MISSING', reason: 'database_missing' } });
  expectOpenRefused('STORE_DATABASE_MISSING');
  expect(readdirSync(paths.dir)).not.toContain('madoguchi.sqlite');
});

test('a database emptied to a fresh schema is detected as truncated', async () => {
  appendEntries(4);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.database}${suffix}`, { force: true });
  // A brand-new database with the right schema, as a fresh start would make it.
  const fresh = new BetterSqlite3(paths.database);
  fresh.close();
  const keyLess = ensureDataDir(join(t.dir, 'other'));
  openTerminalDatabase(keyLess).db.close();
  copyFileSync(keyLess.database, paths.database);
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, reason: 'truncated', brokenAtSeq: 1 }) });
  expectOpenRefused('STORE_AUDIT_TAMPERED');
});

test('an older checkpoint put back is detected (the database is ahead of it)', async () => {
  appendEntries(3);
  const files = auditFiles(paths.dir);
  const old = readFileSync(files.checkpoint);
  appendEntries(4);
  writeFileSync(files.checkpoint, old);
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, reason: 'ahead_of_checkpoint', brokenAtSeq: 4 }) });
  expectOpenRefused('STORE_AUDIT_TAMPERED');
});

test('an edited or missing checkpoint is refused', async () => {
  appendEntries(3);
  const files = auditFiles(paths.dir);
  const signed = JSON.parse(readFileSync(files.checkpoint, 'utf8')) as { head: { seq: number; count: number } };
  writeFileSync(files.checkpoint, JSON.stringify({ ...signed, head: { ...signed.head, seq: 2, count: 2 } }));
  expect(await cliVerify()).toEqual({ code: 1, report: { ok: false, code: 'STORE_AUDIT_TAMPERED', reason: 'checkpoint_invalid' } });
  rmSync(files.checkpoint);
  expect(await cliVerify()).toEqual({ code: 1, report: { ok: false, code: 'STORE_AUDIT_TAMPERED', reason: 'checkpoint_missing' } });
  expectOpenRefused('STORE_AUDIT_TAMPERED');
});

test('keyed entries without their key are refused rather than re-keyed', async () => {
  appendEntries(2);
  rmSync(auditFiles(paths.dir).key);
  expectOpenRefused('STORE_AUDIT_KEY_MISSING');
  expect(await cliVerify()).toEqual({ code: 3, report: expect.objectContaining({ ok: false, code: 'STORE_AUDIT_KEY_MISSING' }) });
});

test('a commit whose checkpoint confirmation never happened still verifies (the checkpoint lags by that one transaction)', () => {
  appendEntries(2);
  const { db, auditAnchor } = openTerminalDatabase(paths);
  const sink = auditAnchor.checkpoints;
  if (sink === undefined) throw new Error('the terminal store has a checkpoint sink');
  // The process "dies" after COMMIT: the confirmation is lost.
  const store = new Store(db, Date.now, {
    signer: auditAnchor.signer,
    checkpoints: {
      prepare: (base, next) => sink.prepare(base, next),
      committed: () => {
        throw new Error('killed');
      },
    },
  });
  store.unitOfWork(() => {
    store.audit.append({ actor: 'a', action: 'x' });
    store.audit.append({ actor: 'a', action: 'y' });
  });
  db.close();
  expect(JSON.parse(readFileSync(auditFiles(paths.dir).checkpoint, 'utf8'))).toMatchObject({ head: { seq: 2 }, pending: { seq: 4 } });
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 4 });
  // And the next start carries on from there.
  appendEntries(1);
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 5 });
  // But removing that transaction's entries is still caught once the next one confirmed.
  tamper('DELETE FROM audit WHERE seq = 5');
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: false, reason: 'truncated' });
});

test('verify works on a read-only copy and writes nothing there', async () => {
  appendEntries(6);
  const files = readdirSync(paths.dir).filter((f) => f !== 'logs');
  const before = new Map(files.map((f) => [f, readFileSync(join(paths.dir, f)).toString('hex')]));
  for (const f of files) chmodSync(join(paths.dir, f), 0o444);
  chmodSync(paths.dir, 0o555);
  try {
    expect(await cliVerify()).toEqual({ code: 0, report: expect.objectContaining({ ok: true, entries: 6, anchored: true }) });
  } finally {
    chmodSync(paths.dir, 0o700);
  }
  // Root ignores the modes above; the comparison below holds for every user.
  expect(readdirSync(paths.dir).filter((f) => f !== 'logs').sort()).toEqual([...files].sort());
  for (const f of files) expect(readFileSync(join(paths.dir, f)).toString('hex')).toBe(before.get(f));
});

test('verify of a data directory that was never initialised creates nothing and exits 3', async () => {
  const empty = join(t.dir, 'never');
  expect(await cliVerify().then(() => main(['audit', 'verify', '--data', empty], captureIo().io))).toBe(3);
  expect(() => statSync(empty)).toThrow();
});

test('a terminal upgraded from the unkeyed chain is anchored from the migration on', async () => {
  const old = openDatabase(paths.database, { migrations: [migration001Initial] }).db;
  let prev = genesisHash;
  for (let seq = 1; seq <= 2; seq += 1) {
    const hash = legacyAuditHash({ seq, at: seq, actor: 'clerk-1', action: 'old', subject: null, details: {}, prevHash: prev });
    old.prepare("INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, 'clerk-1', 'old', NULL, '{}', ?, ?)").run(seq, seq, prev, hash);
    prev = hash;
  }
  old.close();
  appendEntries(2);
  expect(JSON.parse(readFileSync(auditFiles(paths.dir).checkpoint, 'utf8'))).toMatchObject({ keyedFrom: 3, head: { seq: 4 } });
  expect(await cliVerify()).toEqual({ code: 0, report: expect.objectContaining({ ok: true, entries: 4 }) });
  tamper("UPDATE audit SET actor = 'mallory' WHERE seq = 1");
  expect(await cliVerify()).toEqual({ code: 1, report: expect.objectContaining({ ok: false, brokenAtSeq: 1, reason: 'mac_mismatch' }) });
});
