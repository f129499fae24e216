/**
 * A stolen self-service terminal: its client certificate and key, its software rewritten, two
 * real virtual cards through pcscd and the training CA over HTTPS. The attacker knows only the
 * password of their own card A and wants to reset the passwords of the victim's card B.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ReferenceCa } from '../../../src/ca/reference-ca';
import { CardModel } from '../../../src/card/card-model';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import type { HostReaderWatch } from '../../../src/host/reader-watch';
import { resetOutcomeOf, type HttpsResetAuthority } from '../../../src/host/reset-authority';
import { readCardPublicKey } from '../../../src/issuance/card-keys';
import { provingCertificateSerialOf, resetProofDigest } from '../../../src/pki/reset-proof';
import { insertVirtualCard, type InsertedCard } from '../../support/pcscd';
import { ascii, pinsOf, trainingCardIn, useResetRig } from './kiosk-rig';

jest.setTimeout(240_000);

let ca: ReferenceCa;
let readers: HostReaderWatch;
let dir: string;
// The stolen kiosk's own client certificate and key: what the attacker carried away.
let authority: HttpsResetAuthority;
const inserted: InsertedCard[] = [];

afterAll(async () => {
  for (const card of inserted.splice(0)) await card.remove();
});

useResetRig({ prefix: 'stolen', resetLimits: { perCardPerDay: 50, perTerminalPerDay: 500, nonceTtlMs: 300_000 }, ready: (rig) => ({ dir, ca, authority, readers } = rig) });

function trainingCard(id: string): string {
  return trainingCardIn(dir, id);
}

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
      await victim.presentResetAuthorization('sign', answer.issuerAuthentication);
      await victim.setPin('sign', ascii('STOLEN99'));
      outcome = 'reset';
    } catch (error) {
      outcome = resetOutcomeOf(error) ?? error;
    }
  } finally {
    await attacker.close();
    await victim.close();
  }
  for (const card of inserted.splice(0)) await card.remove();
  expect(outcome).toEqual({ kind: 'refused', reason: 'SELF_SERVICE_CARD_MISMATCH' });
  expect(pinsOf(victimFile)).toEqual(victimBefore);
  const db = new Database(ca.files.database, { readonly: true });
  try {
    const rows = db.prepare('SELECT step, card_serial, outcome FROM reset_audit ORDER BY id').all();
    expect(rows).toEqual([{ step: 'challenge', card_serial: JSON.parse(readFileSync(victimFile, 'utf8')).serial as string, outcome: 'CA_RESET_CARD_MISMATCH' }]);
  } finally {
    db.close();
  }
});

const codeOf = async (work: () => Promise<unknown>): Promise<string> => {
  try {
    await work();
    return 'ok';
  } catch (error) {
    return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
  }
};

test('an authorisation for an auth-PIN reset opens that one command only: not the signing password, not a new signing key', async () => {
  const file = trainingCard('r07-auth-locked');
  const before = JSON.parse(readFileSync(file, 'utf8')) as { keys: { sign: string }; files: { signCert: { data: string } } };
  const slot = await insertVirtualCard(0, file);
  inserted.push(slot);
  const card = await open(slot);
  const outcomes: Record<string, string[]> = {};
  try {
    const { serial } = await card.readCardFacts();
    const publicKey = await readCardPublicKey(card, 'sign');
    if (publicKey === undefined) throw new Error('no signing key');
    /** The holder proves with the signing password for an auth-PIN reset; the CA answers. */
    const authorised = async () => {
      const { nonce } = await authority.challenge({ terminalId: 'kiosk-1', cardSerial: serial, resetKind: 'auth', proving: { publicKey } });
      const { challenge } = await card.issuerChallenge();
      await card.verifyPin('sign', ascii('MISAKI77'));
      const provingCertificate = await card.readCertificateDer('sign');
      const proof = { nonce, cardChallenge: challenge, resetKind: 'auth' as const, cardSerial: serial, provingCertificateSerial: provingCertificateSerialOf(provingCertificate) };
      const signature = await card.sign('sign', sha256DigestInfo(resetProofDigest(proof)));
      return (await authority.authorize({ terminalId: 'kiosk-1', nonce, signature, cardChallenge: challenge, provingCertificate })).issuerAuthentication;
    };
    const present = (p2: number, prefix: readonly number[], signature: Uint8Array) => codeOf(() => card.channel.sendOk({ cla: 0x00, ins: 0x82, p1: 0x00, p2, data: Uint8Array.of(...prefix, ...signature) }, 'EXTERNAL AUTHENTICATE'));
    const misuse = async () => [await codeOf(() => card.setPin('sign', ascii('STOLEN99'))), await codeOf(() => card.generateKey('sign'))];
    const round = async (p2: number, prefix: readonly number[], after: () => Promise<string[]>): Promise<string[]> => {
      let signature: Uint8Array;
      try {
        signature = await authorised();
      } catch (error) {
        // The holder's own password no longer opens the card: something changed it.
        return [`no authorisation: ${await codeOf(() => Promise.reject(error))}`];
      }
      return [await present(p2, prefix, signature), ...(await after())];
    };
    // The rewritten terminal presents it as a full issuer session, then as a grant for the signing password.
    outcomes.asIssuerSession = await round(0x01, [], misuse);
    outcomes.asSignGrant = await round(0x02, [0x2c, 0x00, 0x1b], misuse);
    // As what it is: the one reset it names, once; nothing else after it.
    outcomes.asAuthGrant = await round(0x02, [0x2c, 0x00, 0x18], misuse);
    outcomes.afterUse = await round(0x02, [0x2c, 0x00, 0x18], async () => [await codeOf(() => card.setPin('auth', ascii('4321'))), await codeOf(() => card.setPin('auth', ascii('5678'))), ...(await misuse())]);
  } finally {
    await card.close();
  }
  for (const c of inserted.splice(0)) await c.remove();
  expect(outcomes).toEqual({
    asIssuerSession: ['CARD_AUTHENTICATION_FAILED', 'CARD_SECURITY_STATUS', 'CARD_SECURITY_STATUS'],
    asSignGrant: ['CARD_AUTHENTICATION_FAILED', 'CARD_SECURITY_STATUS', 'CARD_SECURITY_STATUS'],
    asAuthGrant: ['ok', 'CARD_SECURITY_STATUS', 'CARD_SECURITY_STATUS'],
    afterUse: ['ok', 'ok', 'CARD_SECURITY_STATUS', 'CARD_SECURITY_STATUS', 'CARD_SECURITY_STATUS'],
  });
  const after = JSON.parse(readFileSync(file, 'utf8')) as typeof before & { pins: Record<'sign' | 'auth', { value: string; triesLeft: number }> };
  expect(after.pins).toEqual({ ...after.pins, sign: { value: 'MISAKI77', triesLeft: 5 }, auth: { value: '4321', triesLeft: 3 } });
  expect(after.keys.sign).toBe(before.keys.sign);
  expect(after.files.signCert.data).toBe(before.files.signCert.data);
});
