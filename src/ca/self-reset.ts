/**
 * Self-service reset on the CA side (README.md "x-reset"). The terminal relays; the CA
 * decides: it checks the proving certificate (its own, unexpired, not revoked, the card not
 * reported lost), hands out a one-use nonce bound to the card, the kind to reset and the proving
 * key, verifies the card's signature over it, and only then answers the issuer authentication
 * for exactly the one card challenge sent with that proof, signed with the issuer key it holds.
 */
import { createPublicKey, randomBytes, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { issuerAuthMessage, type IssuerSigner } from '../card/issuer';
import { caLabels, certificateKinds, type CertificateKind } from '../domain/vocabulary';
import { sha256Hex } from '../pki/der';
import { PkiError } from '../pki/errors';
import { cardChallengeBytes, resetNonceBytes, resetProofMessage } from '../pki/reset-proof';
import { decodeStrictDer } from '../pki/strict-der';
import { CaError, type CaErrorCode } from './errors';
import type { JpkiHierarchy } from './hierarchy';
import type { ResetStore } from './reset-store';
import type { CaStore } from './store';

export interface ResetLimits {
  /** Challenges (proof attempts) per card in any 24 hours. */
  readonly perCardPerDay: number;
  /** Challenges per terminal (client certificate) in any 24 hours. */
  readonly perTerminalPerDay: number;
  /** How long a nonce may be answered. */
  readonly nonceTtlMs: number;
}

export const defaultResetLimits: ResetLimits = { perCardPerDay: 3, perTerminalPerDay: 200, nonceTtlMs: 5 * 60_000 };

const dayMs = 86_400_000;
/** A certificate DER fits in the card's 4 KiB EF (virtual-card); base64 of that plus margin. */
const maxCertificateBase64 = 8192;
const base64 = (max: number) => z.string().min(4).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** The card serial of the common AP record (15 digits, docs/jpki-card.md). */
const cardSerialSchema = z.string().regex(/^\d{15}$/);

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
    /** The card's GET CHALLENGE answer the issuer authentication is for. */
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
  /** ECDSA P-256 r‖s over SHA-256(card challenge ‖ card serial), hex: EXTERNAL AUTHENTICATE's data. */
  readonly issuerAuthentication: string;
  /** The audit reference the resident's notice shows. */
  readonly reference: string;
}

function provingKindOf(resetKind: CertificateKind): CertificateKind {
  return resetKind === 'sign' ? 'auth' : 'sign';
}

function refuse(code: CaErrorCode, message: string): never {
  throw new CaError(code, message);
}

interface CheckedCertificate {
  readonly serial: string;
  readonly spkiSha256: string;
  readonly publicKey: KeyObject;
}

export class SelfResetService {
  private readonly caKeys: Readonly<Record<CertificateKind, KeyObject>>;

  constructor(
    private readonly certificates: CaStore,
    private readonly resets: ResetStore,
    hierarchy: JpkiHierarchy,
    /** undefined: this CA holds no issuer key and offers no reset (404). */
    private readonly issuer: IssuerSigner | undefined,
    private readonly limits: ResetLimits = defaultResetLimits,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.caKeys = { sign: new X509Certificate(hierarchy.sign.certDer).publicKey, auth: new X509Certificate(hierarchy.auth.certDer).publicKey };
  }

  private requireOffered(): IssuerSigner {
    if (this.issuer === undefined) refuse('CA_RESET_NOT_OFFERED', 'this CA does not authorise resets');
    return this.issuer;
  }

  /** A card reported lost (R-PROC-4): no reset for it from now on. */
  reportLost(cardSerial: string): void {
    this.resets.reportLost(cardSerialSchema.parse(cardSerial), this.clock().toISOString());
  }

  /** Its own, in force, not revoked: the proving certificate of `kind`. */
  private checkCertificate(der: Uint8Array, kind: CertificateKind, now: Date): CheckedCertificate {
    let cert: X509Certificate;
    try {
      decodeStrictDer(der, 'PKI_BAD_CERTIFICATE', 'proving certificate');
      cert = new X509Certificate(der);
    } catch (error) {
      refuse('CA_BAD_REQUEST', error instanceof PkiError ? error.message : 'the proving certificate is unreadable');
    }
    if (!cert.verify(this.caKeys[kind])) refuse('CA_RESET_NOT_OURS', `not a ${kind} certificate this CA issued`);
    if (new Date(cert.validTo).getTime() < now.getTime()) refuse('CA_RESET_CERT_EXPIRED', 'the proving certificate has expired');
    if (new Date(cert.validFrom).getTime() > now.getTime()) refuse('CA_RESET_NOT_OURS', 'the proving certificate is not yet valid');
    const publicKey = cert.publicKey;
    const spkiSha256 = sha256Hex(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
    const serial = cert.serialNumber.toUpperCase();
    this.checkNotRevoked(kind, spkiSha256, serial);
    return { serial, spkiSha256, publicKey };
  }

  /** Revoked as compromised reads as a lost card; any other revocation as revoked. */
  private checkNotRevoked(kind: CertificateKind, spkiSha256: string, serial: string | undefined): void {
    const label = caLabels[kind];
    const known = this.certificates.certificatesForKey(label, spkiSha256);
    const own = serial === undefined ? undefined : this.certificates.certificate(serial);
    const rows = own === undefined || own.label !== label ? known : [...known, own];
    if (rows.some((r) => r.reason === 'keyCompromise')) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
    const revoked = serial === undefined ? rows.length > 0 && rows.every((r) => r.revokedAt !== null) : rows.some((r) => r.serial === serial && r.revokedAt !== null);
    if (revoked) refuse('CA_RESET_REVOKED', 'the proving certificate is revoked');
  }

  private audit(step: 'challenge' | 'authorize', terminal: string, fields: { terminalId?: string | undefined; cardSerial?: string | undefined; serial?: string | undefined; resetKind?: CertificateKind | undefined }, outcome: string): number {
    return this.resets.audit({
      at: this.clock().toISOString(),
      step,
      terminal,
      terminalId: fields.terminalId ?? null,
      cardSerial: fields.cardSerial ?? null,
      certificateSerial: fields.serial ?? null,
      resetKind: fields.resetKind ?? null,
      outcome,
    });
  }

  /** `POST …/x-reset/challenge`. `terminal` is the client certificate's fingerprint. */
  challenge(request: ResetChallengeRequest, terminal: string): ResetChallengeAnswer {
    const fields: { terminalId: string; cardSerial: string; resetKind: CertificateKind; serial?: string } = { terminalId: request.terminalId, cardSerial: request.cardSerial, resetKind: request.resetKind };
    try {
      this.requireOffered();
      const now = this.clock();
      const kind = provingKindOf(request.resetKind);
      let spkiSha256: string;
      let certificate: Uint8Array | null = null;
      if (request.provingCertificate !== undefined) {
        certificate = new Uint8Array(Buffer.from(request.provingCertificate, 'base64'));
        const checked = this.checkCertificate(certificate, kind, now);
        fields.serial = checked.serial;
        spkiSha256 = checked.spkiSha256;
      } else {
        spkiSha256 = this.spkiHash(Buffer.from(request.provingPublicKey ?? '', 'base64'));
        this.checkNotRevoked(kind, spkiSha256, undefined);
      }
      if (this.resets.isLost(request.cardSerial)) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
      const answer = this.certificates.transaction(() => {
        const since = new Date(now.getTime() - dayMs).toISOString();
        if (this.resets.challengesForCardSince(request.cardSerial, since) >= this.limits.perCardPerDay) refuse('CA_RESET_RATE_LIMITED', 'too many reset attempts for this card today');
        if (this.resets.challengesForTerminalSince(terminal, since) >= this.limits.perTerminalPerDay) refuse('CA_RESET_RATE_LIMITED', 'too many reset attempts at this terminal today');
        const nonce = randomBytes(resetNonceBytes).toString('hex');
        const expiresAt = new Date(now.getTime() + this.limits.nonceTtlMs).toISOString();
        this.resets.insertNonce({ nonce, cardSerial: request.cardSerial, resetKind: request.resetKind, spkiSha256, certificate, terminal, issuedAt: now.toISOString(), expiresAt });
        return { nonce, expiresAt };
      });
      this.audit('challenge', terminal, fields, 'ok');
      return answer;
    } catch (error) {
      this.audit('challenge', terminal, fields, error instanceof CaError ? error.code : 'CA_INTERNAL');
      throw error;
    }
  }

  private spkiHash(spkiDer: Uint8Array): string {
    try {
      decodeStrictDer(spkiDer, 'PKI_BAD_KEY', 'proving public key');
      const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'rsa') refuse('CA_BAD_REQUEST', 'the proving key must be RSA');
      return sha256Hex(new Uint8Array(key.export({ format: 'der', type: 'spki' })));
    } catch (error) {
      if (error instanceof CaError) throw error;
      refuse('CA_BAD_REQUEST', 'the proving public key is unreadable');
    }
  }

  /** `POST …/x-reset/authorize`: one nonce, one proof, one card challenge, at most once. */
  async authorize(request: ResetAuthorizeRequest, terminal: string): Promise<ResetAuthorizeAnswer> {
    const fields: { terminalId: string; cardSerial?: string; resetKind?: CertificateKind; serial?: string } = { terminalId: request.terminalId };
    try {
      const issuer = this.requireOffered();
      const now = this.clock();
      const row = this.resets.nonce(request.nonce);
      if (row === undefined) refuse('CA_RESET_NONCE_UNKNOWN', 'no such nonce');
      fields.cardSerial = row.cardSerial;
      fields.resetKind = row.resetKind;
      if (row.terminal !== terminal) refuse('CA_RESET_NONCE_UNKNOWN', 'the nonce was issued to another terminal');
      // Used up by this attempt whatever its outcome: a failed proof is not retried on the same nonce.
      if (!this.resets.useNonce(row.nonce, now.toISOString())) refuse('CA_RESET_NONCE_USED', 'the nonce was used already');
      if (row.expiresAt <= now.toISOString()) refuse('CA_RESET_NONCE_EXPIRED', 'the nonce has expired');
      const kind = provingKindOf(row.resetKind);
      let publicKey: KeyObject | undefined;
      if (request.provingCertificate !== undefined) {
        const checked = this.checkCertificate(Buffer.from(request.provingCertificate, 'base64'), kind, now);
        fields.serial = checked.serial;
        if (checked.spkiSha256 !== row.spkiSha256) refuse('CA_RESET_PROOF_FAILED', 'the certificate is not for the key the nonce was issued for');
        publicKey = checked.publicKey;
      } else {
        // The certificate came with the challenge: checked again now (it may have been revoked since).
        if (row.certificate === null) refuse('CA_BAD_REQUEST', 'the proving certificate is needed');
        const checked = this.checkCertificate(row.certificate, kind, now);
        fields.serial = checked.serial;
        publicKey = checked.publicKey;
      }
      if (this.resets.isLost(row.cardSerial)) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
      const message = resetProofMessage({ nonce: Buffer.from(row.nonce, 'hex'), resetKind: row.resetKind, cardSerial: row.cardSerial });
      const signature = Buffer.from(request.signature, 'base64');
      let isValid = false;
      try {
        isValid = verify('sha256', message, publicKey, signature);
      } catch {
        isValid = false;
      }
      if (!isValid) refuse('CA_RESET_PROOF_FAILED', 'the signature does not prove the proving key');
      const authentication = await issuer.sign(issuerAuthMessage(Buffer.from(request.cardChallenge, 'hex'), row.cardSerial));
      const reference = `R${String(this.audit('authorize', terminal, fields, 'ok')).padStart(8, '0')}`;
      return { issuerAuthentication: Buffer.from(authentication).toString('hex'), reference };
    } catch (error) {
      this.audit('authorize', terminal, fields, error instanceof CaError ? error.code : 'CA_INTERNAL');
      throw error;
    }
  }
}
