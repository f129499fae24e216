/**
 * The card-info input support AP (券面事項入力補助AP): the basic 4 information and the
 * individual number, behind the 4-digit card-info PIN (docs/jpki-card.md §6).
 */
import { readTlv, readTlvList } from './ber';
import type { CardChannel } from './channel';
import { isoDate } from './common-ap';
import { cardError } from './errors';
import { queryPin, readTlvFile, selectApplication, selectFile, verifyPin, type PinQuery } from './iso-commands';
import { sexCodes, type BasicInfo, type SexCode } from '../domain/vocabulary';

export const TEXT_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
export const textFiles = { individualNumber: 0x0001, basicInfo: 0x0002, pin: 0x0011 } as const;
export const maxCardInfoPinTries = 3;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw cardError('CARD_INVALID_DATA', `${what}: not UTF-8`);
  }
}

function isSexCode(value: string): value is SexCode {
  return (sexCodes as readonly string[]).includes(value);
}

/** Parses EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }. */
export function parseBasicInfo(file: Uint8Array): BasicInfo {
  const outer = readTlv(file, 0);
  if (outer.tag !== 0xff20) throw cardError('CARD_INVALID_DATA', 'basic info: expected FF20');
  const fields = new Map<number, Uint8Array>();
  for (const child of readTlvList(outer.value)) {
    if (fields.has(child.tag)) throw cardError('CARD_INVALID_DATA', `basic info: duplicate tag ${child.tag.toString(16)}`);
    fields.set(child.tag, child.value);
  }
  const field = (tag: number, what: string): Uint8Array => {
    const value = fields.get(tag);
    if (value === undefined || value.length === 0) throw cardError('CARD_INVALID_DATA', `basic info: no ${what}`);
    return value;
  };
  const name = decodeUtf8(field(0xdf22, 'name'), 'name');
  const address = decodeUtf8(field(0xdf23, 'address'), 'address');
  const birthDate = isoDate(Buffer.from(field(0xdf24, 'birth date')).toString('latin1'), 'birth date');
  const sex = Buffer.from(field(0xdf25, 'sex')).toString('latin1');
  if (!isSexCode(sex)) throw cardError('CARD_INVALID_DATA', 'basic info: sex is not a JIS X 0303 code');
  return { name, address, birthDate, sex };
}

/** Parses EF 0001: FF10 0C + 12 ASCII digits; filler may follow. */
export function parseIndividualNumber(file: Uint8Array): string {
  const tlv = readTlv(file, 0);
  const text = Buffer.from(tlv.value).toString('latin1');
  if (tlv.tag !== 0xff10 || !/^[0-9]{12}$/.test(text)) throw cardError('CARD_INVALID_DATA', 'individual number: expected FF10 with 12 digits');
  return text;
}

export async function selectText(channel: CardChannel): Promise<void> {
  await selectApplication(channel, TEXT_AID, 'card-info AP');
}

export async function queryCardInfoPin(channel: CardChannel): Promise<PinQuery> {
  await selectFile(channel, textFiles.pin);
  return queryPin(channel, 'VERIFY (status) card-info PIN');
}

export async function verifyCardInfoPin(channel: CardChannel, pin: Uint8Array): Promise<void> {
  await selectFile(channel, textFiles.pin);
  await verifyPin(channel, pin, 'VERIFY card-info PIN');
}

export async function readBasicInfoFile(channel: CardChannel): Promise<BasicInfo> {
  await selectFile(channel, textFiles.basicInfo);
  return parseBasicInfo(await readTlvFile(channel, 'READ BINARY basic info'));
}

export async function readIndividualNumberFile(channel: CardChannel): Promise<string> {
  await selectFile(channel, textFiles.individualNumber);
  return parseIndividualNumber(await readTlvFile(channel, 'READ BINARY individual number'));
}
