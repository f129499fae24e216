import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

function writeTemp(file: string, text: string): string {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** The rename itself is durable only once the directory entry is on disk. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` with `text` (owner-only) so a crash leaves the old or the new content, never a mix. */
export function writeFileAtomic(file: string, text: string): void {
  const temp = writeTemp(file, text);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(file));
}

/** Like `writeFileAtomic`, but fails with EEXIST instead of replacing a file that is there. */
export function createFileAtomic(file: string, text: string): void {
  const temp = writeTemp(file, text);
  try {
    linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  syncDirectory(dirname(file));
}
