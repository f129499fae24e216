/**
 * Byte layouts of the card's derived files (docs/jpki-card.md §3 and §6), built from the state.
 */
import type { CardState } from './card-state';

const ATR_MY_NUMBER = '3BDA13FF8131FB468012392F31C173C601C03B';
/** OpenSC's only jpki ATR, listed as "JUKICARD" (docs/jpki-card.md §1). */
const ATR_JUKI = '3BE000FF8131FE4514';

export function atrFor(cardType: CardState['cardType']): Uint8Array {
  return new Uint8Array(Buffer.from(cardType === 'jukiCard' ? ATR_JUKI : ATR_MY_NUMBER, 'hex'));
}

export function tokenLabel(cardType: CardState['cardType']): string {
  return cardType === 'jukiCard' ? 'JPKIAPICCTOKEN' : 'JPKIAPICCTOKEN2';
}

function padded(text: string, size: number): Buffer {
  return Buffer.from(text.padEnd(size, ' ').slice(0, size), 'latin1');
}

function ulongs(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}

/** EF 0006: a 160-byte CK_TOKEN_INFO with big-endian 32-bit ULONGs. */
export function tokenInfo(state: CardState): Uint8Array {
  const out = Buffer.concat([
    padded(tokenLabel(state.cardType), 32),
    padded('JPKI', 32),
    padded(state.training ? 'TRAINING' : 'VIRTUAL', 16),
    padded(state.serial, 16),
    ulongs(0x0000040d, 1, 0, 1, 0, 16, 6, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff),
    Buffer.from('0301', 'latin1'),
    padded('', 16),
  ]);
  return new Uint8Array(out);
}

/** EF 0008: byte 0 sign, byte 1 auth, 8F when the certificate is present. */
export function certificateFlags(state: CardState): Uint8Array {
  return Uint8Array.of(state.files.signCert.complete ? 0x8f : 0x00, state.files.authCert.complete ? 0x8f : 0x00, 0x00);
}

function berLength(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  if (n < 0x100) return Buffer.of(0x81, n);
  return Buffer.of(0x82, (n >> 8) & 0xff, n & 0xff);
}

function tlv(tag: number[], value: Buffer): Buffer {
  return Buffer.concat([Buffer.from(tag), berLength(value.length), value]);
}

/** Text AP EF 0001: FF 10 0C + 12 ASCII digits + FF FF filler, 17 bytes. */
export function individualNumberFile(state: CardState): Uint8Array {
  return new Uint8Array(Buffer.concat([tlv([0xff, 0x10], Buffer.from(state.individualNumber, 'latin1')), Buffer.of(0xff, 0xff)]));
}

/** Text AP EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }. */
export function basicInfoFile(state: CardState): Uint8Array {
  const fields = [
    tlv([0xdf, 0x22], Buffer.from(state.basicInfo.name, 'utf8')),
    tlv([0xdf, 0x23], Buffer.from(state.basicInfo.address, 'utf8')),
    tlv([0xdf, 0x24], Buffer.from(state.basicInfo.birthDate.replaceAll('-', ''), 'latin1')),
    tlv([0xdf, 0x25], Buffer.from(state.basicInfo.sex, 'latin1')),
  ];
  const offsetTableSize = 3 + 8;
  const innerLength = offsetTableSize + fields.reduce((sum, f) => sum + f.length, 0);
  const outerHeaderSize = 2 + berLength(innerLength).length;
  const offsets = Buffer.alloc(8);
  let at = outerHeaderSize + offsetTableSize;
  fields.forEach((field, i) => {
    offsets.writeUInt16BE(at, i * 2);
    at += field.length;
  });
  return new Uint8Array(tlv([0xff, 0x20], Buffer.concat([tlv([0xdf, 0x21], offsets), ...fields])));
}

/** Common AP EF 0001 record 1: 01 1C <serial 15><municipality 5><expiry 8>. */
export function commonRecord(state: CardState): Uint8Array {
  return new Uint8Array(tlv([0x01], Buffer.from(`${state.serial}${state.municipalityCode}${state.cardExpiry}`, 'latin1')));
}
