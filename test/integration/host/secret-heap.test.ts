/**
 * R-PW-3 / docs/design.md §7: after a failed `issue` (the terminal cannot open: its configuration is
 * broken), a V8 heap snapshot of the CLI process holds no trace of the signing password, neither
 * as typed (with lower case) nor as the card would get it, in ASCII or UTF-16. A canary string
 * planted live in the same process is found, so the scan can see what it looks for.
 * Needs the build (dist/), like the other child-process tests.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../unit/store/fixtures';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '..', '..', '..');

function runFailingIssue(dir: string, snapshot: string, canary: string, stdin: string): Promise<{ code: number | null; stderr: string }> {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'config.json'), '{ "training": tru');
  const application = join(dir, 'application.json');
  writeFileSync(
    application,
    JSON.stringify({
      procedure: 'issue',
      applicantType: 'self',
      clerkId: 'clerk-1',
      documents: ['myNumberCard', 'applicationForm'],
      certificates: ['sign', 'auth'],
      basicInfo: { name: '研修 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1980-02-17', sex: '2' },
      applicant: { adultWard: false, domicileInCity: true, reissuedCard: false },
    }),
  );
  const args = [join(repoRoot, 'dist', 'test', 'integration', 'host', 'heap-runner.js'), snapshot, Buffer.from(canary, 'latin1').toString('hex'), 'issue', '--reader', 'no reader', '--application', application, '--data', data];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, MADOGUCHI_DATA: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    child.stdin.end(stdin);
  });
}

function occurrences(haystack: Buffer, text: string): number {
  let count = 0;
  for (const needle of [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')]) {
    for (let at = haystack.indexOf(needle); at >= 0 && count < 1000; at = haystack.indexOf(needle, at + 1)) count += 1;
  }
  return count;
}

test('R-PW-3 a failed issue leaves no password in the heap; a planted canary is found', async () => {
  const t = tempDir();
  try {
    const tail = randomBytes(4).toString('hex').toUpperCase().replace(/[A-F]/g, 'K');
    const typed = `Qz${tail}w7`;
    const normalized = typed.toUpperCase();
    const canary = `CANARY${randomBytes(6).toString('hex').toUpperCase()}`;
    const snapshot = join(t.dir, 'after-failure.heapsnapshot');
    const result = await runFailingIssue(t.dir, snapshot, canary, `${typed}\n8642\n`);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/CONFIG_/);
    expect(result.stderr).not.toContain(normalized);
    const heap = readFileSync(snapshot);
    expect(occurrences(heap, canary)).toBeGreaterThan(0);
    expect(occurrences(heap, typed)).toBe(0);
    expect(occurrences(heap, normalized)).toBe(0);
  } finally {
    t.cleanup();
  }
});
