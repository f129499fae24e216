import { main } from '../../../src/shells/cli/main';
import { captureIo } from '../store/cli-io';

test.each([
  [['card-sim'], 2],
  [['card-sim', '--slot', '0', '--card', 'a.json', '--resident', 'r01-ordinary'], 2],
  [['card-sim', '--slot', 'x', '--card', 'a.json'], 2],
  [['card-sim', '--slot', '0', '--resident', 'nobody'], 2],
])('%j exits %i', async (argv, code) => {
  const t = captureIo();
  expect(await main(argv, t.io)).toBe(code);
  expect(t.err()).toContain('usage: madoguchi card-sim');
});

test('a missing card file is a failure with a clear message', async () => {
  const t = captureIo();
  expect(await main(['card-sim', '--slot', '0', '--card', '/nonexistent/card.json'], t.io)).toBe(3);
  expect(t.err()).toContain('cannot read');
});
