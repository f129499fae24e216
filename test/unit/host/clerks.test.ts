/**
 * Clerk PINs: salted scrypt hashes, constant-time checks, the PIN bytes wiped on
 * every path, and a lockout after five failures in a row.
 */
import { ClerkDirectory, hashClerkPin, lockoutMs, matchesPinHash, maxFailures, parsePinHash } from '../../../src/host/clerks';
import { isHostError } from '../../../src/api/errors';
import { loadTrainingClerks } from '../../../src/host/clerks';
import { join } from 'node:path';

// The minimum cost keeps the test quick; the format and the check are the same.
const cost = { N: 2 ** 14, r: 8, p: 1 };
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function codeOf(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
    return undefined;
  } catch (error) {
    return isHostError(error) ? error.code : 'other';
  }
}

test('a hash has the documented shape, a fresh salt, and checks only the right PIN', async () => {
  const first = await hashClerkPin(bytes('4711'), cost);
  const second = await hashClerkPin(bytes('4711'), cost);
  expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
  expect(first).not.toBe(second);
  expect(parsePinHash(first)).toMatchObject({ N: 16384, r: 8, p: 1 });
  expect(await matchesPinHash(bytes('4711'), first)).toBe(true);
  expect(await matchesPinHash(bytes('4712'), first)).toBe(false);
  expect(first).not.toContain('4711');
});

test.each(['', 'scrypt$1024$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'bcrypt$16384$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$16385$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA=='])('a malformed or weak hash is refused: %s', (value) => {
  expect(parsePinHash(value)).toBeUndefined();
});

describe('ClerkDirectory', () => {
  let directory: ClerkDirectory;
  let at = 1_000_000;
  beforeAll(async () => {
    const pinHash = await hashClerkPin(bytes('2468'), cost);
    directory = new ClerkDirectory([{ id: 'clerk-1', name: '窓口 一郎', pinHash }], () => at);
  });

  test('lists ids and names only', () => {
    expect(directory.clerks).toEqual([{ id: 'clerk-1', name: '窓口 一郎' }]);
  });

  test('the right PIN signs in, and the PIN bytes are wiped', async () => {
    const pin = bytes('2468');
    await expect(directory.verify('clerk-1', pin)).resolves.toEqual({ id: 'clerk-1', name: '窓口 一郎' });
    expect(pin.every((b) => b === 0)).toBe(true);
  });

  test('a wrong PIN or an unknown clerk fails the same way, and the PIN is wiped', async () => {
    const pin = bytes('0000');
    expect(await codeOf(directory.verify('clerk-1', pin))).toBe('CLERK_SIGN_IN_FAILED');
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(await codeOf(directory.verify('nobody', bytes('2468')))).toBe('CLERK_SIGN_IN_FAILED');
    // Reset the count with a good sign-in.
    await directory.verify('clerk-1', bytes('2468'));
  });

  test(`after ${maxFailures} failures the clerk is locked out, even with the right PIN, until the lockout ends`, async () => {
    for (let i = 1; i < maxFailures; i += 1) expect(await codeOf(directory.verify('clerk-1', bytes('9999')))).toBe('CLERK_SIGN_IN_FAILED');
    expect(await codeOf(directory.verify('clerk-1', bytes('9999')))).toBe('CLERK_LOCKED_OUT');
    const pin = bytes('2468');
    expect(await codeOf(directory.verify('clerk-1', pin))).toBe('CLERK_LOCKED_OUT');
    expect(pin.every((b) => b === 0)).toBe(true);
    at += lockoutMs + 1;
    await expect(directory.verify('clerk-1', bytes('2468'))).resolves.toMatchObject({ id: 'clerk-1' });
  });
});

test('the shipped training clerks parse and match the PINs in resources/training/README.md', async () => {
  const clerks = loadTrainingClerks(join(__dirname, '..', '..', '..', 'resources', 'training'));
  expect(clerks.map((c) => c.id)).toEqual(['kenshu-01', 'kenshu-02']);
  const directory = new ClerkDirectory(clerks);
  await expect(directory.verify('kenshu-01', bytes('1111'))).resolves.toMatchObject({ id: 'kenshu-01' });
  await expect(directory.verify('kenshu-02', bytes('2222'))).resolves.toMatchObject({ id: 'kenshu-02' });
});
