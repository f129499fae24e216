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
  await expect(openTerminal({ dataFlag: join(dir, 'data'), env: {} })).rejects.toMatchObject({ code: 'TERMINAL_BUSY' });

  // A pid far above pid_max: certainly not running.
  writeFileSync(lock, '99999999\n');
  const terminal = await openTerminal({ dataFlag: join(dir, 'data'), env: {} });
  try {
    expect(terminal.config.training).toBe(true);
    // A training terminal without a CA in its config runs the training reference CA in-process.
    expect(terminal.engine).toBeDefined();
    expect(existsSync(join(dir, 'data', 'training-ca', 'ca.sqlite'))).toBe(true);
    expect(await terminal.recover()).toEqual({ cancelled: [], failed: [], completed: [], revocationsReported: 0 });
  } finally {
    await terminal.close();
  }
  expect(existsSync(lock)).toBe(false);
});
