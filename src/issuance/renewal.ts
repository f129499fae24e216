/**
 * Renewal replaces the certificates of the renewed kinds: once the card holds a new key, the
 * old certificate certifies a key that no longer exists and must not stay valid. The previous
 * certificates are those on the card (the auth one is readable without a PIN; the sign one
 * when the card lets it be read) and those this terminal issued earlier for the same card.
 * The CA also revokes the signing certificate issued with a revoked auth one (R-REV-1 d).
 */
import { randomUUID } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import type { CertificateKind } from '../domain/vocabulary';
import type { NewRevocationRow } from '../store/outbox-repo';
import type { Store } from '../store/unit-of-work';

export interface PreviousCertificate {
  readonly kind: CertificateKind;
  /** Upper-case hex. */
  readonly serial: string;
}

/** RFC 5280 §5.3.1: the certificate was replaced by a new one. */
export const renewalRevocationReason = 'superseded';

/**
 * The card reader keeps the DER sign byte (`00…` before a high first byte); the CA names
 * serials without it, as the certificate's INTEGER value.
 */
export function canonicalSerial(hex: string): string {
  const upper = hex.toUpperCase();
  return upper.length > 2 && upper.startsWith('00') ? upper.slice(2) : upper;
}

/** Read before the new keys are generated: afterwards the card no longer shows the old ones. */
export async function previousCertificates(store: Store, card: CardModel, cardSerial: string, kinds: readonly CertificateKind[]): Promise<PreviousCertificate[]> {
  const found = new Map<string, PreviousCertificate>();
  const add = (kind: CertificateKind, serial: string) => found.set(serial.toUpperCase(), { kind, serial: serial.toUpperCase() });
  const onCard = await card.readCertificates(kinds);
  for (const kind of kinds) {
    const read = onCard[kind];
    if (read.state === 'present') add(kind, canonicalSerial(read.certificate.serialNumber));
  }
  for (const application of store.applications.list({ cardSerial, states: ['issued', 'written', 'completed'] }).rows) {
    if (application.procedure !== 'issue' && application.procedure !== 'renew') continue;
    for (const row of store.outbox.list({ applicationId: application.id, states: ['done'] }).rows) {
      if (row.kind === 'enroll' && row.certificateSerial !== null && kinds.includes(row.certificateKind)) add(row.certificateKind, row.certificateSerial);
    }
  }
  return [...found.values()];
}

/** The outbox rows that revoke them, queued with the change that replaced their keys. */
export function supersedingRevocations(previous: readonly PreviousCertificate[]): NewRevocationRow[] {
  return previous.map((p) => ({ id: randomUUID(), certificateKind: p.kind, serial: p.serial, reason: renewalRevocationReason }));
}
