import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('madoguchi start (browser shell)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-start-shell-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('serves the contract on 127.0.0.1 behind the per-launch token, prints a one-time URL, and stops cleanly on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    // A browser profile an unclean stop left behind (its history holds an old URL).
    mkdirSync(join(dataDir, 'chromium-profile', 'Default'), { recursive: true });
    writeFileSync(join(dataDir, 'chromium-profile', 'Default', 'History'), 'old');
    const child = spawn(process.execPath, [bin, 'start', '--no-browser', '--json', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !stdout.includes('\n'); i += 1) await new Promise((r) => setTimeout(r, 100));
      const started = JSON.parse(stdout.split('\n')[0] ?? '') as { shell: string; url: string; port: number; chromium: boolean };
      expect(started).toMatchObject({ shell: 'browser', chromium: false });
      expect(existsSync(join(dataDir, 'chromium-profile'))).toBe(false);
      expect(started.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${started.port}/bootstrap\\?code=[0-9a-f]{64}$`));
      const opened = await fetch(started.url, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const [, token = ''] = /=([0-9a-f]{64})$/.exec(cookie) ?? [];
      expect(token).toHaveLength(64);
      // The token itself is nowhere a local user could read it: not printed, not on the command line.
      expect(stdout).not.toContain(token);
      expect(readFileSync(`/proc/${child.pid ?? 0}/cmdline`, 'latin1')).not.toContain(token);
      // The printed URL was for one browser: opening it again gets the page, but no cookie.
      const again = await fetch(started.url, { redirect: 'manual' });
      expect([again.status, again.headers.get('location'), again.headers.get('set-cookie')]).toEqual([303, '/', null]);
      const call = (headers: Record<string, string>) => fetch(`http://127.0.0.1:${started.port}/api/session.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
      expect((await call({})).status).toBe(401);
      const answer = await call({ Cookie: cookie });
      expect(await answer.json()).toMatchObject({ ok: true, value: { terminal: { training: true }, clerk: null } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
