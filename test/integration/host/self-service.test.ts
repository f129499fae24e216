/**
 * The self-service reset end to end below the screens: the controller over a virtual
 * card through pcscd and the reference CA over HTTPS. The terminal side holds no issuer key:
 * the only way to the reset is the CA's issuer authentication for the card's own challenge.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SelfServiceState } from '../../../src/api/self-service';
import type { ReferenceCa } from '../../../src/ca/reference-ca';
import { CardModel } from '../../../src/card/card-model';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import type { HostReaderWatch } from '../../../src/host/reader-watch';
import { HttpsResetAuthority } from '../../../src/host/reset-authority';
import type { ResetAuthority } from '../../../src/issuance/self-reset';
import { SelfServiceController } from '../../../src/flows/self-service-controller';
import { provingCertificateSerialOf, resetProofDigest } from '../../../src/pki/reset-proof';
import type { AuditEntryInput } from '../../../src/store/audit-log';
import { insertVirtualCard, readerIndex, runTool, type InsertedCard } from '../../support/pcscd';
import { ascii, delay, kioskHost, pinsOf, shippedCard, trainingCardIn, useResetRig } from './kiosk-rig';

jest.setTimeout(240_000);

const pkcs11Module = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

let ca: ReferenceCa;
let readers: HostReaderWatch;
let dir: string;
let authority: HttpsResetAuthority;
const controllers: SelfServiceController[] = [];
let inserted: InsertedCard | undefined;

useResetRig({ prefix: 'self-service', resetLimits: { perCardPerDay: 50, perTerminalPerDay: 500, nonceTtlMs: 300_000 }, ready: (rig) => ({ dir, ca, authority, readers } = rig) });

afterEach(async () => {
  for (const c of controllers.splice(0)) await c.close();
  await inserted?.remove();
  inserted = undefined;
});

function trainingCard(id: string): string {
  return trainingCardIn(dir, id);
}

const audit: AuditEntryInput[] = [];
function controllerWith(resetAuthority: ResetAuthority | undefined, idleMs = 120_000): SelfServiceController {
  audit.length = 0;
  const controller = new SelfServiceController(kioskHost(readers, idleMs), resetAuthority, Date.now, (entry) => audit.push(entry));
  controllers.push(controller);
  return controller;
}

/** Waits (bounded) until the flow reaches `step`. */
async function reach(controller: SelfServiceController, step: SelfServiceState['step']): Promise<SelfServiceState> {
  for (let i = 0; i < 300; i += 1) {
    if (controller.state.step === step) return controller.state;
    await delay(100);
  }
  throw new Error(`step ${step} not reached; at ${JSON.stringify(controller.state)}`);
}

/** A card on the reader and the reset of `resetKind` chosen, against the CA: the flow waits for the proving password. */
async function toProving(cardId: string, resetKind: 'sign' | 'auth', idleMs?: number): Promise<{ file: string; controller: SelfServiceController; card: InsertedCard }> {
  const file = trainingCard(cardId);
  const controller = controllerWith(authority, idleMs);
  const card = await insertVirtualCard(0, file);
  inserted = card;
  await reach(controller, 'choose');
  await controller.send({ type: 'choose', resetKind });
  await reach(controller, 'proving');
  return { file, controller, card };
}

async function tool(command: string, args: readonly string[]) {
  const out = await runTool(command, args, { timeoutMs: 60_000 });
  return { ...out, all: `${out.stdout}\n${out.stderr}` };
}

test('a locked signing password reset with the auth PIN: a wrong PIN counts and changes nothing, then the reset; OpenSC sees it', async () => {
  const file = trainingCard('r06-sign-locked');
  const controller = controllerWith(authority);
  inserted = await insertVirtualCard(0, file);
  const choose = await reach(controller, 'choose');
  expect(choose).toMatchObject({ card: { pins: { sign: { isBlocked: true }, auth: { triesLeft: 3 } } } });
  await controller.send({ type: 'choose', resetKind: 'sign' });
  await reach(controller, 'proving');

  const wrong = ascii('0000');
  const afterWrong = await controller.provingPassword(wrong, false);
  expect(wrong.every((b) => b === 0)).toBe(true);
  expect(afterWrong).toMatchObject({ step: 'proving', lastAttemptFailed: true, card: { pins: { auth: { triesLeft: 2 } } } });

  await controller.provingPassword(ascii('2580'), false);
  await reach(controller, 'newPassword');
  await expect(controller.newPassword(ascii('NEWPASS1'), ascii('NEWPASS2'))).rejects.toMatchObject({ code: 'SELF_SERVICE_PASSWORD_MISMATCH' });
  const done = await controller.newPassword(ascii('NEWPASS1'), ascii('NEWPASS1'));
  expect(done).toMatchObject({ step: 'done', receipt: { resetKind: 'sign', terminalId: 'kiosk-1' } });
  const reference = done.step === 'done' ? done.receipt.reference : '';
  expect(audit).toEqual([{ actor: 'self-service', subject: '212134200005065', action: 'selfService.reset', details: { resetKind: 'sign', reference } }]);
  expect(JSON.stringify(audit)).not.toMatch(/NEWPASS1|2580/);
  await controller.close();
  controllers.length = 0;

  const reader = await readerIndex(inserted.readerName);
  const pins = await tool('pkcs15-tool', ['-r', String(reader), '--list-pins']);
  expect(pins.code).toBe(0);
  expect(pins.stdout).toMatch(/Digital Signature PIN[\s\S]*?Tries left\s*:\s*5/);
  // The correct auth PIN reset its counter too (R-LOCK-1).
  expect(pins.stdout).toMatch(/User Authentication PIN[\s\S]*?Tries left\s*:\s*3/);
  const login = await tool('pkcs11-tool', ['--module', pkcs11Module, '--token-label', 'JPKI (Digital Signature PIN)', '--login', '--pin', 'NEWPASS1', '--list-objects']);
  expect(login.all).not.toMatch(/CKR_PIN_INCORRECT|CKR_PIN_LOCKED/);
  expect(login.code).toBe(0);
  await inserted.remove();
  inserted = undefined;
  expect(pinsOf(file).sign).toEqual({ value: 'NEWPASS1', triesLeft: 5 });
  // docs/design.md §7: the passwords went to the card only; nothing of the CA's holds them.
  for (const name of readdirSync(join(dir, 'ca'))) {
    const path = join(dir, 'ca', name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    expect([name, bytes.includes('NEWPASS1')]).toEqual([name, false]);
  }
});

test('R-LOCK-1 at one try left: no try is spent without the explicit confirmation; a malformed entry spends none', async () => {
  const { file, controller } = await toProving('r06-sign-locked', 'sign');
  await expect(controller.provingPassword(ascii('25'), false)).rejects.toMatchObject({ code: 'SELF_SERVICE_BAD_PASSWORD', details: { field: 'password' } });
  await controller.provingPassword(ascii('1111'), false);
  const oneLeft = await controller.provingPassword(ascii('2222'), false);
  expect(oneLeft).toMatchObject({ step: 'proving', card: { pins: { auth: { triesLeft: 1 } } } });
  await expect(controller.provingPassword(ascii('2580'), false)).rejects.toMatchObject({ code: 'SELF_SERVICE_BAD_PASSWORD', details: { triesLeft: 1, field: 'confirmLastTry' } });
  expect(pinsOf(file).auth.triesLeft).toBe(1);
  await controller.provingPassword(ascii('2580'), true);
  expect((await reach(controller, 'newPassword')).step).toBe('newPassword');
});

test('a locked auth PIN reset with the signing password (the signing certificate follows the proof)', async () => {
  // The signing password is the proof here; the auth PIN is the locked one: resetting the sign password is refused.
  const { file, controller, card } = await toProving('r07-auth-locked', 'auth');
  await controller.provingPassword(ascii('MISAKI77'), false);
  await reach(controller, 'newPassword');
  const done = await controller.newPassword(ascii('4321'), ascii('4321'));
  expect(done.step).toBe('done');
  await card.remove();
  inserted = undefined;
  expect(pinsOf(file).auth).toEqual({ value: '4321', triesLeft: 3 });
});

test('the proving password locked: refused at once, nothing sent, nothing changed', async () => {
  const file = trainingCard('r07-auth-locked');
  const before = readFileSync(file, 'utf8');
  const controller = controllerWith(authority);
  inserted = await insertVirtualCard(0, file);
  await reach(controller, 'choose');
  expect(await controller.send({ type: 'choose', resetKind: 'sign' })).toEqual({ step: 'refused', reason: 'SELF_SERVICE_PROVING_LOCKED', resetKind: 'sign' });
  await inserted.remove();
  inserted = undefined;
  expect(readFileSync(file, 'utf8')).toBe(before);
});

test('the CA offline: the flow says so and the card is unchanged', async () => {
  const file = trainingCard('r06-sign-locked');
  const offline = new HttpsResetAuthority({ url: 'https://127.0.0.1:1', trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem }, { connectTimeoutMs: 2_000, responseTimeoutMs: 4_000 });
  const controller = controllerWith(offline);
  inserted = await insertVirtualCard(0, file);
  await reach(controller, 'choose');
  await controller.send({ type: 'choose', resetKind: 'sign' });
  expect(await reach(controller, 'offline')).toEqual({ step: 'offline', resetKind: 'sign' });
  expect(audit).toMatchObject([{ action: 'selfService.offline' }]);
  offline.close();
  await inserted.remove();
  inserted = undefined;
  expect(pinsOf(file)).toEqual(pinsOf(shippedCard('r06-sign-locked')));
});

test('the card accepts the reset only with the CA answer for its own current challenge', async () => {
  const file = trainingCard('r06-sign-locked');
  inserted = await insertVirtualCard(0, file);
  const context = await readers.context();
  await context.waitForCard(inserted.readerName, 10_000);
  const card = new CardModel(await context.connect(inserted.readerName));
  try {
    const facts = await card.readCardFacts();
    const authCert = await card.readCertificateDer('auth');
    const proveFor = async (challenge: Uint8Array) => {
      const { nonce } = await authority.challenge({ terminalId: 'kiosk-1', cardSerial: facts.serial, resetKind: 'sign', proving: { certificate: authCert } });
      await card.verifyPin('auth', ascii('2580'));
      const signature = await card.sign('auth', sha256DigestInfo(resetProofDigest({ nonce, cardChallenge: challenge, resetKind: 'sign', cardSerial: facts.serial, provingCertificateSerial: provingCertificateSerialOf(authCert) })));
      return authority.authorize({ terminalId: 'kiosk-1', nonce, signature, cardChallenge: challenge });
    };
    // An authentication for a challenge the card never gave.
    const forged = await proveFor(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    await card.issuerChallenge();
    await expect(card.presentResetAuthorization('sign', forged.issuerAuthentication)).rejects.toMatchObject({ code: 'CARD_AUTHENTICATION_FAILED' });
    await expect(card.setPin('sign', ascii('OTHER123'))).rejects.toMatchObject({ code: 'CARD_SECURITY_STATUS' });
    // An authentication for an earlier challenge: the card has moved on.
    const { challenge: first } = await card.issuerChallenge();
    const stale = await proveFor(first);
    await card.issuerChallenge();
    await expect(card.presentResetAuthorization('sign', stale.issuerAuthentication)).rejects.toMatchObject({ code: 'CARD_AUTHENTICATION_FAILED' });
    await expect(card.setPin('sign', ascii('OTHER123'))).rejects.toMatchObject({ code: 'CARD_SECURITY_STATUS' });
    expect((await card.readPinStatus()).sign.isBlocked).toBe(true);
  } finally {
    await card.close();
  }
});

test('the card pulled after the CA authorised (between steps 4 and 5): unchanged, and the authorisation is worthless after', async () => {
  const { file, controller, card } = await toProving('r06-sign-locked', 'sign');
  await controller.provingPassword(ascii('2580'), false);
  await reach(controller, 'newPassword');
  await card.remove();
  inserted = undefined;
  expect(await reach(controller, 'cardRemoved')).toEqual({ step: 'cardRemoved', outcome: 'unchanged', resetKind: 'sign' });
  expect(audit).toMatchObject([{ action: 'selfService.cardRemoved', details: { outcome: 'unchanged', resetKind: 'sign' } }]);
  await expect(controller.newPassword(ascii('NEWPASS1'), ascii('NEWPASS1'))).rejects.toMatchObject({ code: 'SELF_SERVICE_WRONG_STEP' });
  expect(pinsOf(file).sign).toEqual({ value: 'INABA72', triesLeft: 0 });
  // Back in: a fresh start, the signing password still locked.
  await controller.send({ type: 'finish' });
  inserted = await insertVirtualCard(0, file);
  expect(await reach(controller, 'choose')).toMatchObject({ card: { pins: { sign: { isBlocked: true } } } });
});

test('idle at a resident step: back to the welcome screen, the card session let go, nothing changed', async () => {
  const { file, controller, card } = await toProving('r06-sign-locked', 'sign', 1_500);
  expect(await reach(controller, 'welcome')).toEqual({ step: 'welcome', notice: 'timedOut' });
  // The session was closed: another client can have the card exclusively at once.
  const context = await readers.context();
  const transport = await context.connect(card.readerName);
  await transport.close();
  await expect(controller.provingPassword(ascii('2580'), false)).rejects.toMatchObject({ code: 'SELF_SERVICE_WRONG_STEP' });
  expect(pinsOf(file).sign.triesLeft).toBe(0);
});

test('a card reported lost at the CA: sent to the counter before any password is typed, the card unchanged', async () => {
  const file = trainingCard('r08-certified');
  const before = readFileSync(file, 'utf8');
  ca.selfReset.reportLost((JSON.parse(before) as { serial: string }).serial);
  const controller = controllerWith(authority);
  inserted = await insertVirtualCard(0, file);
  await reach(controller, 'choose');
  await controller.send({ type: 'choose', resetKind: 'auth' });
  expect(await reach(controller, 'refused')).toEqual({ step: 'refused', reason: 'SELF_SERVICE_CARD_LOST', resetKind: 'auth' });
  expect(audit).toMatchObject([{ action: 'selfService.refused', details: { reason: 'SELF_SERVICE_CARD_LOST' } }]);
  await inserted.remove();
  inserted = undefined;
  expect(readFileSync(file, 'utf8')).toBe(before);
});
