/**
 * What the card signs to prove its holder for a self-service reset (src/ca/README.md):
 * the CA's nonce together with what it was issued for, so a signature made for one card, one
 * kind or one nonce proves nothing about another. Both the terminal and the CA build it here.
 */
import { createHash } from 'node:crypto';
import type { CertificateKind } from '../domain/vocabulary';

const domain = Buffer.from('MADOGUCHI-X-RESET/1', 'ascii');

export const resetNonceBytes = 32;
/** The card's GET CHALLENGE answer (docs/design.md §4). */
export const cardChallengeBytes = 8;

export interface ResetProofInput {
  readonly nonce: Uint8Array;
  readonly resetKind: CertificateKind;
  readonly cardSerial: string;
}

export function resetProofMessage(input: ResetProofInput): Uint8Array {
  return new Uint8Array(Buffer.concat([domain, Buffer.of(0), input.nonce, Buffer.from(input.resetKind, 'ascii'), Buffer.of(0), Buffer.from(input.cardSerial, 'ascii')]));
}

export function resetProofDigest(input: ResetProofInput): Uint8Array {
  return new Uint8Array(createHash('sha256').update(resetProofMessage(input)).digest());
}
