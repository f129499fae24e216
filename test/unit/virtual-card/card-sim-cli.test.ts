import { PassThrough } from 'node:stream';
import { main } from '../../../src/shells/cli/main';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => out, err: () => err };
}

test.each([
  [['card-sim'], 2],
  [['card-sim', '--slot', '0', '--card', 'a.json', '--resident', 'r01-ordinary'], 2],
  [['card-sim', '--slot', 'x', '--card', 'a.json'], 2],
  [['card-sim', '--slot', '0', '--resident', 'nobody'], 2],
])('%j exits %i', async (argv, code) => {
  const t = io();
  expect(await main(argv, t.io)).toBe(code);
  expect(t.err()).toContain('usage: madoguchi card-sim');
});

test('a missing card file is a failure with a clear message', async () => {
  const t = io();
  expect(await main(['card-sim', '--slot', '0', '--card', '/nonexistent/card.json'], t.io)).toBe(3);
  expect(t.err()).toContain('cannot read');
});
