/**
 * Issuer commands (docs/design.md §4 table). Each refuses with 6982 unless EXTERNAL AUTHENTICATE
 * succeeded since the last power event or SELECT by DF name.
 *
 * Choices the terminal relies on:
 * - EXTERNAL AUTHENTICATE with a wrong signature answers 6300; without a pending challenge, 6985.
 *   A challenge is good for one attempt.
 * - GENERATE ASYMMETRIC KEY PAIR answers in one R-APDU of 270 bytes + SW (272 in all) (vpcd and pcscd's T=1
 *   pass it); there is no 61xx / GET RESPONSE.
 * - UPDATE BINARY at offset 0 starts a new certificate; later chunks must continue without a gap
 *   (offset ≤ bytes written, else 6B00). The slot is complete once the bytes announced by the DER
 *   header (30 82 HH LL) are all there and the certificate parses and, for 0001/000A, certifies
 *   the slot's key. A chunk that completes a certificate failing that check answers 6A80 and the
 *   slot stays incomplete.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { Sw, statusOnly, withStatus, type CommandApdu } from './apdu';
import { certFileOfSlot, findFile, slotOfCertFile } from './card-layout';
import { isValidPinFormat, maxTries, type KeySlot } from './card-state';
import type { EngineContext } from './context';
import { announcedDerLength, checkCertificate, generateRsaKey, isValidIssuerSignature, publicKeyTemplate } from './issuer';

/** Largest certificate EF the card accepts. */
export const maxCertificateFileSize = 4096;

export function getChallenge(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if (apdu.p1 !== 0 || apdu.p2 !== 0) return statusOnly(Sw.wrongP1P2);
  if (apdu.data.length !== 0 || apdu.le !== 8) return statusOnly(Sw.wrongLength);
  const challenge = new Uint8Array(randomBytes(8));
  ctx.volatile.challenge = challenge;
  ctx.volatile.isIssuerAuthenticated = false;
  return withStatus(challenge);
}

export function externalAuthenticate(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if (apdu.p1 !== 0 || apdu.p2 !== 1) return statusOnly(Sw.wrongP1P2);
  const challenge = ctx.volatile.challenge;
  ctx.volatile.challenge = undefined;
  if (challenge === undefined) return statusOnly(Sw.conditionsNotSatisfied);
  if (apdu.data.length !== 64) return statusOnly(Sw.wrongLength);
  if (!isValidIssuerSignature(challenge, ctx.state.serial, apdu.data, ctx.trustedIssuerKeys)) {
    ctx.volatile.isIssuerAuthenticated = false;
    return statusOnly(Sw.verificationFailed);
  }
  ctx.volatile.isIssuerAuthenticated = true;
  return statusOnly(Sw.ok);
}

const keyFids: Record<number, KeySlot> = { 0x0017: 'auth', 0x001a: 'sign' };

export function generateKeyPair(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if (apdu.p1 === 0x81 && apdu.p2 === 0x00) return readPublicKey(ctx, apdu);
  if (apdu.p1 !== 0x80 || apdu.p2 !== 0x00) return statusOnly(Sw.wrongP1P2);
  if (!ctx.volatile.isIssuerAuthenticated) return statusOnly(Sw.securityNotSatisfied);
  if (ctx.volatile.ap !== 'jpki') return statusOnly(Sw.conditionsNotSatisfied);
  if (apdu.data.length !== 2) return statusOnly(Sw.wrongLength);
  const slot = keyFids[((apdu.data[0] ?? 0) << 8) | (apdu.data[1] ?? 0)];
  if (slot === undefined) return statusOnly(Sw.wrongData);
  const key = generateRsaKey();
  ctx.state.keys[slot] = key.privateKeyPem;
  ctx.state.files[certFileOfSlot(slot)] = { data: '', complete: false };
  ctx.persist();
  return withStatus(publicKeyTemplate(key));
}

/**
 * ISO 7816-8 GENERATE ASYMMETRIC KEY PAIR with P1=81 reads back the public key of an existing
 * key pair. A public key is public, so no issuer authentication is needed: a terminal uses it to
 * find certificates issued for this card while it was elsewhere (pick-up, R-PROC-3).
 */
function readPublicKey(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if (ctx.volatile.ap !== 'jpki') return statusOnly(Sw.conditionsNotSatisfied);
  if (apdu.data.length !== 2) return statusOnly(Sw.wrongLength);
  const slot = keyFids[((apdu.data[0] ?? 0) << 8) | (apdu.data[1] ?? 0)];
  if (slot === undefined) return statusOnly(Sw.wrongData);
  const pem = ctx.state.keys[slot];
  if (pem === null) return statusOnly(Sw.referencedDataNotFound);
  const jwk = createPublicKey(pem).export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return statusOnly(Sw.referencedDataNotFound);
  return withStatus(publicKeyTemplate({ modulus: Buffer.from(jwk.n, 'base64url'), exponent: Buffer.from(jwk.e, 'base64url') }));
}

export function resetRetryCounter(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if (apdu.p1 !== 0x02 || apdu.p2 !== 0x80) return statusOnly(Sw.wrongP1P2);
  if (!ctx.volatile.isIssuerAuthenticated) return statusOnly(Sw.securityNotSatisfied);
  const { ap, ef } = ctx.volatile;
  if (ap === undefined || ef === undefined) return statusOnly(Sw.noCurrentEf);
  const spec = findFile(ap, ef);
  if (spec?.kind !== 'pin') return statusOnly(Sw.fileStructureMismatch);
  if (!isValidPinFormat(spec.pin, apdu.data)) return statusOnly(Sw.wrongData);
  ctx.state.pins[spec.pin] = { value: Buffer.from(apdu.data).toString('latin1'), triesLeft: maxTries[spec.pin] };
  ctx.volatile.verified.delete(spec.pin);
  ctx.persist();
  return statusOnly(Sw.ok);
}

export function updateBinary(ctx: EngineContext, apdu: CommandApdu): Uint8Array {
  if ((apdu.p1 & 0x80) !== 0) return statusOnly(Sw.wrongP1P2);
  if (!ctx.volatile.isIssuerAuthenticated) return statusOnly(Sw.securityNotSatisfied);
  const { ap, ef } = ctx.volatile;
  if (ap === undefined || ef === undefined) return statusOnly(Sw.noCurrentEf);
  const spec = findFile(ap, ef);
  if (spec?.kind !== 'cert') return statusOnly(Sw.fileStructureMismatch);
  if (apdu.data.length === 0) return statusOnly(Sw.wrongLength);
  const slot = slotOfCertFile(spec.file);
  const slotKey = slot === undefined ? null : ctx.state.keys[slot];
  if (slot !== undefined && slotKey === null) return statusOnly(Sw.conditionsNotSatisfied);

  const offset = (apdu.p1 << 8) | apdu.p2;
  const current = offset === 0 ? Buffer.alloc(0) : Buffer.from(ctx.state.files[spec.file].data, 'base64');
  if (offset > current.length) return statusOnly(Sw.wrongOffset);
  const end = offset + apdu.data.length;
  if (end > maxCertificateFileSize) return statusOnly(Sw.notEnoughMemory);
  const next = Buffer.alloc(Math.max(current.length, end));
  current.copy(next);
  next.set(apdu.data, offset);

  const announced = announcedDerLength(next);
  let sw: number = Sw.ok;
  let stored = next;
  let complete = false;
  if (announced !== undefined && next.length >= announced) {
    const der = next.subarray(0, announced);
    const check = checkCertificate(der, slotKey ?? null);
    if (check.ok) {
      stored = Buffer.from(der);
      complete = true;
    } else {
      sw = Sw.wrongData;
    }
  }
  ctx.state.files[spec.file] = { data: stored.toString('base64'), complete };
  ctx.persist();
  return statusOnly(sw);
}
