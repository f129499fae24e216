/**
 * What the card signs to prove its holder for a self-service reset (src/ca/README.md): the CA's
 * nonce, the card challenge the authorisation will be for, the operation, the card and the
 * proving certificate, so a signature made for one of them proves nothing about another. Both
 * the terminal and the CA build it here.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { CertificateKind } from '../domain/vocabulary';

const domain = Buffer.from('MADOGUCHI-X-RESET/2', 'ascii');

export const resetNonceBytes = 32;
/** The card's GET CHALLENGE answer (docs/design.md §4). */
export const cardChallengeBytes = 8;

export interface ResetProofInput {
  readonly nonce: Uint8Array;
  /** The card's GET CHALLENGE answer that the CA's issuer authentication is to open. */
  readonly cardChallenge: Uint8Array;
  /** The operation: which password is reset. */
  readonly resetKind: CertificateKind;
  readonly cardSerial: string;
  /** The proving certificate's serial, upper-case hex as the CA records it. */
  readonly provingCertificateSerial: string;
}

/** Fixed-length fields first; the text fields each end in 00 (none of them can hold a 00). */
export function resetProofMessage(input: ResetProofInput): Uint8Array {
  if (input.nonce.length !== resetNonceBytes || input.cardChallenge.length !== cardChallengeBytes) throw new RangeError('reset proof: nonce or card challenge of the wrong length');
  const text = (value: string) => Buffer.concat([Buffer.from(value, 'ascii'), Buffer.of(0)]);
  return new Uint8Array(
    Buffer.concat([domain, Buffer.of(0), input.nonce, input.cardChallenge, text(input.resetKind), text(input.cardSerial), text(input.provingCertificateSerial.toUpperCase())]),
  );
}

export function resetProofDigest(input: ResetProofInput): Uint8Array {
  return new Uint8Array(createHash('sha256').update(resetProofMessage(input)).digest());
}

/** A certificate's serial as the proof names it and the CA records it: upper-case hex. */
export function provingCertificateSerialOf(der: Uint8Array): string {
  return new X509Certificate(der).serialNumber.toUpperCase();
}
