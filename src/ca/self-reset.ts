/**
 * Self-service reset on the CA side (README.md "x-reset"). The terminal relays; the CA decides:
 * the proving certificate must be one it issued for the very card the terminal names (its own
 * records), in force, not revoked, the card not reported lost; it hands out a one-use nonce bound
 * to the card, the operation and that certificate, verifies the card's signature over all of
 * them and the card challenge, and only then answers the issuer authentication for exactly that
 * card challenge, signed with the issuer key it holds.
 */
import { isCodedError } from '../errors/coded-error';
import { createPublicKey, randomBytes, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { resetGrantMessage, type IssuerSigner } from '../card/issuer';
import { caLabels, type CertificateKind } from '../domain/vocabulary';
import { sha256Hex } from '../pki/der';
import { pkiErrorCodes } from '../pki/errors';
import { resetNonceBytes, resetProofMessage } from '../pki/reset-proof';
import { decodeStrictDer } from '../pki/strict-der';
import { caError, isCaError, type CaErrorCode } from './errors';
import type { JpkiHierarchy } from './hierarchy';
import type { ResetStore } from './reset-store';
import { cardSerialSchema, defaultChallengesPerCardPerDay, defaultResetLimits, type ResetAuthorizeAnswer, type ResetAuthorizeRequest, type ResetChallengeAnswer, type ResetChallengeRequest, type ResetLimits } from './self-reset-requests';
import type { CaStore, CertificateRow } from './store';

export * from './self-reset-requests';

const dayMs = 86_400_000;

function provingKindOf(resetKind: CertificateKind): CertificateKind {
  return resetKind === 'sign' ? 'auth' : 'sign';
}

function refuse(code: CaErrorCode, message: string): never {
  throw caError(code, message);
}

interface CheckedCertificate {
  /** The CA's own record of it: the card it was issued for, its revocation. */
  readonly record: CertificateRow;
  readonly publicKey: KeyObject;
}

type AuditFields = { terminalId?: string; cardSerial?: string; serial?: string; resetKind?: CertificateKind };

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

  /**
   * Its own by signature and by record (the same bytes in the certificates table), of `kind`,
   * in force, not revoked. A valid signature alone is not enough: only the record says which
   * card the certificate was issued for.
   */
  private checkCertificate(der: Uint8Array, kind: CertificateKind, now: Date, fields: AuditFields): CheckedCertificate {
    let cert: X509Certificate;
    try {
      decodeStrictDer(der, 'PKI_BAD_CERTIFICATE', 'proving certificate');
      cert = new X509Certificate(der);
    } catch (error) {
      refuse('CA_BAD_REQUEST', isCodedError(error, pkiErrorCodes) ? error.message : 'the proving certificate is unreadable');
    }
    if (!cert.verify(this.caKeys[kind])) refuse('CA_RESET_NOT_OURS', `not a ${kind} certificate this CA issued`);
    const serial = cert.serialNumber.toUpperCase();
    fields.serial = serial;
    if (new Date(cert.validTo).getTime() < now.getTime()) refuse('CA_RESET_CERT_EXPIRED', 'the proving certificate has expired');
    if (new Date(cert.validFrom).getTime() > now.getTime()) refuse('CA_RESET_NOT_OURS', 'the proving certificate is not yet valid');
    const record = this.certificates.certificate(serial);
    if (record === undefined || record.label !== caLabels[kind] || !Buffer.from(record.der).equals(Buffer.from(der))) refuse('CA_RESET_NOT_OURS', 'the proving certificate is not in this CA\'s records');
    this.checkNotRevoked(kind, record.spkiSha256, record);
    return { record, publicKey: cert.publicKey };
  }

  /** Revoked as compromised (this certificate or any for its key) reads as a lost card; any other revocation as revoked. */
  private checkNotRevoked(kind: CertificateKind, spkiSha256: string, record: CertificateRow | undefined): void {
    const rows = this.certificates.certificatesForKey(caLabels[kind], spkiSha256);
    if (rows.some((r) => r.reason === 'keyCompromise')) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
    const revoked = record === undefined ? rows.length > 0 && rows.every((r) => r.revokedAt !== null) : record.revokedAt !== null;
    if (revoked) refuse('CA_RESET_REVOKED', 'the proving certificate is revoked');
  }

  /**
   * The proving certificate must have been issued for the card the terminal names. A terminal
   * declaring another card than the certificate's is refused with a code of its own (a stolen
   * or rewritten terminal, or a card in the wrong reader), audited like every refusal.
   */
  private requireCard(record: CertificateRow, cardSerial: string): void {
    if (record.cardSerial === null) refuse('CA_RESET_CARD_UNRECORDED', 'this CA did not record which card the proving certificate is for');
    if (record.cardSerial !== cardSerial) refuse('CA_RESET_CARD_MISMATCH', 'the proving certificate was issued for another card than the one declared');
  }

  /**
   * Only the public key of the signing certificate is known before its password: the CA's live
   * certificate for that key and card is the one the proof has to name.
   */
  private recordForKey(kind: CertificateKind, spkiSha256: string, cardSerial: string, now: Date): CertificateRow {
    this.checkNotRevoked(kind, spkiSha256, undefined);
    const live = this.certificates.liveCertificates(caLabels[kind], spkiSha256, now.toISOString());
    const forCard = live.filter((r) => r.cardSerial === cardSerial).at(-1);
    if (forCard !== undefined) return forCard;
    if (live.some((r) => r.cardSerial !== null)) refuse('CA_RESET_CARD_MISMATCH', 'the proving key was certified for another card than the one declared');
    if (live.length > 0) refuse('CA_RESET_CARD_UNRECORDED', 'this CA did not record which card the proving key is for');
    refuse('CA_RESET_NOT_OURS', 'this CA holds no certificate in force for the proving key');
  }

  private audit(step: 'challenge' | 'authorize', terminal: string, fields: AuditFields, outcome: string): number {
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
    const fields: AuditFields = { terminalId: request.terminalId, cardSerial: request.cardSerial, resetKind: request.resetKind };
    try {
      this.requireOffered();
      const now = this.clock();
      const kind = provingKindOf(request.resetKind);
      let record: CertificateRow;
      let certificate: Uint8Array | null = null;
      if (request.provingCertificate !== undefined) {
        certificate = new Uint8Array(Buffer.from(request.provingCertificate, 'base64'));
        record = this.checkCertificate(certificate, kind, now, fields).record;
      } else {
        record = this.recordForKey(kind, this.spkiHash(Buffer.from(request.provingPublicKey ?? '', 'base64')), request.cardSerial, now);
        fields.serial = record.serial;
      }
      this.requireCard(record, request.cardSerial);
      if (this.resets.isLost(request.cardSerial)) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
      const answer = this.certificates.transaction(() => {
        const since = new Date(now.getTime() - dayMs).toISOString();
        // The card's attempts used up: said now, before the resident types a password for nothing.
        if (this.resets.proofsForCardSince(request.cardSerial, since) >= this.limits.perCardPerDay) refuse('CA_RESET_RATE_LIMITED', 'too many reset attempts for this card today');
        if (this.resets.challengesForCardSince(request.cardSerial, since) >= (this.limits.challengesPerCardPerDay ?? defaultChallengesPerCardPerDay)) refuse('CA_RESET_RATE_LIMITED', 'too many reset challenges for this card today');
        if (this.resets.challengesForTerminalSince(terminal, since) >= this.limits.perTerminalPerDay) refuse('CA_RESET_RATE_LIMITED', 'too many reset attempts at this terminal today');
        const nonce = randomBytes(resetNonceBytes).toString('hex');
        const expiresAt = new Date(now.getTime() + this.limits.nonceTtlMs).toISOString();
        this.resets.insertNonce({ nonce, cardSerial: request.cardSerial, resetKind: request.resetKind, spkiSha256: record.spkiSha256, certificate, certificateSerial: record.serial, terminal, issuedAt: now.toISOString(), expiresAt });
        return { nonce, expiresAt };
      });
      this.audit('challenge', terminal, fields, 'ok');
      return answer;
    } catch (error) {
      this.audit('challenge', terminal, fields, isCaError(error) ? error.code : 'CA_INTERNAL');
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
      if (isCaError(error)) throw error;
      refuse('CA_BAD_REQUEST', 'the proving public key is unreadable');
    }
  }

  /** `POST …/x-reset/authorize`: one nonce, one proof, one card challenge, at most once. */
  async authorize(request: ResetAuthorizeRequest, terminal: string): Promise<ResetAuthorizeAnswer> {
    const fields: AuditFields = { terminalId: request.terminalId };
    try {
      const issuer = this.requireOffered();
      const now = this.clock();
      const row = this.resets.nonce(request.nonce);
      if (row === undefined) refuse('CA_RESET_NONCE_UNKNOWN', 'no such nonce');
      fields.cardSerial = row.cardSerial;
      fields.resetKind = row.resetKind;
      if (row.terminal !== terminal) refuse('CA_RESET_NONCE_UNKNOWN', 'the nonce was issued to another terminal');
      // An attempt is counted here, when a proof is submitted; the card's daily budget is checked
      // and the nonce used up in one step, so concurrent submissions cannot both slip under it.
      const since = new Date(now.getTime() - dayMs).toISOString();
      const spent = this.certificates.transaction(() => {
        if (this.resets.proofsForCardSince(row.cardSerial, since) >= this.limits.perCardPerDay) return 'limited';
        // Used up by this attempt whatever its outcome: a failed proof is not retried on the same nonce.
        return this.resets.useNonce(row.nonce, now.toISOString()) ? 'used' : 'reused';
      });
      if (spent === 'limited') refuse('CA_RESET_RATE_LIMITED', 'too many reset attempts for this card today');
      if (spent === 'reused') refuse('CA_RESET_NONCE_USED', 'the nonce was used already');
      if (row.expiresAt <= now.toISOString()) refuse('CA_RESET_NONCE_EXPIRED', 'the nonce has expired');
      const kind = provingKindOf(row.resetKind);
      // The certificate came with the challenge, or comes now (the signing one, read after its
      // password); either way it is checked again: a revocation or loss report in between stops it.
      const der = request.provingCertificate !== undefined ? new Uint8Array(Buffer.from(request.provingCertificate, 'base64')) : row.certificate;
      if (der === null) refuse('CA_BAD_REQUEST', 'the proving certificate is needed');
      const checked = this.checkCertificate(der, kind, now, fields);
      if (checked.record.serial !== row.certificateSerial || checked.record.spkiSha256 !== row.spkiSha256) refuse('CA_RESET_PROOF_FAILED', 'the certificate is not the one the nonce was issued for');
      this.requireCard(checked.record, row.cardSerial);
      if (this.resets.isLost(row.cardSerial)) refuse('CA_RESET_CARD_LOST', 'the card was reported lost');
      const cardChallenge = Buffer.from(request.cardChallenge, 'hex');
      const message = resetProofMessage({ nonce: Buffer.from(row.nonce, 'hex'), cardChallenge, resetKind: row.resetKind, cardSerial: row.cardSerial, provingCertificateSerial: checked.record.serial });
      let isValid = false;
      try {
        isValid = verify('sha256', message, checked.publicKey, Buffer.from(request.signature, 'base64'));
      } catch {
        isValid = false;
      }
      if (!isValid) refuse('CA_RESET_PROOF_FAILED', 'the signature does not prove the proving key');
      // A grant of this one reset on this card's challenge: the card opens nothing else with it.
      const authentication = await issuer.sign(resetGrantMessage(cardChallenge, row.cardSerial, row.resetKind));
      const reference = `R${String(this.audit('authorize', terminal, fields, 'ok')).padStart(8, '0')}`;
      return { issuerAuthentication: Buffer.from(authentication).toString('hex'), reference };
    } catch (error) {
      this.audit('authorize', terminal, fields, isCaError(error) ? error.code : 'CA_INTERNAL');
      throw error;
    }
  }
}
