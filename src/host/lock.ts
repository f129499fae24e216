/**
 * One process owns a data directory (docs/design.md §3): `terminal.lock` holds the owner's pid.
 * The owner is the only sender of the outbox and the only one that may take an unfinished
 * visit for a crashed one during recovery; any other process that wants to change terminal
 * state is refused with TERMINAL_BUSY. A lock whose pid no longer runs is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hostError, type HostError } from '../api/errors';

export const lockFileName = 'terminal.lock';

/** Node's fs/process errors carry a `code`; checked structurally (they may come from another realm under test runners). */
function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isNaN(pid) ? undefined : pid;
  } catch {
    return undefined;
  }
}

/** The pid of another live process owning `dir`, if any (read-only commands use it to warn, not to refuse). */
export function lockOwner(dir: string): number | undefined {
  const owner = readOwner(join(dir, lockFileName));
  return owner !== undefined && owner !== process.pid && isAlive(owner) ? owner : undefined;
}

export function busyError(pid: number): HostError {
  return hostError(
    'TERMINAL_BUSY',
    `another Madoguchi process (pid ${pid}) owns this data directory: use the running terminal's screens, or stop it (kill ${pid}) and try again`,
    {},
    true,
  );
}

/** Takes the lock or throws TERMINAL_BUSY; returns the release function (idempotent). */
export function acquireLock(dir: string): () => void {
  const file = join(dir, lockFileName);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock: a stale-lock takeover by another process must not be undone.
        if (readOwner(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw busyError(owner);
    if (owner === process.pid) throw hostError('TERMINAL_BUSY', 'this process already owns this data directory: use its host', {}, false);
    rmSync(file, { force: true });
  }
  throw hostError('TERMINAL_BUSY', 'could not take the data directory lock', {}, true);
}
