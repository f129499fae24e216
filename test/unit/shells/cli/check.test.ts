import { Readable } from 'node:stream';
import { main } from '../../../../src/shells/cli/main';
import { captureIo } from '../../store/cli-io';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: readonly string[], stdinText: string | readonly Buffer[] = ''): Promise<Run> {
  const { io, out, err } = captureIo({}, Readable.from(typeof stdinText === 'string' ? [Buffer.from(stdinText, 'utf8')] : stdinText));
  const code = await main(argv, io);
  return { code, stdout: out(), stderr: err() };
}

describe('madoguchi check password', () => {
  test('R-PW-1 echo ABC123 | check password --kind sign --json → ok', async () => {
    const r = await run(['check', 'password', '--kind', 'sign', '--json'], 'ABC123\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, kind: 'sign', errors: [] });
  });

  test.each([
    ['R-PW-1', 'sign', 'abc123\r\n', 0, 'ABC123', []],
    ['R-PW-1', 'sign', 'ABC12\n', 1, 'ABC12', ['too-short']],
    ['R-PW-1', 'sign', ' ABC123\n', 1, ' ABC123', ['whitespace']],
    ['R-PW-1', 'sign', 'ＡＢＣ１２３\n', 1, 'ＡＢＣ１２３', ['needs-letter', 'needs-digit', 'full-width']],
    ['R-PW-2', 'auth', '1234\n', 0, '1234', []],
    ['R-PW-2', 'auth', '1234', 0, '1234', []],
    ['R-PW-2', 'auth', '12345\nsecond line\n', 1, '12345', ['too-long']],
    ['R-PW-2', 'auth', '12a4\n', 1, '12a4', ['not-digits']],
  ] as const)('%s --kind %s %j → exit %i', async (_rule, kind, input, code, normalized, errors) => {
    const r = await run(['check', 'password', '--kind', kind, '--json'], input);
    expect(r.code).toBe(code);
    expect(JSON.parse(r.stdout)).toEqual({ ok: code === 0, kind, errors });
    // R-PW-3: the JSON never carries the password back, in any form.
    expect(r.stdout).not.toContain(normalized);
    expect(r.stderr).toBe('');
  });

  test('R-PW-1 a line split over several chunks is read whole, the rest ignored', async () => {
    const r = await run(['check', 'password', '--kind', 'sign', '--json'], ['ab', 'c1', '23\nNEXT\n'].map((t) => Buffer.from(t)));
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, kind: 'sign', errors: [] });
  });

  test('R-PW-1 a multi-byte character split between chunks is decoded, then refused', async () => {
    const bytes = Buffer.from('ABC12３\n', 'utf8');
    const r = await run(['check', 'password', '--kind', 'sign', '--json'], [bytes.subarray(0, 6), bytes.subarray(6)]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, kind: 'sign', errors: ['full-width'] });
  });

  test('R-PW-2 empty stdin is a too-short password, not a crash', async () => {
    const r = await run(['check', 'password', '--kind', 'auth', '--json'], []);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, kind: 'auth', errors: ['too-short'] });
  });

  test('R-PW-3 text output names the failed rules, never the password', async () => {
    const r = await run(['check', 'password', '--kind', 'sign'], 'SECRETPW!\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('needs-digit');
    expect(r.stdout).toContain('bad-character');
    expect(r.stdout + r.stderr).not.toContain('SECRETPW');
  });

  test.each([
    ['R-PW-3 missing --kind', ['check', 'password']],
    ['R-PW-3 bad --kind', ['check', 'password', '--kind', 'pin']],
    ['R-PW-3 password on argv refused', ['check', 'password', '--kind', 'sign', 'HUNTER22']],
    ['R-PW-3 unknown option', ['check', 'password', '--kind', 'sign', '--password=HUNTER22']],
  ])('%s → exit 2, usage on stderr', async (_title, argv) => {
    const r = await run(argv, 'HUNTER22\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage: madoguchi check password');
    expect(r.stderr).not.toContain('HUNTER22');
  });
});

describe('madoguchi check expiry', () => {
  test.each([
    ['R-VAL-1', ['--birth', '1990-05-10', '--issued', '2024-05-09'], { sign: '2028-05-10', auth: '2028-05-10', renewalWindowApplied: false }],
    ['R-VAL-1', ['--birth', '1990-05-10', '--issued', '2024-05-10'], { sign: '2029-05-10', auth: '2029-05-10', renewalWindowApplied: false }],
    ['R-VAL-2', ['--birth', '1960-01-01', '--issued', '2015-12-22', '--card-type', 'juki'], { sign: '2018-12-21', auth: null, renewalWindowApplied: false }],
    ['R-VAL-3', ['--birth', '1990-05-10', '--issued', '2024-05-09', '--card-expiry', '2027-01-31'], { sign: '2027-01-31', auth: '2027-01-31', renewalWindowApplied: false }],
    ['R-VAL-4', ['--birth', '1990-05-10', '--issued', '2028-03-01', '--previous-expiry', '2028-05-10'], { sign: '2033-05-10', auth: '2033-05-10', renewalWindowApplied: true }],
  ])('%s %j', async (_rule, args, expected) => {
    const r = await run(['check', 'expiry', ...args, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  test('R-VAL-1 text output shows Gregorian and era dates', async () => {
    const r = await run(['check', 'expiry', '--birth', '1990-05-10', '--issued', '2024-05-09']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2028-05-10');
    expect(r.stdout).toContain('令和10年5月10日');
    expect(r.stdout).toContain('10 May 2028 (Reiwa 10)');
  });

  test('R-VAL-2 text output says a juki card has no authentication certificate', async () => {
    const r = await run(['check', 'expiry', '--birth', '1960-01-01', '--issued', '2015-12-22', '--card-type', 'juki']);
    expect(r.stdout).toContain('authentication certificate: none');
  });

  test.each([
    ['R-VAL-1 invalid date', ['--birth', '1990-02-30', '--issued', '2024-05-09']],
    ['R-VAL-1 not ISO', ['--birth', '10/05/1990', '--issued', '2024-05-09']],
    ['R-VAL-1 birth after issue', ['--birth', '2025-01-01', '--issued', '2024-05-09']],
    ['R-VAL-1 missing --issued', ['--birth', '1990-05-10']],
    ['R-VAL-2 bad card type', ['--birth', '1990-05-10', '--issued', '2024-05-09', '--card-type', 'passport']],
    ['R-VAL-4 bad previous expiry', ['--birth', '1990-05-10', '--issued', '2024-05-09', '--previous-expiry', 'soon']],
  ])('%s → exit 2', async (_title, args) => {
    const r = await run(['check', 'expiry', ...args, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage: madoguchi check expiry');
  });
});
