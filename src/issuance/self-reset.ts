/**
 * The card's side of a self-service reset (src/ca/README.md, docs/design.md §4), apart from the
 * flow that drives it and the HTTPS client that carries it: which certificate proves the holder,
 * the order of the card commands (the card challenge before VERIFY, because fetching it re-selects
 * the JPKI AP and would forget the verified password), what the card signs, and the one-command
 * grant before the new password. The CA is reached only through the `ResetAuthority` port.
 */
import type { CardModel } from '../card/card-model';
import { isCardError } from '../card/errors';
import { sha256DigestInfo } from '../card/jpki-ap';
import { provingKind } from '../domain/proving-kind';
import type { CertificateKind } from '../domain/vocabulary';
import { provingCertificateSerialOf, resetProofDigest } from '../pki/reset-proof';
import { readCardPublicKey } from './card-keys';
import { wipe } from './secrets';

export interface ResetChallenge {
  readonly nonce: Uint8Array;
  /** Epoch ms after which the CA refuses the nonce. */
  readonly expiresAt: number;
}

export interface ResetAuthorization {
  /** EXTERNAL AUTHENTICATE's data for the card challenge sent (64 bytes r‖s). */
  readonly issuerAuthentication: Uint8Array;
  readonly reference: string;
}

/** The proving certificate, or (for the signing one, readable only after its password) its public key. */
export type ProvingMaterial = { readonly certificate: Uint8Array } | { readonly publicKey: Uint8Array };

export interface ChallengeInput {
  readonly terminalId: string;
  readonly cardSerial: string;
  readonly resetKind: CertificateKind;
  readonly proving: ProvingMaterial;
}

export interface AuthorizeInput {
  readonly terminalId: string;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly cardChallenge: Uint8Array;
  /** When the challenge carried only the public key (the signing certificate needs its password). */
  readonly provingCertificate?: Uint8Array;
}

/** What a self-service terminal needs of the CA. */
export interface ResetAuthority {
  challenge(input: ChallengeInput): Promise<ResetChallenge>;
  authorize(input: AuthorizeInput): Promise<ResetAuthorization>;
}

/** What goes to the CA for a nonce; undefined when the card holds no signing key to prove with. */
export async function provingMaterial(card: CardModel, resetKind: CertificateKind): Promise<ProvingMaterial | undefined> {
  const kind = provingKind(resetKind);
  if (kind === 'auth') return { certificate: await card.readCertificateDer('auth') };
  const publicKey = await readCardPublicKey(card, 'sign');
  return publicKey === undefined ? undefined : { publicKey };
}

export interface ProofInput {
  readonly resetKind: CertificateKind;
  readonly cardSerial: string;
  readonly nonce: Uint8Array;
  /** The certificate sent with the challenge, if one was (the authentication certificate). */
  readonly certificateSent: Uint8Array | undefined;
}

export type Proof =
  | { readonly kind: 'wrongPassword' }
  | { readonly kind: 'signed'; readonly signature: Uint8Array; readonly cardChallenge: Uint8Array; readonly provingCertificate?: Uint8Array };

/**
 * The holder's proof: the card signs nonce ‖ card challenge ‖ operation ‖ card serial ‖ proving
 * certificate serial with the proving key, after its password. `password` is wiped here on every
 * path; a wrong or blocked password is an answer, not an error (the card counted the try).
 */
export async function proveHolder(card: CardModel, input: ProofInput, password: Uint8Array): Promise<Proof> {
  const kind = provingKind(input.resetKind);
  try {
    const { challenge } = await card.issuerChallenge();
    try {
      await card.verifyPin(kind, password);
    } catch (error) {
      if (isCardError(error) && (error.code === 'CARD_WRONG_PIN' || error.code === 'CARD_PIN_BLOCKED')) return { kind: 'wrongPassword' };
      throw error;
    }
    wipe(password);
    const provingCertificate = input.certificateSent === undefined ? await card.readCertificateDer(kind) : undefined;
    const provingCertificateSerial = provingCertificateSerialOf(input.certificateSent ?? provingCertificate ?? Uint8Array.of());
    const digest = resetProofDigest({ nonce: input.nonce, cardChallenge: challenge, resetKind: input.resetKind, cardSerial: input.cardSerial, provingCertificateSerial });
    const signature = await card.sign(kind, sha256DigestInfo(digest));
    return { kind: 'signed', signature, cardChallenge: challenge, ...(provingCertificate === undefined ? {} : { provingCertificate }) };
  } finally {
    wipe(password);
  }
}

/** The CA's one-command grant, then the new password. Both secrets are wiped whatever the card says. */
export async function writeResetPassword(card: CardModel, resetKind: CertificateKind, issuerAuthentication: Uint8Array, password: Uint8Array): Promise<void> {
  try {
    await card.presentResetAuthorization(resetKind, issuerAuthentication);
    await card.setPin(resetKind, password);
  } finally {
    wipe(password);
    issuerAuthentication.fill(0);
  }
}
