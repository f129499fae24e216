import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHost } from '../../../src/host/host';
import { loadResidents } from '../../../src/virtual-card/training';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-host-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a data directory has one owner; a live owner refuses with its pid, a dead owner’s lock is taken over', async () => {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const lock = join(data, 'terminal.lock');
  writeFileSync(lock, `${process.ppid}\n`);
  const refusal = buildHost({ dataFlag: data, env: {}, pcsc: false });
  await expect(refusal).rejects.toMatchObject({ code: 'TERMINAL_BUSY' });
  await expect(refusal).rejects.toThrow(new RegExp(`pid ${process.ppid}.*running terminal's screens`));

  // A pid far above pid_max: certainly not running.
  writeFileSync(lock, '99999999\n');
  const host = await buildHost({ dataFlag: data, env: {}, pcsc: false });
  try {
    // The same process cannot build a second host either: never two senders.
    await expect(buildHost({ dataFlag: data, env: {}, pcsc: false })).rejects.toMatchObject({ code: 'TERMINAL_BUSY' });
    const residents = loadResidents();
    expect(host.terminal).toEqual({ terminalId: 'training-terminal', mode: 'counter', municipalityCode: residents.municipality.code, municipalityName: residents.municipality.name, training: true });
    expect(host.timeouts).toEqual({ applicantIdleMs: 120_000, applicantWarningMs: 30_000, clerkIdleMs: 600_000 });
    expect(host.clerks.map((c) => c.id)).toEqual(['kenshu-01', 'kenshu-02']);
    // A training terminal without a CA in its config runs the training reference CA in-process.
    expect(host.engine).toBeDefined();
    expect(existsSync(join(data, 'training-ca', 'ca.sqlite'))).toBe(true);
    expect(host.readers.list()).toEqual([]);
    expect(await host.recover()).toEqual({ cancelled: [], failed: [], completed: [], resumed: [], unconfirmed: [], revocationsReported: 0 });
    expect(host.sync.status()).toMatchObject({ depth: 0, running: false });
  } finally {
    await host.close();
  }
  expect(existsSync(lock)).toBe(false);
});

test('the training clerks sign in with the PINs of resources/training/README.md; the PIN bytes are wiped', async () => {
  const host = await buildHost({ dataFlag: join(dir, 'data'), env: {}, pcsc: false });
  try {
    const pin = new Uint8Array(Buffer.from('1111'));
    await expect(host.verifyClerk('kenshu-01', pin)).resolves.toEqual({ id: 'kenshu-01', name: '研修 一郎' });
    expect([...pin]).toEqual([0, 0, 0, 0]);
    await expect(host.verifyClerk('kenshu-02', new Uint8Array(Buffer.from('1111')))).rejects.toMatchObject({ code: 'CLERK_SIGN_IN_FAILED' });
  } finally {
    await host.close();
  }
});
