/**
 * Puts issued certificates onto the card and moves the application `issued → written →
 * completed`. Shared by the same-visit path and pick-up (R-PROC-3). Writing is idempotent: a
 * crash half-way leaves the application `issued`, and the next presentation writes again.
 */
import type { CardModel } from '../card/card-model';
import type { IssuerSigner } from '../card/issuer';
import type { CertificateSlot } from '../card/jpki-ap';
import type { CertificateKind } from '../domain/vocabulary';
import { parseCertificate, type ParsedCertificate } from '../pki/jpki-certificate';
import { parseCertsOnly } from '../pki/pkcs7';
import type { ApplicationRecord } from '../store/applications-repo';
import type { Store } from '../store/unit-of-work';
import type { StepHooks } from './context';
import { issuanceError } from './errors';

export interface CertificateToWrite {
  readonly kind: CertificateKind;
  readonly certificate: ParsedCertificate;
  /** The issuing CA's certificate, for EF 0002 / 000B; null when the CA answer lacked it. */
  readonly caCertificate: ParsedCertificate | null;
}

const caSlot: Record<CertificateKind, CertificateSlot> = { sign: 'signCa', auth: 'authCa' };

/** The CA certificate in a certs-only answer: the one that is not the leaf and is a CA. */
export function caCertificateFrom(responseDer: Uint8Array | null, leaf: ParsedCertificate): ParsedCertificate | null {
  if (responseDer === null) return null;
  try {
    const certs = parseCertsOnly(responseDer).map(parseCertificate);
    return certs.find((c) => c.isCa && c.serialHex !== leaf.serialHex) ?? null;
  } catch {
    return null;
  }
}

/** What the outbox holds for an application, ready to write; throws when a row is not done. */
export function certificatesFromOutbox(store: Store, application: ApplicationRecord): CertificateToWrite[] {
  const { rows } = store.outbox.list({ applicationId: application.id });
  const out: CertificateToWrite[] = [];
  for (const kind of application.certificateKinds) {
    const row = rows.find((r) => r.certificateKind === kind && r.state === 'done' && r.certificateDer !== null);
    if (row === undefined || row.certificateDer === null) throw issuanceError('ISSUE_NOT_FOUND', `application ${application.id}: no issued ${kind} certificate yet`);
    const certificate = parseCertificate(row.certificateDer);
    out.push({ kind, certificate, caCertificate: caCertificateFrom(row.responseDer, certificate) });
  }
  return out;
}

/**
 * Checks each certificate carries the key the card generated for that application, then
 * writes the holder certificates and the CA certificates. The card checks the key again
 * before it marks a slot complete.
 */
export async function writeCertificates(card: CardModel, issuer: IssuerSigner, application: ApplicationRecord, certificates: readonly CertificateToWrite[], hooks: StepHooks = {}): Promise<void> {
  for (const item of certificates) {
    const expected = application.spkiSha256[item.kind];
    if (expected !== null && expected !== item.certificate.spkiSha256) {
      throw issuanceError('ISSUE_KEY_MISMATCH', `application ${application.id}: the ${item.kind} certificate is for another key`);
    }
  }
  hooks.onProgress?.('write-before-certificate');
  // A fresh issuer session: at pick-up there is none yet, and in the same visit the PIN
  // verifications and signatures came in between.
  await card.authenticateIssuer(issuer);
  for (const item of certificates) {
    await card.writeCertificate(item.kind, item.certificate.der);
    hooks.onProgress?.(item.kind === 'sign' ? 'write-after-certificate-sign' : 'write-after-certificate-auth');
  }
  for (const item of certificates) {
    if (item.caCertificate !== null) await card.writeCertificate(caSlot[item.kind], item.caCertificate.der);
  }
  hooks.onProgress?.('write-after-ca-certificates');
}

/** `issued → written → completed`, the second step only once the first is durable. */
export function recordWritten(store: Store, application: ApplicationRecord, certificates: readonly CertificateToWrite[], actor: string, hooks: StepHooks = {}): void {
  const serials: Record<string, string> = {};
  for (const item of certificates) serials[item.kind] = item.certificate.serialHex;
  store.recordTransition({ applicationId: application.id, from: 'issued', to: 'written', audit: { actor, action: 'certificates.written', details: { serials } } });
  hooks.onProgress?.('write-after-written');
  store.recordTransition({ applicationId: application.id, from: 'written', to: 'completed', audit: { actor, action: 'application.completed' } });
}
