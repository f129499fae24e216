import { decodeResponse, encodeCommand, expectOk, hex } from '../../../src/card/apdu';
import { CardError, MalformedResponseError, InvalidCardArgumentError } from '../../../src/card/errors';
import {
  AuthenticationFailedError,
  ClaNotSupported,
  ConditionsNotSatisfied,
  errorForStatus,
  FileNotFoundError,
  InsNotSupported,
  PinBlockedError,
  SecurityStatusError,
  UnexpectedStatusError,
  WrongDataError,
  WrongLengthError,
  WrongParametersError,
  WrongPinError,
} from '../../../src/card/status-words';

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
    expect(() => encodeCommand(command)).toThrow(InvalidCardArgumentError);
  });
});

describe('decodeResponse', () => {
  it('splits data and SW', () => {
    expect(decodeResponse(bytes('0102039000'))).toEqual({ data: bytes('010203'), sw: 0x9000 });
    expect(decodeResponse(bytes('63C3'))).toEqual({ data: new Uint8Array(0), sw: 0x63c3 });
  });

  it.each([[''], ['90']])('refuses a %s-byte answer with a typed error', (h) => {
    expect(() => decodeResponse(bytes(h))).toThrow(MalformedResponseError);
    try {
      decodeResponse(bytes(h));
    } catch (error) {
      expect(error).toBeInstanceOf(CardError);
      expect((error as CardError).code).toBe('CARD_MALFORMED_RESPONSE');
    }
  });

  it('expectOk returns data on 9000 and throws the SW error otherwise', () => {
    expect(expectOk({ data: bytes('AA'), sw: 0x9000 }, 'x')).toEqual(bytes('AA'));
    expect(() => expectOk({ data: new Uint8Array(0), sw: 0x6a82 }, 'SELECT')).toThrow(FileNotFoundError);
  });
});

describe('errorForStatus: every SW we meet has its typed error and stable code', () => {
  it.each([
    ['63C2', WrongPinError, 'CARD_WRONG_PIN'],
    ['63C0', WrongPinError, 'CARD_WRONG_PIN'],
    ['6984', PinBlockedError, 'CARD_PIN_BLOCKED'],
    ['6983', PinBlockedError, 'CARD_PIN_BLOCKED'],
    ['6982', SecurityStatusError, 'CARD_SECURITY_STATUS'],
    ['6A82', FileNotFoundError, 'CARD_FILE_NOT_FOUND'],
    ['6700', WrongLengthError, 'CARD_WRONG_LENGTH'],
    ['6C10', WrongLengthError, 'CARD_WRONG_LENGTH'],
    ['6A86', WrongParametersError, 'CARD_WRONG_PARAMETERS'],
    ['6B00', WrongParametersError, 'CARD_WRONG_PARAMETERS'],
    ['6A80', WrongDataError, 'CARD_WRONG_DATA'],
    ['6D00', InsNotSupported, 'CARD_INS_NOT_SUPPORTED'],
    ['6E00', ClaNotSupported, 'CARD_CLA_NOT_SUPPORTED'],
    ['6985', ConditionsNotSatisfied, 'CARD_CONDITIONS_NOT_SATISFIED'],
    ['6300', AuthenticationFailedError, 'CARD_AUTHENTICATION_FAILED'],
    ['6F00', UnexpectedStatusError, 'CARD_UNEXPECTED_STATUS'],
    ['6986', UnexpectedStatusError, 'CARD_UNEXPECTED_STATUS'],
  ])('SW %s', (swHex, type, code) => {
    const sw = Number.parseInt(swHex, 16);
    const error = errorForStatus(sw, 'TEST');
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.sw).toBe(sw);
    expect(error.message).toContain(sw.toString(16).toUpperCase());
  });

  it('63Cx carries the tries left', () => {
    const error = errorForStatus(0x63c4, 'VERIFY');
    expect(error).toBeInstanceOf(WrongPinError);
    expect(error instanceof WrongPinError && error.triesLeft).toBe(4);
  });
});
