/**
 * Reading the public key of a key pair already on the card (ISO 7816-8 GENERATE ASYMMETRIC KEY
 * PAIR with P1=81, "read the existing public key"). Pick-up at another terminal needs it to ask
 * the CA by key hash. A card that does not know the command, or has no key in the slot, gives
 * undefined instead of a guess.
 */
import { createHash } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import { isCardError } from '../card/errors';
import { isStatusWordError } from '../card/status-words';
import type { CertificateKind } from '../domain/vocabulary';

/** Status words meaning "this card cannot do that" or "no key in that slot". */
const unsupportedCodes = new Set(['CARD_WRONG_PARAMETERS', 'CARD_INS_NOT_SUPPORTED', 'CARD_FILE_NOT_FOUND', 'CARD_CONDITIONS_NOT_SATISFIED', 'CARD_WRONG_DATA', 'CARD_SECURITY_STATUS']);

/** SPKI DER of the kind's key on the card, or undefined when the card cannot tell us. */
export async function readCardPublicKey(card: CardModel, kind: CertificateKind): Promise<Uint8Array | undefined> {
  try {
    return await card.readPublicKey(kind);
  } catch (error) {
    // 6A88: referenced data not found, i.e. no key in that slot (a blank card).
    if (isStatusWordError(error) && error.facts.sw === 0x6a88) return undefined;
    if (isCardError(error) && unsupportedCodes.has(error.code)) return undefined;
    throw error;
  }
}

export function spkiSha256(spkiDer: Uint8Array): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}
