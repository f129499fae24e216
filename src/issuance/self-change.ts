/**
 * The self-service terminal's change of a password the resident knows (R-LOCK-4), on the card
 * alone: VERIFY the current one (a wrong entry is a try the card counts, R-LOCK-1), then CHANGE
 * REFERENCE DATA. No issuer key, no CA, nothing recorded but the terminal's audit line.
 */
import type { CardModel, PinStatuses } from '../card/card-model';
import { isCardError } from '../card/errors';
import type { CertificateKind } from '../domain/vocabulary';
import { cardAnswered } from './change-pin';
import { issuanceError } from './errors';

export type ChangeAnswer = { readonly kind: 'changed' } | { readonly kind: 'wrongPassword'; readonly pins: PinStatuses };

export async function changeKnownPassword(card: CardModel, kind: CertificateKind, current: Uint8Array, next: Uint8Array): Promise<ChangeAnswer> {
  try {
    await card.verifyPin(kind, current);
  } catch (error) {
    if (isCardError(error, 'CARD_WRONG_PIN') || isCardError(error, 'CARD_PIN_BLOCKED')) return { kind: 'wrongPassword', pins: await card.readPinStatus() };
    throw error;
  }
  try {
    await card.changePin(kind, current, next);
  } catch (error) {
    // No answer: the card may have taken the new password (R-LOCK-5). Any answer is definite.
    if (!cardAnswered(error)) throw issuanceError('ISSUE_CHANGE_UNCONFIRMED', `the card did not answer the ${kind} change`, [kind]);
    throw error;
  }
  return { kind: 'changed' };
}
