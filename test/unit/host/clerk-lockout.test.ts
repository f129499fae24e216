/**
 * The clerk lockout holds against a burst and a restart: sign-ins of one clerk are judged one at
 * a time, so 150 guesses sent at once meet the lockout after five, and a right PIN that arrives
 * during it is refused; the failures live in the terminal database, so a new host on the same
 * data directory is still locked, and the lockout is audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHostError } from '../../../src/api/errors';
import { ClerkDirectory, hashClerkPin, maxFailures } from '../../../src/host/clerks';
import { buildHost } from '../../../src/host/host';
import { dataDirPaths } from '../../../src/host/data-dir';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';

jest.setTimeout(120_000);

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function outcome(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'signed-in';
  } catch (error) {
    return isHostError(error) ? error.code : 'other';
  }
}

test('150 guesses sent at once: five are judged, the rest and the right PIN sent last meet the lockout', async () => {
  const pinHash = await hashClerkPin(bytes('2468'), { N: 2 ** 14, r: 8, p: 1 });
  const directory = new ClerkDirectory([{ id: 'clerk-1', name: '窓口 一郎' }].map((c) => ({ ...c, pinHash })), () => 1_000_000);
  const guesses = Array.from({ length: 149 }, (_, i) => directory.verify('clerk-1', bytes(String(1000 + i))));
  const right = directory.verify('clerk-1', bytes('2468'));
  const outcomes = await Promise.all([...guesses, right].map(outcome));
  expect(outcomes.at(-1)).toBe('CLERK_LOCKED_OUT');
  expect(outcomes.filter((o) => o === 'CLERK_SIGN_IN_FAILED')).toHaveLength(maxFailures - 1);
  expect(outcomes.filter((o) => o === 'signed-in')).toHaveLength(0);
});

test('a restart does not lift the lockout, and its start is in the audit log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-lockout-'));
  try {
    const data = join(dir, 'data');
    const first = await buildHost({ dataFlag: data, env: {}, pcsc: false });
    try {
      for (let i = 0; i < maxFailures; i += 1) await outcome(first.verifyClerk('kenshu-01', bytes('9999')));
      expect(await outcome(first.verifyClerk('kenshu-01', bytes('1111')))).toBe('CLERK_LOCKED_OUT');
    } finally {
      await first.close();
    }
    const second = await buildHost({ dataFlag: data, env: {}, pcsc: false });
    try {
      expect(await outcome(second.verifyClerk('kenshu-01', bytes('1111')))).toBe('CLERK_LOCKED_OUT');
      // Another clerk is not affected.
      expect(await outcome(second.verifyClerk('kenshu-02', bytes('2222')))).toBe('signed-in');
    } finally {
      await second.close();
    }
    const { db } = openDatabase(dataDirPaths(data).database);
    try {
      const entries = new Store(db).audit.list({ subject: 'kenshu-01' }).rows.filter((e) => e.action === 'clerk.locked-out');
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toContain('9999');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
