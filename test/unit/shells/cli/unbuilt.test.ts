import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A fresh clone has no dist/: the command must say what to run, not print a stack trace.
describe('bin/madoguchi before a build', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'madoguchi-unbuilt-'));
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(__dirname, '../../../../bin/madoguchi'), join(root, 'bin', 'madoguchi'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('says to build first and exits with EX_UNAVAILABLE, without a stack trace', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'madoguchi'), 'cards', 'list'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(69);
    expect(run.stderr).toContain('npm run build');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});
