/**
 * Issuer-side commands (docs/design.md §4): they run inside the JPKI AP after EXTERNAL
 * AUTHENTICATE, and selecting any AP ends the issuer state, so callers keep the AP selected.
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readTlv, readTlvList } from './ber';
import type { CardChannel } from './channel';
import { cardError } from './errors';
import { certificateFid, keyFid, pinFid, type CertificateSlot } from './jpki-ap';
import { selectFile } from './iso-commands';
import type { CertificateKind } from '../domain/vocabulary';

/** Signs the issuer-authentication message; a key file today, a PKCS#11 token later. */
export interface IssuerSigner {
  /** ECDSA P-256 over SHA-256(data), raw r‖s (64 bytes). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** An IssuerSigner over a PEM private key (the training issuer key, or a configured key file). */
export function issuerSignerFromPem(pem: string): IssuerSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw cardError('CARD_INVALID_ARGUMENT', 'issuer key: not a readable private key');
  }
  if (key.asymmetricKeyType !== 'ec') throw cardError('CARD_INVALID_ARGUMENT', 'issuer key: expected an EC P-256 key');
  return {
    async sign(data) {
      return new Uint8Array(nodeSign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }));
    },
  };
}

/** What the issuer signs for the full issuer session: challenge ‖ card serial (ASCII digits). */
export function issuerAuthMessage(challenge: Uint8Array, serial: string): Uint8Array {
  return new Uint8Array(Buffer.concat([challenge, Buffer.from(serial, 'latin1')]));
}

/** RESET RETRY COUNTER: the one command a reset grant can name. */
const resetRetryCounterIns = 0x2c;

/**
 * The grant of one PIN reset (EXTERNAL AUTHENTICATE P2=02, src/virtual-card/README.md): the
 * command (INS) and the PIN EF it may run on, as sent before the signature.
 */
export function resetGrant(kind: CertificateKind): Uint8Array {
  const fid = pinFid[kind];
  return Uint8Array.of(resetRetryCounterIns, (fid >> 8) & 0xff, fid & 0xff);
}

/** What the issuer signs to grant one reset of `kind`'s PIN: challenge ‖ card serial ‖ grant. */
export function resetGrantMessage(challenge: Uint8Array, serial: string, kind: CertificateKind): Uint8Array {
  return new Uint8Array(Buffer.concat([challenge, Buffer.from(serial, 'latin1'), resetGrant(kind)]));
}

/** EXTERNAL AUTHENTICATE with a grant of one reset of `kind`'s PIN; the JPKI AP must be selected. */
export async function presentResetGrant(channel: CardChannel, kind: CertificateKind, signature: Uint8Array): Promise<void> {
  if (signature.length !== 64) throw cardError('CARD_INVALID_ARGUMENT', 'issuer signature must be 64 bytes (r‖s)');
  await channel.sendOk({ cla: 0x00, ins: 0x82, p1: 0x00, p2: 0x02, data: new Uint8Array(Buffer.concat([resetGrant(kind), signature])) }, 'EXTERNAL AUTHENTICATE');
}

export async function getChallenge(channel: CardChannel): Promise<Uint8Array> {
  const challenge = await channel.sendOk({ cla: 0x00, ins: 0x84, p1: 0x00, p2: 0x00, le: 8 }, 'GET CHALLENGE');
  if (challenge.length !== 8) throw cardError('CARD_MALFORMED_RESPONSE', `GET CHALLENGE: ${challenge.length} bytes`);
  return challenge;
}

/** GET CHALLENGE + EXTERNAL AUTHENTICATE; the JPKI AP must be selected already. */
export async function authenticateIssuer(channel: CardChannel, serial: string, signer: IssuerSigner): Promise<void> {
  const challenge = await getChallenge(channel);
  const signature = await signer.sign(issuerAuthMessage(challenge, serial));
  if (signature.length !== 64) throw cardError('CARD_INVALID_ARGUMENT', 'issuer signature must be 64 bytes (r‖s)');
  await channel.sendOk({ cla: 0x00, ins: 0x82, p1: 0x00, p2: 0x01, data: signature }, 'EXTERNAL AUTHENTICATE');
}

/** Builds the RSA SubjectPublicKeyInfo (DER) from a 7F49 { 81 modulus, 82 exponent } template. */
export function spkiFromPublicKeyTemplate(template: Uint8Array): Uint8Array {
  const outer = readTlv(template, 0);
  if (outer.tag !== 0x7f49) throw cardError('CARD_MALFORMED_RESPONSE', 'GENERATE KEY: expected 7F49');
  let modulus: Uint8Array | undefined;
  let exponent: Uint8Array | undefined;
  for (const child of readTlvList(outer.value)) {
    if (child.tag === 0x81) modulus = child.value;
    else if (child.tag === 0x82) exponent = child.value;
  }
  if (modulus === undefined || exponent === undefined) throw cardError('CARD_MALFORMED_RESPONSE', 'GENERATE KEY: modulus or exponent missing');
  const n = stripLeadingZeros(modulus);
  const e = stripLeadingZeros(exponent);
  if (n.length !== 256 || ((n[0] ?? 0) & 0x80) === 0) throw cardError('CARD_INVALID_DATA', 'GENERATE KEY: not an RSA-2048 modulus');
  if (e.length === 0 || e.length > 4 || ((e[e.length - 1] ?? 0) & 1) === 0) throw cardError('CARD_INVALID_DATA', 'GENERATE KEY: bad public exponent');
  const key = createPublicKey({ key: { kty: 'RSA', n: Buffer.from(n).toString('base64url'), e: Buffer.from(e).toString('base64url') }, format: 'jwk' });
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }));
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** GENERATE ASYMMETRIC KEY PAIR for a key slot; returns the new public key as SPKI DER. */
export async function generateKeyPair(channel: CardChannel, kind: CertificateKind): Promise<Uint8Array> {
  const fid = keyFid[kind];
  const template = await channel.sendOk({ cla: 0x00, ins: 0x47, p1: 0x80, p2: 0x00, data: Uint8Array.of(fid >> 8, fid & 0xff), le: 256 }, `GENERATE KEY ${kind}`);
  return spkiFromPublicKeyTemplate(template);
}

/**
 * The public key already in a slot: GENERATE ASYMMETRIC KEY PAIR with P1=81 ("read the existing
 * public key", ISO 7816-8). Cards that do not support it answer 6A86 (CARD_WRONG_PARAMETERS).
 */
export async function readPublicKey(channel: CardChannel, kind: CertificateKind): Promise<Uint8Array> {
  const fid = keyFid[kind];
  const template = await channel.sendOk({ cla: 0x00, ins: 0x47, p1: 0x81, p2: 0x00, data: Uint8Array.of(fid >> 8, fid & 0xff), le: 256 }, `READ PUBLIC KEY ${kind}`);
  return spkiFromPublicKeyTemplate(template);
}

/** RESET RETRY COUNTER with a new value on a JPKI PIN EF (the counter goes back to max). */
export async function resetPin(channel: CardChannel, kind: CertificateKind, newPin: Uint8Array): Promise<void> {
  await selectFile(channel, pinFid[kind]);
  await channel.sendOk({ cla: 0x00, ins: 0x2c, p1: 0x02, p2: 0x80, data: newPin }, `RESET RETRY COUNTER ${kind} PIN`, { isSensitive: true });
}

/** Largest UPDATE BINARY payload in a short APDU. */
const writeChunk = 255;
/** 15-bit offset in P1-P2. */
const maxWriteSize = 0x7fff;

/** UPDATE BINARY of a whole certificate from offset 0, in 255-byte chunks. */
export async function writeCertificateFile(channel: CardChannel, slot: CertificateSlot, der: Uint8Array): Promise<void> {
  if (der.length === 0 || der.length > maxWriteSize) throw cardError('CARD_INVALID_ARGUMENT', 'certificate size out of range');
  await selectFile(channel, certificateFid[slot]);
  for (let offset = 0; offset < der.length; offset += writeChunk) {
    const data = der.subarray(offset, Math.min(der.length, offset + writeChunk));
    await channel.sendOk({ cla: 0x00, ins: 0xd6, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, data }, `UPDATE BINARY ${slot} certificate`);
  }
}
