import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isCodedError } from '../../../src/errors/coded-error';
import { cardFileErrorCodes, loadCardFile, parseCardState, saveCardFile } from '../../../src/virtual-card/card-file';
import { FrameDecoder, encodeFrame } from '../../../src/virtual-card/vpcd-framing';
import { issuerKeyPair, stateWithPins } from '../../support/virtual-card';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cardfile-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('card file', () => {
  test('round trip leaves exactly one file', () => {
    const state = stateWithPins(issuerKeyPair().publicPem);
    state.pins.sign.triesLeft = 1;
    const file = path.join(dir, 'cards', 'a.json');
    saveCardFile(file, state);
    saveCardFile(file, state);
    expect(loadCardFile(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['a.json']);
  });

  test.each([
    ['not JSON', '{', 'VCARD_FILE_NOT_JSON'],
    ['wrong shape', '{"format":"madoguchi-virtual-card/1"}', 'VCARD_FILE_INVALID'],
    ['counter above max', null, 'VCARD_FILE_INVALID'],
  ])('%s gives a card file error', (_label, text, code) => {
    const file = path.join(dir, 'bad.json');
    if (text === null) {
      const state = stateWithPins(issuerKeyPair().publicPem);
      fs.writeFileSync(file, JSON.stringify({ ...state, pins: { ...state.pins, auth: { value: '1234', triesLeft: 4 } } }));
    } else {
      fs.writeFileSync(file, text);
    }
    expect(() => loadCardFile(file)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^VCARD_FILE_/) }));
    try {
      loadCardFile(file);
    } catch (error) {
      expect(isCodedError(error, cardFileErrorCodes) && error.code).toBe(code);
    }
  });

  test('a missing file is unreadable, and the message names no PIN', () => {
    expect(() => loadCardFile(path.join(dir, 'none.json'))).toThrow(/cannot read/);
    const state = stateWithPins(issuerKeyPair().publicPem, { sign: 'SECRET77', auth: '4321' });
    const text = JSON.stringify({ ...state, serial: 'x' });
    expect(() => parseCardState(text)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^VCARD_FILE_/) }));
    try {
      parseCardState(text);
    } catch (error) {
      expect(String(error)).not.toContain('SECRET77');
    }
  });
});

describe('vpcd framing', () => {
  test('reassembles messages split and merged arbitrarily', () => {
    const messages = [Uint8Array.of(4), new Uint8Array(300).fill(7), Uint8Array.of(0x00, 0xa4, 0x04, 0x0c)];
    const stream = Buffer.concat(messages.map((m) => encodeFrame(m)));
    for (const step of [1, 2, 3, 5, 301, stream.length]) {
      const decoder = new FrameDecoder();
      const got: Buffer[] = [];
      for (let i = 0; i < stream.length; i += step) got.push(...decoder.push(stream.subarray(i, i + step)));
      expect(got.map((b) => b.toString('hex'))).toEqual(messages.map((m) => Buffer.from(m).toString('hex')));
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  test('refuses a payload longer than 0xFFFF', () => {
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });
});
