import { announcedTlvSize, readTlv, readTlvList } from '../../../src/card/ber';
import { isoDate, parseCommonRecord } from '../../../src/card/common-ap';

import { spkiFromPublicKeyTemplate } from '../../../src/card/issuer';
import { parseBasicInfo, parseIndividualNumber } from '../../../src/card/text-ap';
import { generateKeyPairSync } from 'node:crypto';

const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const utf8 = (t: string) => Buffer.from(t, 'utf8');

function tlv(tag: string, value: Uint8Array): Buffer {
  const n = value.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from(tag, 'hex'), Buffer.from(len), value]);
}

describe('BER-TLV reader', () => {
  it.each([
    ['one-byte tag, short length', '0403AABBCC', 0x04, 3, 5],
    ['two-byte tag FF20', 'FF2002AABB', 0xff20, 2, 5],
    ['DF21', 'DF2101AA', 0xdf21, 1, 4],
    ['7F49 with 81 length', `7F498180${'00'.repeat(0x80)}`, 0x7f49, 0x80, 4 + 0x80],
    ['82 length', `3082010A${'11'.repeat(0x10a)}`, 0x30, 0x10a, 4 + 0x10a],
  ])('%s', (_name, h, tag, length, end) => {
    const t = readTlv(bytes(h));
    expect(t.tag).toBe(tag);
    expect(t.value.length).toBe(length);
    expect(t.end).toBe(end);
  });

  it('announces the DER size from the first bytes only', () => {
    expect(announcedTlvSize(bytes('30820348'))).toBe(0x348 + 4);
    expect(announcedTlvSize(bytes('FF2065'))).toBe(0x65 + 3);
  });

  it.each([
    ['empty', ''],
    ['truncated tag', 'FF'],
    ['no length', '04'],
    ['indefinite length', '0480'],
    ['length 84', '048400000001'],
    ['value runs past the data', '0405AABB'],
    ['truncated long length', '3082'],
    ['tag too long', 'FFFFFFFF0100'],
  ])('refuses %s with CardDataError', (_name, h) => {
    expect(() => readTlv(bytes(h))).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });

  it('reads a list and stops at uniform filler', () => {
    expect(readTlvList(bytes('0101AA0201BBFFFFFF'), true).map((t) => t.tag)).toEqual([1, 2]);
    expect(() => readTlvList(bytes('0101AAFFFF'), false)).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });
});

describe('EF 0002 basic 4 information (FF20 / DF21..25)', () => {
  // The test card's layout of docs/jpki-card.md §6, rebuilt with our own text; offsets as on the card.
  const name = utf8('黒桐　幹也');
  const address = utf8('東京都千代田区霞が関１２－７－２０２号室');
  function basicInfoFile(fields: { name: Uint8Array; address: Uint8Array; birth: string; sex: string }, filler = ''): Uint8Array {
    const children = [tlv('DF22', fields.name), tlv('DF23', fields.address), tlv('DF24', utf8(fields.birth)), tlv('DF25', utf8(fields.sex))];
    const inner = Buffer.concat([tlv('DF21', new Uint8Array(8)), ...children]);
    return new Uint8Array(Buffer.concat([tlv('FF20', inner), Buffer.from(filler, 'hex')]));
  }

  it('parses the test-card layout byte for byte', () => {
    const file = basicInfoFile({ name, address: utf8('東京都千代田区霞が関１２－７－２０２'), birth: '19800217', sex: '1' });
    expect(Buffer.from(file.subarray(0, 3)).toString('hex')).toBe('ff2065');
    expect(parseBasicInfo(file)).toEqual({ name: '黒桐　幹也', address: '東京都千代田区霞が関１２－７－２０２', birthDate: '1980-02-17', sex: '1' });
  });

  it('handles 81/82 BER lengths for long addresses and trailing filler', () => {
    const longAddress = utf8('北海道'.repeat(60));
    const file = basicInfoFile({ name, address: longAddress, birth: '20000229', sex: '9' }, 'FFFFFF');
    expect(file[2]).toBe(0x82);
    const info = parseBasicInfo(file);
    expect(info.address).toBe('北海道'.repeat(60));
    expect(info.birthDate).toBe('2000-02-29');
  });

  it.each([
    ['wrong outer tag', () => new Uint8Array(Buffer.concat([tlv('FF21', tlv('DF22', name))]))],
    ['missing sex', () => new Uint8Array(tlv('FF20', Buffer.concat([tlv('DF22', name), tlv('DF23', address), tlv('DF24', utf8('19800217'))])))],
    ['bad sex code', () => basicInfoFile({ name, address, birth: '19800217', sex: '3' })],
    ['impossible date', () => basicInfoFile({ name, address, birth: '19800230', sex: '1' })],
    ['non-digit date', () => basicInfoFile({ name, address, birth: '1980-2-1', sex: '1' })],
    ['invalid UTF-8 name', () => basicInfoFile({ name: bytes('C3'), address, birth: '19800217', sex: '1' })],
    ['empty file', () => new Uint8Array(0)],
  ])('refuses %s', (_name, build) => {
    expect(() => parseBasicInfo(build())).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });
});

describe('EF 0001 individual number and the common record', () => {
  it('parses FF10 0C + 12 digits + filler', () => {
    expect(parseIndividualNumber(new Uint8Array(Buffer.concat([tlv('FF10', utf8('123456789018')), Buffer.from('FFFF', 'hex')])))).toBe('123456789018');
    expect(() => parseIndividualNumber(new Uint8Array(tlv('FF10', utf8('12345678901A'))))).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });

  it('parses 01 1C serial + municipality code + expiry', () => {
    const record = new Uint8Array(tlv('01', utf8('123456789012345' + '21213' + '20350217')));
    expect(parseCommonRecord(record)).toEqual({ serial: '123456789012345', municipalityCode: '21213', cardExpiry: '2035-02-17' });
  });

  it.each([
    ['short', '011C3132'],
    ['wrong tag', `021C${'31'.repeat(28)}`],
    ['letters', `011C${'41'.repeat(28)}`],
  ])('refuses a %s record', (_name, h) => {
    expect(() => parseCommonRecord(bytes(h))).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });

  it('isoDate refuses impossible dates', () => {
    expect(isoDate('20240229', 'd')).toBe('2024-02-29');
    expect(() => isoDate('20230229', 'd')).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
    expect(() => isoDate('20231301', 'd')).toThrow(expect.objectContaining({ code: 'CARD_INVALID_DATA' }));
  });
});

describe('GENERATE KEY template → SubjectPublicKeyInfo', () => {
  it('rebuilds the exact SPKI of an RSA-2048 key from 7F49 { 81 n, 82 e }', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    const jwk = publicKey.export({ format: 'jwk' });
    const n = Buffer.from(jwk.n ?? '', 'base64url');
    const e = Buffer.from(jwk.e ?? '', 'base64url');
    const template = tlv('7F49', Buffer.concat([tlv('81', n), tlv('82', e)]));
    const spki = spkiFromPublicKeyTemplate(new Uint8Array(template));
    expect(Buffer.from(spki).equals(publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
  });

  it.each([
    ['wrong outer tag', tlv('7F48', tlv('81', new Uint8Array(256).fill(0x80)))],
    ['no exponent', tlv('7F49', tlv('81', new Uint8Array(256).fill(0x80)))],
    ['short modulus', tlv('7F49', Buffer.concat([tlv('81', new Uint8Array(128).fill(0x80)), tlv('82', bytes('010001'))]))],
    ['even exponent', tlv('7F49', Buffer.concat([tlv('81', new Uint8Array(256).fill(0x80)), tlv('82', bytes('010000'))]))],
  ])('refuses %s with a typed card error', (_name, template) => {
    expect(() => spkiFromPublicKeyTemplate(new Uint8Array(template))).toThrow(expect.objectContaining({ code: expect.stringMatching(/^CARD_/) }));
  });
});
