/**
 * One owner per data directory (docs/design.md §3): a second process is refused with TERMINAL_BUSY,
 * naming the owner's pid and what to do; a stale lock of a dead process is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHostError, type HostError } from '../../../src/api/errors';
import { acquireLock, lockFileName, lockOwner } from '../../../src/host/lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): HostError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (isHostError(error)) return error;
    throw error;
  }
}

test('a live owner (another process) refuses with TERMINAL_BUSY naming its pid and the way out', () => {
  // The parent of this worker is alive for the whole test and is not us.
  const owner = process.ppid;
  writeFileSync(join(dir, lockFileName), `${owner}\n`);
  const error = refusal(() => acquireLock(dir));
  expect(error?.code).toBe('TERMINAL_BUSY');
  expect(error?.message).toContain(`pid ${owner}`);
  expect(error?.message).toMatch(/running terminal's screens|stop it/);
  expect(lockOwner(dir)).toBe(owner);
  expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(owner));
});

test('a lock left by a dead process is taken over, and release removes only our own lock', () => {
  // A pid that has certainly exited: a child we waited for.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  writeFileSync(join(dir, lockFileName), `${dead}\n`);
  const release = acquireLock(dir);
  expect(readFileSync(join(dir, lockFileName), 'utf8').trim()).toBe(String(process.pid));
  expect(lockOwner(dir)).toBeUndefined();
  release();
  expect(existsSync(join(dir, lockFileName))).toBe(false);
});

test('the same process cannot take the lock twice (it must use its own host)', () => {
  const release = acquireLock(dir);
  try {
    expect(refusal(() => acquireLock(dir))?.code).toBe('TERMINAL_BUSY');
  } finally {
    release();
  }
});
