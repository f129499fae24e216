/**
 * A stolen self-service terminal: its client certificate and key, its software rewritten, two
 * real virtual cards through pcscd and the training CA over HTTPS. The attacker knows only the
 * password of their own card A and wants to reset the passwords of the victim's card B.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { CardModel } from '../../../src/card/card-model';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import { watchReaders, type HostReaderWatch } from '../../../src/host/reader-watch';
import { HttpsResetAuthority, ResetAuthorityError } from '../../../src/host/reset-authority';
import { provingCertificateSerialOf, resetProofDigest } from '../../../src/pki/reset-proof';
import { ensurePcscd, insertVirtualCard, type InsertedCard, type PcscdHandle } from '../../support/pcscd';

jest.setTimeout(240_000);

const trainingDir = join(findTrainingCaDir() ?? '', '..');
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

let pcscd: PcscdHandle;
let ca: ReferenceCa;
let readers: HostReaderWatch;
let dir: string;
let authority: HttpsResetAuthority;
const inserted: InsertedCard[] = [];

beforeAll(async () => {
  pcscd = await ensurePcscd();
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-stolen-'));
  ca = await startReferenceCa({ dataDir: join(dir, 'ca'), port: 0, host: '127.0.0.1', training: true });
  // The stolen kiosk's own client certificate and key: what the attacker carried away.
  authority = new HttpsResetAuthority({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem });
  readers = await watchReaders();
}, 330_000);

afterAll(async () => {
  for (const card of inserted.splice(0)) await card.remove();
  authority?.close();
  await readers?.close();
  await ca?.close();
  await pcscd?.release();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function trainingCard(id: string): string {
  const file = join(dir, `${id}.json`);
  copyFileSync(join(trainingDir, 'cards', `${id}.json`), file);
  return file;
}
const pinsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { pins: Record<'sign' | 'auth', { value: string; triesLeft: number }> }).pins;

async function open(card: InsertedCard): Promise<CardModel> {
  const context = await readers.context();
  await context.waitForCard(card.readerName, 10_000);
  return new CardModel(await context.connect(card.readerName));
}

test('card A proves with its own password for victim card B: the CA refuses, audits it, and B is unchanged', async () => {
  // A: the attacker's own card; the attacker knows its auth PIN, so its auth key proves.
  const attackerFile = trainingCard('r08-certified');
  // B: the victim's card (signing password locked), in the other reader; nothing of B's is known.
  const victimFile = trainingCard('r06-sign-locked');
  const victimBefore = pinsOf(victimFile);
  inserted.push(await insertVirtualCard(0, attackerFile), await insertVirtualCard(1, victimFile));
  const [attackerSlot, victimSlot] = inserted;
  if (attackerSlot === undefined || victimSlot === undefined) throw new Error('cards not inserted');
  const attacker = await open(attackerSlot);
  const victim = await open(victimSlot);
  let outcome: unknown;
  try {
    const victimSerial = (await victim.readCardFacts()).serial;
    const attackerSerial = (await attacker.readCardFacts()).serial;
    expect(attackerSerial).not.toBe(victimSerial);
    const provingCertificate = await attacker.readCertificateDer('auth');
    try {
      // The terminal declares B's serial, with A's certificate.
      const { nonce } = await authority.challenge({ terminalId: 'kiosk-1', cardSerial: victimSerial, resetKind: 'sign', proving: { certificate: provingCertificate } });
      const { challenge } = await victim.issuerChallenge();
      // A's own PIN: the card signs whatever the rewritten terminal hands it, here all of B's.
      await attacker.verifyPin('auth', ascii('1234'));
      const proof = { nonce, cardChallenge: challenge, resetKind: 'sign' as const, cardSerial: victimSerial, provingCertificateSerial: provingCertificateSerialOf(provingCertificate) };
      const signature = await attacker.sign('auth', sha256DigestInfo(resetProofDigest(proof)));
      const answer = await authority.authorize({ terminalId: 'kiosk-1', nonce, signature, cardChallenge: challenge });
      await victim.presentIssuerAuthentication(answer.issuerAuthentication);
      await victim.setPin('sign', ascii('STOLEN99'));
      outcome = 'reset';
    } catch (error) {
      outcome = error instanceof ResetAuthorityError ? error.outcome : error;
    }
  } finally {
    await attacker.close();
    await victim.close();
  }
  for (const card of inserted.splice(0)) await card.remove();
  expect(outcome).toEqual({ kind: 'refused', reason: 'SELF_SERVICE_CA_REFUSED' });
  expect(pinsOf(victimFile)).toEqual(victimBefore);
  const db = new Database(ca.files.database, { readonly: true });
  try {
    const rows = db.prepare('SELECT step, card_serial, outcome FROM reset_audit ORDER BY id').all();
    expect(rows).toEqual([{ step: 'challenge', card_serial: JSON.parse(readFileSync(victimFile, 'utf8')).serial as string, outcome: 'CA_RESET_CARD_MISMATCH' }]);
  } finally {
    db.close();
  }
});
