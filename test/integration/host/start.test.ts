import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', '..', 'bin', 'madoguchi');

describe('madoguchi start (headless training terminal)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('starts the training CA and the sync loop, prints the guide, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--headless', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // Bounded wait for the first sync status line (the CA answered or was tried).
      for (let i = 0; i < 300 && !/CA (reachable|unreachable)/.test(stdout); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(stdout).toContain('Madoguchi training terminal');
      // With an empty queue the engine probes the CA, so the clerk sees it is online.
      expect(stdout).toMatch(/CA reachable; 0 waiting, 0 failed/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);
});
