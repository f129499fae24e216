/**
 * The terminal's files failing under the CLI — a damaged database file, a read-only
 * data directory, a full disk — each leaves with its code, the path, the clerk's sentence and
 * its documented exit code (README "Exit codes"), and loses nothing already recorded.
 * Read-only and full are real filesystems: a tmpfs mounted for the test (root, as in CI),
 * remounted read-only or filled to the last byte. Without mount rights those two are skipped
 * with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessages } from '../../../src/words/errors';
import { main } from '../../../src/shells/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { captureIo } from '../../unit/store/cli-io';
import { sampleApplication, tempDir } from '../../unit/store/fixtures';

jest.setTimeout(60_000);

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

function seed(dataDir: string, count: number): string[] {
  // As a terminal writes it: the audit key and checkpoint beside the database.
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dataDir));
  try {
    const store = new Store(db, Date.now, auditAnchor);
    return Array.from({ length: count }, () => store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' }).id);
  } finally {
    db.close();
  }
}

function idsIn(dataDir: string): string[] {
  const { db } = openDatabase(join(dataDir, 'madoguchi.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Store(db).applications.list().rows.map((a) => a.id).sort();
  } finally {
    db.close();
  }
}

/** A fresh tmpfs of `size` at `dir`; undefined (with the reason) where mounting is not allowed. */
function mountTmpfs(dir: string, size: string): { unmount: () => void; remountReadOnly: () => void } | string {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    return `cannot mount a tmpfs here (${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}); needs root as in CI`;
  }
  return {
    // Lazy: a failed assertion must not leave the mount behind because a handle is still open.
    unmount: () => execFileSync('umount', ['-l', dir], { stdio: 'pipe' }),
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
  };
}

/** A bounded, real way to fill a filesystem: write 64 KiB blocks until ENOSPC (or the cap). */
function fill(file: string, capBytes: number): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 0x55);
  try {
    for (let written = 0; written < capBytes; written += block.length) {
      try {
        writeSync(fd, block);
      } catch (error) {
        // Node's errors come from another realm under jest: check the code, not the class.
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOSPC') break;
        throw error;
      }
    }
    // The last partial block: whatever bytes are left.
    for (let i = 0; i < 64; i += 1) {
      try {
        writeSync(fd, block, 0, 512);
      } catch {
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
}

function expectClerkMessage(err: string, code: 'STORE_FILE_CORRUPT' | 'STORE_READ_ONLY' | 'STORE_DISK_FULL', path: string): void {
  expect(err).toContain(`${code}: ${errorMessages[code].en}`);
  expect(err).toContain(path);
  expect(err).not.toMatch(/SQLITE_|file is not a database|readonly database|database or disk is full/i);
}

test('a damaged database file: STORE_FILE_CORRUPT, the path, exit 65; the file is left exactly as it was', async () => {
  const dataDir = join(t.dir, 'data');
  ensureDataDir(dataDir);
  const file = join(dataDir, 'madoguchi.sqlite');
  const garbage = Buffer.concat([Buffer.from('this is not SQLite at all'), Buffer.alloc(8192, 0xa5)]);
  writeFileSync(file, garbage);
  for (const argv of [['queue', 'list', '--data', dataDir], ['sync', '--once', '--data', dataDir]]) {
    const c = captureIo();
    expect(await main(argv, c.io)).toBe(65);
    expectClerkMessage(c.err(), 'STORE_FILE_CORRUPT', file);
  }
  expect(readFileSync(file).equals(garbage)).toBe(true);
});

test('a damaged page inside a good file: STORE_FILE_CORRUPT, exit 65', async () => {
  const dataDir = join(t.dir, 'data');
  seed(dataDir, 200);
  const file = join(dataDir, 'madoguchi.sqlite');
  const bytes = readFileSync(file);
  // Page 2 onwards: b-tree pages of the tables; the header (page 1) stays valid.
  bytes.fill(0xff, 4096, Math.min(bytes.length, 4096 * 6));
  writeFileSync(file, bytes);
  const c = captureIo();
  const code = await main(['queue', 'list', '--json', '--data', dataDir], c.io);
  expect(code).toBe(65);
  expectClerkMessage(c.err(), 'STORE_FILE_CORRUPT', file);
});

test('a read-only data directory: STORE_READ_ONLY, the path, exit 73; everything recorded is still there', async () => {
  const mount = join(t.dir, 'ro');
  const fs = mountTmpfs(mount, '4m');
  if (typeof fs === 'string') {
    process.stderr.write(`skipped: ${fs}\n`);
    return;
  }
  try {
    const dataDir = join(mount, 'data');
    const ids = seed(dataDir, 5);
    fs.remountReadOnly();
    const application = join(t.dir, 'proxy.json');
    writeFileSync(application, JSON.stringify(proxyApplication()));
    const c = captureIo();
    const code = await main(['issue', '--application', application, '--data', dataDir], c.io);
    expect(code).toBe(73);
    expect(c.err()).toContain('STORE_READ_ONLY');
    expect(c.err()).toContain(dataDir);
    expect(c.err()).toContain(errorMessages.STORE_READ_ONLY.en);
    execFileSync('mount', ['-o', 'remount,rw', mount], { stdio: 'pipe' });
    expect(idsIn(dataDir)).toEqual([...ids].sort());
  } finally {
    fs.unmount();
  }
});

function proxyApplication() {
  return {
    procedure: 'issue',
    applicantType: 'proxy',
    clerkId: 'clerk-1',
    documents: ['myNumberCard', 'applicationForm', 'photoId'],
    certificates: ['sign', 'auth'],
    basicInfo: { name: '研修 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1980-02-17', sex: '2' },
    applicant: { adultWard: false, domicileInCity: true, reissuedCard: false },
  };
}

test('a full disk: STORE_DISK_FULL, the path, exit 74; nothing recorded before is lost, and the same command works once space is back', async () => {
  const mount = join(t.dir, 'full');
  const fs = mountTmpfs(mount, '2m');
  if (typeof fs === 'string') {
    process.stderr.write(`skipped: ${fs}\n`);
    return;
  }
  try {
    const dataDir = join(mount, 'data');
    const ids = seed(dataDir, 5);
    const application = join(t.dir, 'proxy.json');
    writeFileSync(application, JSON.stringify(proxyApplication()));
    const filler = join(mount, 'filler');
    fill(filler, 4 * 1024 * 1024);
    const c = captureIo();
    const code = await main(['issue', '--application', application, '--data', dataDir], c.io);
    expect(c.err()).toContain('STORE_DISK_FULL');
    expect(code).toBe(74);
    expect(c.err()).toContain(dataDir);
    expect(c.err()).toContain(errorMessages.STORE_DISK_FULL.en);
    unlinkSync(filler);
    expect(idsIn(dataDir)).toEqual([...ids].sort());
    const again = captureIo();
    const againCode = await main(['issue', '--application', application, '--data', dataDir, '--json'], again.io);
    expect(again.err()).toBe('');
    expect(againCode).toBe(0);
    expect(idsIn(dataDir)).toHaveLength(ids.length + 1);
  } finally {
    fs.unmount();
    rmSync(mount, { recursive: true, force: true });
  }
});

test('SQLite itself on a full disk: the write is refused as STORE_DISK_FULL with the path, and nothing before it is lost', () => {
  const mount = join(t.dir, 'full-sqlite');
  const fs = mountTmpfs(mount, '2m');
  if (typeof fs === 'string') {
    process.stderr.write(`skipped: ${fs}\n`);
    return;
  }
  try {
    const file = join(mount, 'terminal.sqlite');
    const { db } = openDatabase(file);
    try {
      const store = new Store(db);
      const before = Array.from({ length: 3 }, () => store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' }).id);
      fill(join(mount, 'filler'), 4 * 1024 * 1024);
      let thrown: unknown;
      // Bounded: the WAL grows until the filesystem refuses a page.
      for (let i = 0; i < 2000 && thrown === undefined; i += 1) {
        try {
          store.recordNewApplication(sampleApplication({ documents: Array.from({ length: 20 }, (_, k) => `document-${k}-${'x'.repeat(40)}`) }), { actor: 'clerk-1', action: 'application.create' });
        } catch (error) {
          thrown = error;
        }
      }
      expect(thrown).toMatchObject({ code: 'STORE_DISK_FULL', facts: { path: file } });
      unlinkSync(join(mount, 'filler'));
      expect(store.applications.list().rows.map((a) => a.id)).toEqual(expect.arrayContaining(before));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  } finally {
    fs.unmount();
  }
});
