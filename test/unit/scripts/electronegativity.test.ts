/**
 * The Electronegativity check: the shell as checked in passes with its justified list, and a new
 * finding nobody justified fails it (a real scan of a planted insecure window).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareFindings, main, parseAccepted, scan } from '../../../scripts/electronegativity';

// Offline, as in CI: the tool's translation and release downloads fail at once.
jest.mock('got', () => () => Promise.reject(new Error('offline')));

const repo = join(__dirname, '..', '..', '..');
let scratch: string;
let stderr: jest.SpyInstance;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'madoguchi-eng-'));
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

test('the checked-in shell has only justified findings', async () => {
  expect(await main(['--root', repo])).toBe(0);
});

test('an insecure window nobody justified fails the check, naming the check and the file', async () => {
  cpSync(join(repo, 'electron'), join(scratch, 'electron'), { recursive: true });
  cpSync(join(repo, 'src', 'desktop'), join(scratch, 'src', 'desktop'), { recursive: true });
  writeFileSync(join(scratch, 'package.json'), readFileSync(join(repo, 'package.json')));
  writeFileSync(
    join(scratch, 'electron', 'debug-window.ts'),
    "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n",
  );
  const findings = await scan(scratch, ['electron', 'src/desktop']);
  expect(findings.filter((f) => f.file === 'electron/debug-window.ts').map((f) => f.check)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));
  expect(await main(['--root', scratch, '--accepted', join(repo, 'electron', 'electronegativity-accepted.json')])).toBe(1);
  const output = stderr.mock.calls.map((call) => String(call[0])).join('');
  expect(output).toContain('CONTEXT_ISOLATION_JS_CHECK  electron/debug-window.ts');
});

test('removing a justification fails the check', async () => {
  const accepted = parseAccepted(readFileSync(join(repo, 'electron', 'electronegativity-accepted.json'), 'utf8'));
  mkdirSync(join(scratch, 'list'));
  writeFileSync(join(scratch, 'list', 'accepted.json'), JSON.stringify(accepted.slice(1)));
  expect(await main(['--root', repo, '--accepted', join(scratch, 'list', 'accepted.json')])).toBe(1);
});

test('an entry without a real reason, or with an unknown key, is not a justification', () => {
  expect(() => parseAccepted(JSON.stringify([{ check: 'PRELOAD_JS_CHECK', file: 'electron/window.ts', reason: 'ok' }]))).toThrow();
  expect(() => parseAccepted(JSON.stringify([{ check: 'PRELOAD_JS_CHECK', file: 'electron/window.ts' }]))).toThrow();
  expect(() => parseAccepted(JSON.stringify([{ check: 'PRELOAD_JS_CHECK', file: 'x', reason: 'a long enough reason here', line: 3 }]))).toThrow();
});

test('compare: a finding matches an entry by check and file only', () => {
  const accepted = [{ check: 'A_CHECK', file: 'electron/a.ts', reason: 'a reason long enough to count' }, { check: 'B_CHECK', file: 'electron/b.ts', reason: 'a reason long enough to count' }];
  const result = compareFindings(
    [
      { check: 'A_CHECK', file: 'electron/a.ts', line: 3 },
      { check: 'A_CHECK', file: 'electron/other.ts', line: 1 },
    ],
    accepted,
  );
  expect(result.unjustified).toEqual([{ check: 'A_CHECK', file: 'electron/other.ts', line: 1 }]);
  expect(result.stale).toEqual([accepted[1]]);
});
