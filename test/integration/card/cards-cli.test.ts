/**
 * `madoguchi cards --json` as a separate process (compiled CLI; scripts/test builds first):
 * it must report the card and exit on its own, which needs every pcsclite reader closed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { Store } from '../../../src/store/unit-of-work';
import { sampleApplication } from '../../unit/store/fixtures';
import { CardModel } from '../../../src/card/card-model';
import { PcscContext } from '../../../src/card/pcsc-transport';
import { ensurePcscd, insertVirtualCard, runTool, type InsertedCard, type PcscdHandle } from '../../support/pcscd';
import { ascii, blankState, facts, issuerKey } from '../../unit/card/support';
import { asyncTestCa, type AsyncTestCa } from './support';

/** ensurePcscd may wait up to 300 s for another run's vpcd lock. */
const lockWaitMs = 330_000;
jest.setTimeout(120_000);

const bin = join(__dirname, '../../../bin/madoguchi');
const issuer = issuerKey();
let pcscd: PcscdHandle;
let ca: AsyncTestCa;
let inserted: InsertedCard | undefined;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  ca = await asyncTestCa();
}, lockWaitMs);

afterAll(async () => {
  await inserted?.remove();
  await ca?.dispose();
  await pcscd?.release();
});

it('prints facts, PIN tries and certificates of the card in the reader, then exits', async () => {
  inserted = await insertVirtualCard(0, blankState(issuer));
  const context = await PcscContext.open();
  let authCert: Uint8Array;
  try {
    await context.waitForCard(inserted.readerName, 10_000);
    const card = new CardModel(await context.connect(inserted.readerName));
    await card.authenticateIssuer(issuer.signer);
    authCert = await ca.issue(await card.generateKey('auth'), '/C=JP/CN=CLIAUTH01');
    await card.setPin('auth', ascii('1234'));
    await card.writeCertificate('auth', authCert);
    await expect(card.verifyPin('auth', ascii('0000'))).rejects.toMatchObject({ details: { triesLeft: 2 } });
  } finally {
    await context.close();
  }

  const out = await runTool('node', [bin, 'cards', '--json', '--reader', inserted.readerName], { timeoutMs: 30_000 });
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const report = JSON.parse(out.stdout) as { readers: Array<Record<string, unknown>> };
  expect(report.readers).toHaveLength(1);
  expect(report.readers[0]).toMatchObject({
    name: inserted.readerName,
    isCardPresent: true,
    card: {
      facts: { serial: facts.serial, municipalityCode: facts.municipalityCode, cardExpiry: '2035-02-17', cardType: 'myNumberCard' },
      pins: { auth: { triesLeft: 2, maxTries: 3 }, sign: { triesLeft: 5 }, cardInfo: { triesLeft: 3 } },
      certificates: { auth: { status: 'present', subject: 'C=JP, CN=CLIAUTH01' }, sign: { status: 'absent' }, authCa: { status: 'absent' } },
    },
  });

  const text = await runTool('node', [bin, 'cards', '--reader', inserted.readerName], { timeoutMs: 30_000 });
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`serial ${facts.serial}`);
  expect(text.stdout).toContain('auth 2/3');
});

it('--data: shows what this terminal still has to finish for the card, and never creates a data directory', async () => {
  if (inserted === undefined) inserted = await insertVirtualCard(0, blankState(issuer));
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-cards-data-'));
  try {
    const data = join(dir, 'terminal');
    // As a terminal writes it: the audit key and checkpoint beside the database.
    const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(data));
    const store = new Store(db, Date.now, auditAnchor);
    const waiting = store.recordNewApplication(sampleApplication({ cardSerial: facts.serial, state: 'issued' }), { actor: 'clerk-1', action: 'application.create' });
    store.recordNewApplication(sampleApplication({ cardSerial: 'ANOTHER-CARD', state: 'issued' }), { actor: 'clerk-1', action: 'application.create' });
    db.close();

    const out = await runTool('node', [bin, 'cards', '--json', '--reader', inserted.readerName, '--data', data], { timeoutMs: 30_000 });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { dataDir: string | null; readers: Array<{ waitingHere?: unknown }> };
    expect(report.dataDir).toBe(data);
    expect(report.readers[0]?.waitingHere).toEqual([{ applicationId: waiting.id, procedure: 'issue', state: 'issued' }]);
    const text = await runTool('node', [bin, 'cards', '--reader', inserted.readerName, '--data', data], { timeoutMs: 30_000 });
    expect(text.stdout).toContain(`waiting at this terminal: issue ${waiting.id} (issued)`);

    const none = join(dir, 'no-terminal-here');
    const bare = await runTool('node', [bin, 'cards', '--json', '--reader', inserted.readerName, '--data', none], { timeoutMs: 30_000 });
    expect(bare.code).toBe(0);
    expect(JSON.parse(bare.stdout)).toMatchObject({ dataDir: null });
    expect(existsSync(none)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('without a PC/SC service: a typed error on stderr, exit code 3, and the process exits', async () => {
  const out = await runTool('env', ['PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm', 'node', bin, 'cards', '--json'], { timeoutMs: 30_000 });
  expect(out.code).toBe(3);
  expect(out.stdout).toBe('');
  expect(out.stderr).toContain('CARD_NO_READER');
});
