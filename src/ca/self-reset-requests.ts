/**
 * What crosses the network for a self-service reset (src/ca/README.md "x-reset"): the two
 * request bodies as strict schemas, the answers, and the CA's limits.
 */
import { z } from 'zod';
import { certificateKinds } from '../domain/vocabulary';
import { cardChallengeBytes, resetNonceBytes } from '../pki/reset-proof';

export interface ResetLimits {
  /**
   * Proofs per card in any 24 hours: authorisations asked for (a nonce spent), whatever their
   * outcome. Fetching a nonce is not an attempt: a resident going back and forth spends none.
   */
  readonly perCardPerDay: number;
  /** Challenges (nonces handed out) per terminal (client certificate) in any 24 hours. */
  readonly perTerminalPerDay: number;
  /** How long a nonce may be answered. */
  readonly nonceTtlMs: number;
  /** Challenges per card in any 24 hours, against a terminal fetching nonces in a loop (default 20). */
  readonly challengesPerCardPerDay?: number;
}

export const defaultChallengesPerCardPerDay = 20;
export const defaultResetLimits: ResetLimits = { perCardPerDay: 3, perTerminalPerDay: 200, nonceTtlMs: 5 * 60_000, challengesPerCardPerDay: defaultChallengesPerCardPerDay };

/** A certificate DER fits in the card's 4 KiB EF (virtual-card); base64 of that plus margin. */
const maxCertificateBase64 = 8192;
const base64 = (max: number) => z.string().min(4).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** The card serial of the common AP record (15 digits, docs/jpki-card.md). */
export const cardSerialSchema = z.string().regex(/^\d{15}$/);

export const resetChallengeRequestSchema = z
  .object({
    terminalId: z.string().regex(/^[\x21-\x7e]{1,64}$/),
    cardSerial: cardSerialSchema,
    resetKind: z.enum(certificateKinds),
    /** The proving certificate as read from the card (the auth certificate is readable without a PIN). */
    provingCertificate: base64(maxCertificateBase64).optional(),
    /**
     * The proving key's SPKI when its certificate is not readable yet: the signing certificate
     * shows only after its password (docs/jpki-card.md), so it comes with the authorisation instead.
     */
    provingPublicKey: base64(2048).optional(),
  })
  .strict()
  .refine((r) => (r.provingCertificate === undefined) !== (r.provingPublicKey === undefined), { message: 'exactly one of provingCertificate and provingPublicKey' });
export type ResetChallengeRequest = z.infer<typeof resetChallengeRequestSchema>;

export const resetAuthorizeRequestSchema = z
  .object({
    terminalId: z.string().regex(/^[\x21-\x7e]{1,64}$/),
    nonce: hex(resetNonceBytes),
    /** RSA-2048 PKCS#1 v1.5 signature by the proving key over SHA-256(resetProofMessage). */
    signature: base64(400),
    /** The card's GET CHALLENGE answer the issuer authentication is for (also inside the proof). */
    cardChallenge: hex(cardChallengeBytes),
    provingCertificate: base64(maxCertificateBase64).optional(),
  })
  .strict();
export type ResetAuthorizeRequest = z.infer<typeof resetAuthorizeRequestSchema>;

export interface ResetChallengeAnswer {
  readonly nonce: string;
  readonly expiresAt: string;
}
export interface ResetAuthorizeAnswer {
  /**
   * ECDSA P-256 r‖s over SHA-256(card challenge ‖ card serial ‖ 2C ‖ PIN EF), hex: the signature
   * of EXTERNAL AUTHENTICATE P2=02, granting exactly one RESET RETRY COUNTER of the reset kind's PIN.
   */
  readonly issuerAuthentication: string;
  /** The audit reference the resident's notice shows. */
  readonly reference: string;
}
