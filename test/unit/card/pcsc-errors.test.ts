import { cardError, isCardError } from '../../../src/card/errors';
import { cardErrorFromPcsc, pcscCodeOf } from '../../../src/card/pcsc-errors';

describe('PC/SC errors → card errors', () => {
  it.each([
    ['SCardTransmit error: Card was removed.(0x80100069)', 'CARD_REMOVED'],
    ['SCardTransmit error: No smart card inserted.(0x8010000c)', 'CARD_REMOVED'],
    ['SCardConnect error: Sharing violation.(0x8010000b)', 'CARD_IN_USE'],
    ['SCardEstablishContext error: Service not available.(0x8010001d)', 'CARD_NO_READER'],
    ['SCardConnect error: Reader is unavailable.(0x80100017)', 'CARD_NO_READER'],
    ['SCardConnect error: Card is unresponsive.(0x80100066)', 'CARD_NO_CARD'],
    ['SCardTransmit error: Transaction failed.(0x80100016)', 'CARD_TRANSPORT'],
    ['something without a code', 'CARD_TRANSPORT'],
  ])('%s → %s', (message, code) => {
    const error = cardErrorFromPcsc(new Error(message), 'test');
    expect(isCardError(error)).toBe(true);
    expect(error.code).toBe(code);
  });

  it('reads the code from the message and passes card errors through', () => {
    expect(pcscCodeOf(new Error('x (0x80100069)'))).toBe(0x80100069);
    expect(pcscCodeOf('no code')).toBeUndefined();
    const original = cardError('CARD_TIMEOUT', 't');
    expect(cardErrorFromPcsc(original, 'x')).toBe(original);
  });
});
