/**
 * The ISO 7816-4 commands every application on the card shares, as the JPKI card expects them
 * (docs/jpki-card.md §2–§4): SELECT by DF name / FID without FCI, READ BINARY, READ RECORD, VERIFY.
 */
import { announcedTlvSize } from './ber';
import type { CardChannel } from './channel';
import { cardError } from './errors';
import { errorForStatus, SW_OK } from './status-words';

/** Largest EF we read; certificates are ~1–2 KiB, and READ BINARY offsets stop at 32767 anyway. */
export const maxFileSize = 8192;
const chunkSize = 256;

export function fidBytes(fid: number): Uint8Array {
  return Uint8Array.of((fid >> 8) & 0xff, fid & 0xff);
}

export async function selectApplication(channel: CardChannel, aid: Uint8Array, name: string): Promise<void> {
  await channel.sendOk({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid }, `SELECT ${name}`);
}

export async function selectFile(channel: CardChannel, fid: number): Promise<void> {
  await channel.sendOk({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fidBytes(fid) }, `SELECT EF ${fid.toString(16).padStart(4, '0')}`);
}

/** One READ BINARY; `undefined` when the offset is at or past the end (6B00 / 6282). */
export async function readBinaryChunk(channel: CardChannel, offset: number, le: number, name: string): Promise<Uint8Array | undefined> {
  const response = await channel.send({ cla: 0x00, ins: 0xb0, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, le });
  if (response.sw === 0x6b00 || (response.sw === 0x6282 && response.data.length === 0)) return undefined;
  if (response.sw !== SW_OK && response.sw !== 0x6282) throw errorForStatus(response.sw, name);
  if (response.data.length > le) throw cardError('CARD_MALFORMED_RESPONSE', `${name}: ${response.data.length} bytes for Le ${le}`);
  return response.data;
}

/**
 * Reads the current EF holding one TLV object (a DER certificate, an FF20 template) with as
 * few APDUs as possible: the first 256 bytes, then exactly what the TLV header announces, in
 * 256-byte chunks. An empty EF (6B00 at offset 0) yields an empty array; filler after the
 * object is never requested.
 */
export async function readTlvFile(channel: CardChannel, name: string): Promise<Uint8Array> {
  const first = await readBinaryChunk(channel, 0, chunkSize, name);
  if (first === undefined || first.length === 0) return new Uint8Array(0);
  const total = announcedTlvSize(first);
  if (total > maxFileSize) throw cardError('CARD_INVALID_DATA', `${name}: announces ${total} bytes`);
  if (total <= first.length) return first.slice(0, total);
  if (first.length < chunkSize) throw cardError('CARD_INVALID_DATA', `${name}: file ends at ${first.length} of ${total} bytes`);
  const out = new Uint8Array(total);
  out.set(first, 0);
  let have = first.length;
  // Bounded: each round adds ≥ 1 byte or throws, and total ≤ maxFileSize.
  while (have < total) {
    const chunk = await readBinaryChunk(channel, have, Math.min(chunkSize, total - have), name);
    if (chunk === undefined || chunk.length === 0) throw cardError('CARD_INVALID_DATA', `${name}: file ends at ${have} of ${total} bytes`);
    out.set(chunk.subarray(0, total - have), have);
    have += chunk.length;
  }
  return out;
}

/** READ RECORD of record 1 by short EF identifier (P2 = SFI<<3 | 4), Le 256. */
export async function readRecordBySfi(channel: CardChannel, sfi: number, record: number, name: string): Promise<Uint8Array> {
  return channel.sendOk({ cla: 0x00, ins: 0xb2, p1: record, p2: ((sfi & 0x1f) << 3) | 0x04, le: 256 }, name);
}

export type PinQuery = { readonly state: 'tries'; readonly triesLeft: number } | { readonly state: 'verified' } | { readonly state: 'blocked' };

/** VERIFY without data on the current PIN EF: spends no try (docs/jpki-card.md §4). */
export async function queryPin(channel: CardChannel, name: string): Promise<PinQuery> {
  const response = await channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 });
  if ((response.sw & 0xfff0) === 0x63c0) return { state: 'tries', triesLeft: response.sw & 0x0f };
  // Some cards answer 9000 to an empty VERIFY once the PIN is verified.
  if (response.sw === SW_OK) return { state: 'verified' };
  if (response.sw === 0x6983 || response.sw === 0x6984) return { state: 'blocked' };
  throw errorForStatus(response.sw, name);
}

/** VERIFY with data on the current PIN EF; 63Cx → CARD_WRONG_PIN, 6983/6984 → CARD_PIN_BLOCKED. */
export async function verifyPin(channel: CardChannel, pin: Uint8Array, name: string): Promise<void> {
  await channel.sendOk({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: pin }, name, { isSensitive: true });
}
