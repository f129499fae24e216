/**
 * A process killed (SIGKILL) between the SQLite COMMIT and the checkpoint write must not make a
 * good audit log read as tampered: the checkpoint may lag by the entries of that one
 * transaction, and by nothing more. The child runs the built store (dist/, see
 * scripts/test's build step) and kills itself at the exact point, like a power cut.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { auditFiles } from '../../../src/host/audit-files';
import { ensureDataDir, type DataDirPaths } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { verifyTerminalAudit } from '../../../src/host/terminal-audit';
import { Store } from '../../../src/store/unit-of-work';

jest.setTimeout(120_000);

const dist = resolve(__dirname, '../../../dist');

/**
 * Appends units of two entries each, at most 200 of them (until killed by the parent for `none` and `flood`). `point` names where the child dies:
 * `after-commit` (COMMIT done, checkpoint not confirmed), `before-commit` (pending head written,
 * COMMIT not reached), or `none` (the parent kills it at a moment of its choosing).
 */
const child = `
const [dir, point, killAtSeq] = process.argv.slice(1);
const { ensureDataDir } = require(${JSON.stringify(join(dist, 'src/host/data-dir.js'))});
const { openTerminalDatabase } = require(${JSON.stringify(join(dist, 'src/host/terminal-database.js'))});
const { Store } = require(${JSON.stringify(join(dist, 'src/store/unit-of-work.js'))});
const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dir));
const sink = auditAnchor.checkpoints;
const at = Number(killAtSeq);
const store = new Store(db, Date.now, {
  signer: auditAnchor.signer,
  checkpoints: {
    prepare(base, next) {
      sink.prepare(base, next);
      if (point === 'before-commit' && next.seq >= at) process.kill(process.pid, 'SIGKILL');
    },
    committed(head) {
      if (point === 'after-commit' && head.seq >= at) process.kill(process.pid, 'SIGKILL');
      sink.committed(head);
    },
  },
});
process.stdout.write('ready\\n');
// 'none' and 'flood' append until the parent kills them (bounded: 20 s or a million units,
// whichever first), so a fast machine cannot finish before the kill it is waiting for.
const units = point === 'none' || point === 'flood' ? 1_000_000 : 200;
const until = Date.now() + 20_000;
for (let i = 0; i < units && Date.now() < until; i += 1) {
  store.unitOfWork(() => {
    store.audit.append({ actor: 'clerk-1', action: 'kill.test', details: { i, part: 1 } });
    store.audit.append({ actor: 'clerk-1', action: 'kill.test', details: { i, part: 2 } });
  });
  // 'none' keeps a terminal's pace (a few hundred units a second at most); 'flood' does not wait.
  if (point === 'none') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
}
`;

function runChild(dir: string, point: string, killAtSeq: number, killAfterMs?: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['-e', child, dir, point, String(killAtSeq)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let timer: NodeJS.Timeout | undefined;
    const bound = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.stdout.once('data', () => {
      if (killAfterMs !== undefined) timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.once('error', reject);
    proc.once('exit', (_code, signal) => {
      clearTimeout(bound);
      clearTimeout(timer);
      resolvePromise(signal);
    });
  });
}

let root: string;
let paths: DataDirPaths;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-audit-kill-'));
  paths = ensureDataDir(join(root, 'data'));
  openTerminalDatabase(paths).db.close();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function checkpointFile(): { head: { seq: number }; pending: { seq: number } | null } {
  return JSON.parse(readFileSync(auditFiles(paths.dir).checkpoint, 'utf8')) as { head: { seq: number }; pending: { seq: number } | null };
}

function appendOne(): void {
  const { db, auditAnchor } = openTerminalDatabase(paths);
  try {
    new Store(db, Date.now, auditAnchor).audit.append({ actor: 'clerk-1', action: 'after.restart' });
  } finally {
    db.close();
  }
}

test('killed after COMMIT, before the checkpoint: the log verifies, the terminal opens and carries on', async () => {
  expect(await runChild(paths.dir, 'after-commit', 10)).toBe('SIGKILL');
  expect(checkpointFile()).toMatchObject({ head: { seq: 8 }, pending: { seq: 10 } });
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 10, anchored: true });
  appendOne();
  expect(checkpointFile()).toMatchObject({ head: { seq: 11 }, pending: null });
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 11 });
});

test('killed after the pending head was written, before COMMIT: the log verifies without that transaction', async () => {
  expect(await runChild(paths.dir, 'before-commit', 10)).toBe('SIGKILL');
  expect(checkpointFile()).toMatchObject({ head: { seq: 8 }, pending: { seq: 10 } });
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 8 });
  appendOne();
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: true, entries: 9 });
});

test('the lag is one transaction and no more: removing an older transaction after such a kill is still caught', async () => {
  expect(await runChild(paths.dir, 'after-commit', 10)).toBe('SIGKILL');
  const db = new BetterSqlite3(paths.database);
  db.exec('DROP TRIGGER audit_never_deleted');
  db.exec('DELETE FROM audit WHERE seq > 6');
  db.close();
  expect(verifyTerminalAudit(paths)).toMatchObject({ ok: false, reason: 'truncated' });
});

test('killed at arbitrary moments while appending: every time the log verifies and the terminal opens', async () => {
  let entries = 0;
  for (const ms of [5, 20, 45, 80, 130]) {
    await runChild(paths.dir, 'none', 0, ms);
    const report = verifyTerminalAudit(paths);
    expect(report).toMatchObject({ ok: true });
    if (report.ok) {
      expect(report.entries).toBeGreaterThanOrEqual(entries);
      expect(report.entries % 2).toBe(0);
      entries = report.entries;
    }
    openTerminalDatabase(paths).db.close();
  }
});

test.each(['none', 'flood'])('verify beside a process that keeps appending (%s) never reports tampering', async (pace) => {
  const running = runChild(paths.dir, pace, 0, 4_000);
  const reports: boolean[] = [];
  for (let i = 0; i < 20; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    reports.push(verifyTerminalAudit(paths).ok);
  }
  expect(await running).toBe('SIGKILL');
  expect(reports).toEqual(reports.map(() => true));
});

test('verify reads the WAL frames a killed terminal left, from a read-only copy, and writes nothing there', async () => {
  expect(await runChild(paths.dir, 'after-commit', 40)).toBe('SIGKILL');
  const copy = ensureDataDir(join(root, 'copy'));
  for (const name of ['madoguchi.sqlite', 'madoguchi.sqlite-wal', 'audit.key', 'audit-checkpoint.json']) copyFileSync(join(paths.dir, name), join(copy.dir, name));
  expect(statSync(`${copy.database}-wal`).size).toBeGreaterThan(0);
  const names = readdirSync(copy.dir).sort();
  const bytes = names.map((n) => (n === 'logs' ? '' : readFileSync(join(copy.dir, n)).toString('hex')));
  for (const n of names) if (n !== 'logs') chmodSync(join(copy.dir, n), 0o444);
  chmodSync(copy.dir, 0o555);
  try {
    expect(verifyTerminalAudit(copy)).toMatchObject({ ok: true, entries: 40 });
  } finally {
    chmodSync(copy.dir, 0o700);
  }
  expect(readdirSync(copy.dir).sort()).toEqual(names);
  expect(names.map((n) => (n === 'logs' ? '' : readFileSync(join(copy.dir, n)).toString('hex')))).toEqual(bytes);
});
