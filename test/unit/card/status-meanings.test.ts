import { errorForStatus } from '../../../src/card/status-words';

/** Each SW a meaning names, with the words the error carries: one row per SW, so none is lost. */
describe('errorForStatus: the words of each status word', () => {
  it.each([
    [0x6300, 'CARD_AUTHENTICATION_FAILED', 'authentication failed'],
    [0x6983, 'CARD_PIN_BLOCKED', 'PIN blocked or not set'],
    [0x6984, 'CARD_PIN_BLOCKED', 'PIN blocked or not set'],
    [0x6982, 'CARD_SECURITY_STATUS', 'security status not satisfied'],
    [0x6a82, 'CARD_FILE_NOT_FOUND', 'file or application not found'],
    [0x6700, 'CARD_WRONG_LENGTH', 'wrong length'],
    [0x6a86, 'CARD_WRONG_PARAMETERS', 'wrong parameters P1-P2'],
    [0x6b00, 'CARD_WRONG_PARAMETERS', 'wrong parameters P1-P2'],
    [0x6a83, 'CARD_WRONG_PARAMETERS', 'wrong parameters P1-P2'],
    [0x6a80, 'CARD_WRONG_DATA', 'incorrect data'],
    [0x6d00, 'CARD_INS_NOT_SUPPORTED', 'instruction not supported'],
    [0x6e00, 'CARD_CLA_NOT_SUPPORTED', 'class not supported'],
    [0x6985, 'CARD_CONDITIONS_NOT_SATISFIED', 'conditions of use not satisfied'],
    [0x6a84, 'CARD_UNEXPECTED_STATUS', 'unexpected status'],
  ])('SW %s', (sw, code, what) => {
    const error = errorForStatus(sw, 'STEP');
    expect(error.code).toBe(code);
    expect(error.message).toBe(`STEP: ${what} (SW ${sw.toString(16).toUpperCase()})`);
  });
});
