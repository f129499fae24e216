/**
 * A strict BER-TLV reader for card files (EF 0002's FF20/DF2x, 7F49, DER headers). Every
 * malformed or truncated input throws CARD_INVALID_DATA; nothing reads past the buffer.
 */
import { cardError } from './errors';

export interface Tlv {
  /** Tag bytes as one number, e.g. 0xFF20, 0xDF21, 0x7F49, 0x30. */
  readonly tag: number;
  readonly isConstructed: boolean;
  readonly headerLength: number;
  readonly value: Uint8Array;
  /** Offset just past this TLV in the buffer it was read from. */
  readonly end: number;
}

export interface TlvHeader {
  readonly tag: number;
  readonly isConstructed: boolean;
  readonly headerLength: number;
  readonly length: number;
}

/** Tag and length at `offset`, without requiring the value to be present. */
export function readTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let at = offset;
  const first = bytes[at++];
  if (first === undefined) throw cardError('CARD_INVALID_DATA', 'TLV: no tag');
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Multi-byte tag: continuation bit 8 set on all but the last; we accept at most 3 bytes.
    for (let i = 0; ; i++) {
      const next = bytes[at++];
      if (next === undefined) throw cardError('CARD_INVALID_DATA', 'TLV: truncated tag');
      if (i >= 2) throw cardError('CARD_INVALID_DATA', 'TLV: tag too long');
      tag = (tag << 8) | next;
      if ((next & 0x80) === 0) break;
    }
  }
  const lengthByte = bytes[at++];
  if (lengthByte === undefined) throw cardError('CARD_INVALID_DATA', 'TLV: no length');
  let length = lengthByte;
  if (lengthByte === 0x80 || lengthByte > 0x83) throw cardError('CARD_INVALID_DATA', 'TLV: unsupported length form');
  if (lengthByte > 0x80) {
    length = 0;
    for (let i = 0; i < (lengthByte & 0x7f); i++) {
      const next = bytes[at++];
      if (next === undefined) throw cardError('CARD_INVALID_DATA', 'TLV: truncated length');
      length = length * 256 + next;
    }
  }
  return { tag, isConstructed: (first & 0x20) !== 0, headerLength: at - offset, length };
}

export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  const header = readTlvHeader(bytes, offset);
  const start = offset + header.headerLength;
  const end = start + header.length;
  if (end > bytes.length) throw cardError('CARD_INVALID_DATA', `TLV ${header.tag.toString(16)}: value runs past the data`);
  return { tag: header.tag, isConstructed: header.isConstructed, headerLength: header.headerLength, value: bytes.subarray(start, end), end };
}

/** The TLVs that fill `bytes` back to back (stopping at `00`/`FF` filler when `allowFiller`). */
export function readTlvList(bytes: Uint8Array, allowFiller = false): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  // Each TLV takes at least 2 bytes, so this loop ends within bytes.length / 2 rounds.
  while (at < bytes.length) {
    if (allowFiller && (bytes[at] === 0x00 || bytes[at] === 0xff) && bytes.subarray(at).every((b) => b === bytes[at])) break;
    const tlv = readTlv(bytes, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** Total size (header + value) a TLV announces, from its first bytes only. */
export function announcedTlvSize(bytes: Uint8Array): number {
  const header = readTlvHeader(bytes, 0);
  return header.headerLength + header.length;
}
