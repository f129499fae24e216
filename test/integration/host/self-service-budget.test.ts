/**
 * The daily reset budget counts proofs, not screens: a resident who goes back and forth between
 * choosing and proving (each visit to the proving screen fetches a nonce) has not used any of the
 * card's attempts until a proof is submitted. Real controller, virtual card through pcscd, the
 * training CA over HTTPS with its default limits.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SelfServiceState } from '../../../src/api/self-service';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { CardModel } from '../../../src/card/card-model';
import { watchReaders, type HostReaderWatch } from '../../../src/host/reader-watch';
import { HttpsResetAuthority } from '../../../src/host/reset-authority';
import { SelfServiceController, type SelfServiceHost } from '../../../src/flows/self-service-controller';
import { ensurePcscd, insertVirtualCard, type InsertedCard, type PcscdHandle } from '../../support/pcscd';

jest.setTimeout(240_000);

const trainingDir = join(findTrainingCaDir() ?? '', '..');
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let pcscd: PcscdHandle;
let ca: ReferenceCa;
let readers: HostReaderWatch;
let dir: string;
let authority: HttpsResetAuthority;
let controller: SelfServiceController | undefined;
let inserted: InsertedCard | undefined;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-ss-budget-'));
  // The default limits: three proofs per card a day.
  ca = await startReferenceCa({ dataDir: join(dir, 'ca'), port: 0, host: '127.0.0.1', training: true });
  authority = new HttpsResetAuthority({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem });
  readers = await watchReaders();
}, 330_000);

afterAll(async () => {
  await controller?.close();
  await inserted?.remove();
  authority?.close();
  await readers?.close();
  await ca?.close();
  await pcscd?.release();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const host: SelfServiceHost = {
  terminal: { terminalId: 'kiosk-1', mode: 'selfService', municipalityCode: '21213', municipalityName: '各務原市', training: true },
  timeouts: { applicantIdleMs: 120_000, applicantWarningMs: 30_000, clerkIdleMs: 600_000 },
  get readers() {
    return readers;
  },
  async openCard(reader, waitMs = 10_000) {
    const context = await readers.context();
    await context.waitForCard(reader, waitMs);
    const card = new CardModel(await context.connect(reader));
    return { reader, card, close: () => card.close() };
  },
};

async function reach(step: SelfServiceState['step']): Promise<SelfServiceState> {
  for (let i = 0; i < 300; i += 1) {
    if (controller?.state.step === step) return controller.state;
    await delay(100);
  }
  throw new Error(`step ${step} not reached; at ${JSON.stringify(controller?.state)}`);
}

test('choose → back → choose, five times over, spends none of the three daily proofs; the reset then goes through', async () => {
  const file = join(dir, 'r06.json');
  copyFileSync(join(trainingDir, 'cards', 'r06-sign-locked.json'), file);
  controller = new SelfServiceController(host, authority);
  inserted = await insertVirtualCard(0, file);
  await reach('choose');
  for (let round = 0; round < 5; round += 1) {
    await controller.send({ type: 'choose', resetKind: 'sign' });
    await reach('proving');
    await controller.send({ type: 'back' });
    await reach('choose');
  }
  await controller.send({ type: 'choose', resetKind: 'sign' });
  await reach('proving');
  await controller.provingPassword(ascii('2580'), false);
  await reach('newPassword');
  expect((await controller.newPassword(ascii('NEWPASS1'), ascii('NEWPASS1'))).step).toBe('done');
  await inserted.remove();
  inserted = undefined;
  expect((JSON.parse(readFileSync(file, 'utf8')) as { pins: { sign: unknown } }).pins.sign).toEqual({ value: 'NEWPASS1', triesLeft: 5 });
  // Six challenges answered, one proof submitted.
  const db = new Database(ca.files.database, { readonly: true });
  try {
    const rows = db.prepare(`SELECT step, outcome, COUNT(*) AS n FROM reset_audit GROUP BY step, outcome ORDER BY step, outcome`).all();
    expect(rows).toEqual([
      { step: 'authorize', outcome: 'ok', n: 1 },
      { step: 'challenge', outcome: 'ok', n: 6 },
    ]);
  } finally {
    db.close();
  }
});
