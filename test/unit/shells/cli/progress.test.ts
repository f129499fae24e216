/**
 * `--progress` on `issue` and `pickup`: each named step, one line on stderr as it passes, from
 * the host's progress stream. Without the flag the CLI says nothing of its steps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/shells/cli/main';
import { withHost } from '../../../../src/shells/cli/host-command';
import { captureIo } from '../../store/cli-io';

jest.setTimeout(30_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-progress-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('pickup --progress prints the step it passed before the card failed; without it, no step line', async () => {
  const data = join(dir, 'pickup');
  const withFlag = captureIo();
  // No reader of that name: the pick-up stops at the card, after recovery, whose step was printed.
  expect(await main(['pickup', '--reader', 'no such reader', '--data', data, '--progress'], withFlag.io)).not.toBe(0);
  const lines = withFlag.err().split('\n');
  expect(lines[0]).toBe('madoguchi: step pickup-after-recover');
  expect(lines[1]).toMatch(/^madoguchi: CARD_/);

  const without = captureIo();
  expect(await main(['pickup', '--reader', 'no such reader', '--data', data], without.io)).not.toBe(0);
  expect(without.err()).not.toContain('step');
  expect(without.err()).toMatch(/^madoguchi: CARD_/);
});

test('the host the CLI builds prints every step of its progress stream, in order', async () => {
  const c = captureIo();
  const code = await withHost(join(dir, 'host'), c.io, { pcsc: false, startSync: false, progress: true }, async (host) => {
    host.progress.emit('issue-after-draft');
    host.progress.emit('sync-before-enroll');
    return 0;
  });
  expect(code).toBe(0);
  expect(c.err()).toBe('madoguchi: step issue-after-draft\nmadoguchi: step sync-before-enroll\n');
});

test('--progress takes no value: a word after it is named by position, never echoed', async () => {
  const c = captureIo();
  const code = await main(['pickup', '--reader', 'r', '--progress', 'Secret7pw', '--data', join(dir, 'x')], c.io);
  expect(code).toBe(2);
  expect(c.err()).toContain('argument 4 is a bare word');
  expect(c.err()).not.toContain('Secret7pw');
});
