/** The CA's refusal codes for a self-service reset → the resident's reason; the card-record ones have their own. */
import { refusalFor } from '../../../src/host/reset-authority';

test.each([
  ['CA_RESET_CARD_MISMATCH', 'SELF_SERVICE_CARD_MISMATCH'],
  ['CA_RESET_CARD_UNRECORDED', 'SELF_SERVICE_CARD_UNRECORDED'],
  ['CA_RESET_CARD_LOST', 'SELF_SERVICE_CARD_LOST'],
  ['CA_RESET_NONCE_EXPIRED', 'SELF_SERVICE_CA_REFUSED'],
  [undefined, 'SELF_SERVICE_CA_REFUSED'],
])('%s → %s', (caCode, reason) => {
  expect(refusalFor(caCode)).toBe(reason);
});
