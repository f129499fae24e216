import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTerminal } from '../../../src/host/terminal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-terminal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a data directory is driven by one process at a time; a dead owner’s lock is taken over', async () => {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const lock = join(dir, 'data', 'terminal.lock');
  writeFileSync(lock, `${process.ppid}\n`);
  expect(() => openTerminal({ dataFlag: join(dir, 'data'), env: {} })).toThrow(expect.objectContaining({ code: 'TERMINAL_BUSY' }));

  // A pid far above pid_max: certainly not running.
  writeFileSync(lock, '99999999\n');
  const terminal = openTerminal({ dataFlag: join(dir, 'data'), env: {} });
  try {
    expect(terminal.config.training).toBe(true);
    expect(terminal.engine).toBeUndefined();
    expect(await terminal.recover()).toEqual({ cancelled: [], failed: [], completed: [], revocationsReported: 0 });
  } finally {
    await terminal.close();
  }
  expect(existsSync(lock)).toBe(false);
});
