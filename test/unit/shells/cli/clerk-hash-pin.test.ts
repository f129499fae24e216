/**
 * `madoguchi clerk hash-pin`: IT provisions a clerk from the PIN on stdin; the output
 * is a hash config.json accepts and the PIN never appears in it.
 */
import { Readable } from 'node:stream';
import { main } from '../../../../src/shells/cli/main';
import { captureIo } from '../../store/cli-io';
import { matchesPinHash } from '../../../../src/host/clerks';
import { validateConfig } from '../../../../src/host/data-dir';

async function run(argv: readonly string[], stdinText: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out, err } = captureIo({}, Readable.from([Buffer.from(stdinText, 'utf8')]));
  const code = await main(argv, io);
  return { code, stdout: out(), stderr: err() };
}

test('prints a salted scrypt hash of the first stdin line that verifies and that config.json accepts', async () => {
  const r = await run(['clerk', 'hash-pin', '--json'], '135790\r\nignored\n');
  expect(r.code).toBe(0);
  const { pinHash } = JSON.parse(r.stdout) as { pinHash: string };
  expect(pinHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
  expect(r.stdout).not.toContain('135790');
  expect(await matchesPinHash(new Uint8Array(Buffer.from('135790')), pinHash)).toBe(true);
  expect(await matchesPinHash(new Uint8Array(Buffer.from('135791')), pinHash)).toBe(false);
  const config = validateConfig({ municipality: { code: '21213', name: '各務原市' }, clerks: [{ id: 'c-1', name: '窓口', pinHash }] });
  expect(config.ok).toBe(true);
});

test.each([['too short', '12\n'], ['empty', '\n'], ['too long', `${'1'.repeat(17)}\n`]])('a PIN that is %s is refused without echoing it', async (_name, input) => {
  const r = await run(['clerk', 'hash-pin'], input);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('clerk PIN');
});
