import { decodeResponse, encodeCommand, expectOk, hex } from '../../../src/card/apdu';
import { isCardError } from '../../../src/card/errors';
import { errorForStatus } from '../../../src/card/status-words';

const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

describe('encodeCommand (ISO 7816-3 short cases)', () => {
  it.each([
    ['case 1: empty VERIFY', { cla: 0, ins: 0x20, p1: 0, p2: 0x80 }, '00200080'],
    ['case 2: READ BINARY Le 4', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 }, '00B0000004'],
    ['case 2: Le 256 is 00', { cla: 0, ins: 0xb0, p1: 1, p2: 0, le: 256 }, '00B0010000'],
    ['case 3: SELECT EF', { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: bytes('001B') }, '00A4020C02001B'],
    ['case 4: sign', { cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: bytes('AABB'), le: 256 }, '802A008002AABB00'],
    ['case 4: GET CHALLENGE style Le 8', { cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 }, '0084000008'],
  ])('%s', (_name, command, expected) => {
    expect(hex(encodeCommand(command))).toBe(expected);
  });

  it('encodes 255 data bytes with Lc FF', () => {
    const out = encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(255).fill(7) });
    expect(out.length).toBe(260);
    expect(out[4]).toBe(0xff);
  });

  it.each([
    ['empty data', { cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: new Uint8Array(0) }],
    ['256 data bytes', { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) }],
    ['Le 0', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 }],
    ['Le 257', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 }],
    ['P1 256', { cla: 0, ins: 0xb0, p1: 256, p2: 0 }],
    ['negative INS', { cla: 0, ins: -1, p1: 0, p2: 0 }],
  ])('refuses %s', (_name, command) => {
    expect(() => encodeCommand(command)).toThrow(expect.objectContaining({ code: 'CARD_INVALID_ARGUMENT' }));
  });
});

describe('decodeResponse', () => {
  it('splits data and SW', () => {
    expect(decodeResponse(bytes('0102039000'))).toEqual({ data: bytes('010203'), sw: 0x9000 });
    expect(decodeResponse(bytes('63C3'))).toEqual({ data: new Uint8Array(0), sw: 0x63c3 });
  });

  it.each([[''], ['90']])('refuses a %s-byte answer with a typed error', (h) => {
    expect(() => decodeResponse(bytes(h))).toThrow(expect.objectContaining({ code: 'CARD_MALFORMED_RESPONSE' }));
    try {
      decodeResponse(bytes(h));
    } catch (error) {
      expect(isCardError(error, 'CARD_MALFORMED_RESPONSE')).toBe(true);
    }
  });

  it('expectOk returns data on 9000 and throws the SW error otherwise', () => {
    expect(expectOk({ data: bytes('AA'), sw: 0x9000 }, 'x')).toEqual(bytes('AA'));
    expect(() => expectOk({ data: new Uint8Array(0), sw: 0x6a82 }, 'SELECT')).toThrow(expect.objectContaining({ code: 'CARD_FILE_NOT_FOUND' }));
  });
});

describe('errorForStatus: every SW we meet has its typed error and stable code', () => {
  it.each([
    ['63C2', 'CARD_WRONG_PIN'],
    ['63C0', 'CARD_WRONG_PIN'],
    ['6984', 'CARD_PIN_BLOCKED'],
    ['6983', 'CARD_PIN_BLOCKED'],
    ['6982', 'CARD_SECURITY_STATUS'],
    ['6A82', 'CARD_FILE_NOT_FOUND'],
    ['6700', 'CARD_WRONG_LENGTH'],
    ['6C10', 'CARD_WRONG_LENGTH'],
    ['6A86', 'CARD_WRONG_PARAMETERS'],
    ['6B00', 'CARD_WRONG_PARAMETERS'],
    ['6A80', 'CARD_WRONG_DATA'],
    ['6D00', 'CARD_INS_NOT_SUPPORTED'],
    ['6E00', 'CARD_CLA_NOT_SUPPORTED'],
    ['6985', 'CARD_CONDITIONS_NOT_SATISFIED'],
    ['6300', 'CARD_AUTHENTICATION_FAILED'],
    ['6F00', 'CARD_UNEXPECTED_STATUS'],
    ['6986', 'CARD_UNEXPECTED_STATUS'],
  ])('SW %s → %s', (swHex, code) => {
    const sw = Number.parseInt(swHex, 16);
    const error = errorForStatus(sw, 'TEST');
    expect(error.name).toBe('CodedError');
    expect(error.code).toBe(code);
    expect(error.facts.sw).toBe(sw);
    expect(error.message).toContain(sw.toString(16).toUpperCase());
  });

  it('63Cx carries the tries left', () => {
    const error = errorForStatus(0x63c4, 'VERIFY');
    expect(error).toEqual(expect.objectContaining({ code: 'CARD_WRONG_PIN' }));
    expect(isCardError(error, 'CARD_WRONG_PIN') && error.details.triesLeft).toBe(4);
  });
});
