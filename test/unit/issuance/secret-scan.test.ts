import { findSecret } from './secret-scan';

test('finds a PIN in JSON and raw bytes, not inside UUIDs or hashes', () => {
  expect(findSecret(Buffer.from('{"pin":"8642"}'), '8642')).toEqual([8]);
  expect(findSecret(Buffer.from([0x00, 0x38, 0x36, 0x34, 0x32, 0x90]), '8642')).toEqual([1]);
  expect(findSecret(Buffer.from('id 3f2a8642-1b2c-4d5e'), '8642')).toEqual([]);
  expect(findSecret(Buffer.from('x SECRET7PW y'), 'SECRET7PW')).toEqual([2]);
});
