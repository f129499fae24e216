/**
 * The common card AP (共通カードAP): its record holds the card serial, the municipality code
 * and the card expiry (docs/jpki-card.md §6).
 */
import type { CardChannel } from './channel';
import { cardError } from './errors';
import { readRecordBySfi, selectApplication } from './iso-commands';

export const COMMON_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00);

export interface CommonRecord {
  /** 15 digits. */
  readonly serial: string;
  /** 5 digits (全国地方公共団体コード without check digit). */
  readonly municipalityCode: string;
  /** ISO date YYYY-MM-DD: the last day the card is valid. */
  readonly cardExpiry: string;
}

/** Parses `01 1C <15-digit serial><5-digit municipality code><YYYYMMDD>`; filler may follow. */
export function parseCommonRecord(record: Uint8Array): CommonRecord {
  if (record.length < 30 || record[0] !== 0x01 || record[1] !== 0x1c) throw cardError('CARD_INVALID_DATA', 'common record: expected 01 1C');
  const text = Buffer.from(record.subarray(2, 30)).toString('latin1');
  if (!/^[0-9]{28}$/.test(text)) throw cardError('CARD_INVALID_DATA', 'common record: expected 28 digits');
  return { serial: text.slice(0, 15), municipalityCode: text.slice(15, 20), cardExpiry: isoDate(text.slice(20, 28), 'common record expiry') };
}

/** YYYYMMDD → YYYY-MM-DD, refusing impossible dates. */
export function isoDate(yyyymmdd: string, what: string): string {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(yyyymmdd);
  if (match === null) throw cardError('CARD_INVALID_DATA', `${what}: expected YYYYMMDD`);
  const [, y, m, d] = match;
  const iso = `${y}-${m}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) throw cardError('CARD_INVALID_DATA', `${what}: no such date`);
  return iso;
}

export async function selectCommon(channel: CardChannel): Promise<void> {
  await selectApplication(channel, COMMON_AID, 'common AP');
}

/** READ RECORD 1 of EF 0001 by its short identifier; the common AP must be selected. */
export async function readCommonRecord(channel: CardChannel): Promise<CommonRecord> {
  return parseCommonRecord(await readRecordBySfi(channel, 1, 1, 'READ RECORD common'));
}
