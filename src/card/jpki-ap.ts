/**
 * The JPKI application (公的個人認証AP): its files, PIN EFs and the sign command, as public
 * clients use them (docs/jpki-card.md §3–§5).
 */
import { cardError } from './errors';
import type { CardChannel } from './channel';
import { queryPin, readBinaryChunk, readTlvFile, selectApplication, selectFile, verifyPin, type PinQuery } from './iso-commands';
import type { CertificateKind } from '../domain/vocabulary';

export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

export const jpkiFiles = {
  signCert: 0x0001,
  signCaCert: 0x0002,
  tokenInfo: 0x0006,
  certificateFlags: 0x0008,
  authCert: 0x000a,
  authCaCert: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPin: 0x001b,
} as const;

/** Where each certificate lives: the holder's two and their CAs. */
export const certificateSlots = ['auth', 'sign', 'authCa', 'signCa'] as const;
export type CertificateSlot = (typeof certificateSlots)[number];

export const certificateFid: Record<CertificateSlot, number> = {
  auth: jpkiFiles.authCert,
  sign: jpkiFiles.signCert,
  authCa: jpkiFiles.authCaCert,
  signCa: jpkiFiles.signCaCert,
};

export const pinFid: Record<CertificateKind, number> = { sign: jpkiFiles.signPin, auth: jpkiFiles.authPin };
export const keyFid: Record<CertificateKind, number> = { sign: jpkiFiles.signKey, auth: jpkiFiles.authKey };
/** Retry limits (R-LOCK-1). */
export const maxPinTries: Record<CertificateKind, number> = { sign: 5, auth: 3 };

export async function selectJpki(channel: CardChannel): Promise<void> {
  await selectApplication(channel, JPKI_AID, 'JPKI AP');
}

/** Reads a certificate EF; an empty EF (no certificate written) gives an empty array. */
export async function readCertificateFile(channel: CardChannel, slot: CertificateSlot): Promise<Uint8Array> {
  await selectFile(channel, certificateFid[slot]);
  return readTlvFile(channel, `READ BINARY ${slot} certificate`);
}

/** The token label: first 32 bytes of EF 0006, trailing spaces and NULs trimmed. */
export async function readTokenLabel(channel: CardChannel): Promise<string> {
  await selectFile(channel, jpkiFiles.tokenInfo);
  const data = await readBinaryChunk(channel, 0, 32, 'READ BINARY token info');
  if (data === undefined) throw cardError('CARD_MALFORMED_RESPONSE', 'token info EF is empty');
  return Buffer.from(data).toString('latin1').replace(/[ \0]+$/, '');
}

/**
 * EF 0008: byte 0 (sign) and byte 1 (auth) are 8F when that certificate is present. Free to
 * read, so it tells whether the PIN-protected signing certificate exists. Undefined when the
 * card has no such EF.
 */
export async function readCertificateFlags(channel: CardChannel): Promise<{ sign: boolean; auth: boolean } | undefined> {
  const response = await channel.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x00, jpkiFiles.certificateFlags) });
  if (response.sw !== 0x9000) return undefined;
  const data = await readBinaryChunk(channel, 0, 3, 'READ BINARY certificate flags');
  if (data === undefined || data.length < 2) return undefined;
  return { sign: data[0] === 0x8f, auth: data[1] === 0x8f };
}

export async function queryJpkiPin(channel: CardChannel, kind: CertificateKind): Promise<PinQuery> {
  await selectFile(channel, pinFid[kind]);
  return queryPin(channel, `VERIFY (status) ${kind} PIN`);
}

export async function verifyJpkiPin(channel: CardChannel, kind: CertificateKind, pin: Uint8Array): Promise<void> {
  await selectFile(channel, pinFid[kind]);
  await verifyPin(channel, pin, `VERIFY ${kind} PIN`);
}

/** VERIFY old, then CHANGE REFERENCE DATA 00 24 01 80 with the new value (docs/jpki-card.md §4). */
export async function changeJpkiPin(channel: CardChannel, kind: CertificateKind, oldPin: Uint8Array, newPin: Uint8Array): Promise<void> {
  await verifyJpkiPin(channel, kind, oldPin);
  await channel.sendOk({ cla: 0x00, ins: 0x24, p1: 0x01, p2: 0x80, data: newPin }, `CHANGE REFERENCE DATA ${kind} PIN`, { isSensitive: true });
}

/** RSA-2048 PKCS#1 v1.5 signature over a DigestInfo (80 2A 00 80, docs/jpki-card.md §5). */
export async function signDigestInfo(channel: CardChannel, kind: CertificateKind, digestInfo: Uint8Array): Promise<Uint8Array> {
  if (digestInfo.length < 1 || digestInfo.length > 245) throw cardError('CARD_INVALID_ARGUMENT', 'DigestInfo must be 1–245 bytes');
  await selectFile(channel, keyFid[kind]);
  const signature = await channel.sendOk({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 }, `SIGN ${kind}`);
  if (signature.length === 0 || signature.length > 256) throw cardError('CARD_MALFORMED_RESPONSE', `SIGN ${kind}: ${signature.length}-byte signature`);
  if (signature.length === 256) return signature;
  // A card may drop leading zero bytes of the RSA result; restore the modulus length.
  const padded = new Uint8Array(256);
  padded.set(signature, 256 - signature.length);
  return padded;
}

const sha256DigestInfoPrefix = Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20);

/** DigestInfo for a SHA-256 hash, the form pkcs11-tool's SHA256-RSA-PKCS sends. */
export function sha256DigestInfo(hash: Uint8Array): Uint8Array {
  if (hash.length !== 32) throw cardError('CARD_INVALID_ARGUMENT', 'a SHA-256 hash is 32 bytes');
  const out = new Uint8Array(sha256DigestInfoPrefix.length + 32);
  out.set(sha256DigestInfoPrefix, 0);
  out.set(hash, sha256DigestInfoPrefix.length);
  return out;
}
