/**
 * What the clerk sees when a card goes in: the card's facts, PIN tries, certificates with their
 * last valid day, and the warnings that change what may be done (docs/design.md §1), from the card
 * and from this terminal's store (certificates waiting for pick-up, proxy applications).
 */
import type { CardModel, CertificateRead, PinStatus } from '../card/card-model';
import type { AwaitingReply, CaCertificateView, CardAtCa, CardCertificateView, CardSummary, CardWarning, PinTries } from '../api/visit';
import { certificateKinds, type ApplicationState, type CertificateKind } from '../domain/vocabulary';
import { readCardPublicKey, spkiSha256 } from '../issuance/card-keys';
import { expiryDateOf, jstDate } from '../issuance/context';
import type { CaCardRecord } from '../sync/est-client';
import type { Store } from '../store/unit-of-work';

/** Applications whose certificates the CA issued (or will) but that are not on the card yet. */
const waitingStates: readonly ApplicationState[] = ['queued', 'issued'];

function tries(status: PinStatus): PinTries {
  return { triesLeft: status.triesLeft, maxTries: status.maxTries, isBlocked: status.isBlocked };
}

function certificateView(read: CertificateRead, today: string): CardCertificateView {
  if (read.state !== 'present') return { state: read.state };
  const expiry = expiryDateOf(read.certificate.notAfter);
  return { state: 'present', serial: read.certificate.serialNumber, expiry, isExpired: expiry < today };
}

export interface SummaryContext {
  readonly store: Store;
  readonly municipalityCode: string;
  readonly now: Date;
  /** What the CA holds for a card serial; undefined without a CA. Rejects when it cannot be asked. */
  readonly caRecords?: ((cardSerial: string) => Promise<readonly CaCardRecord[]>) | undefined;
}

/**
 * The CA's records against the card in the reader: a certificate in force for the key the card
 * holds now is on the card or waiting to be picked up; one for a key the card no longer holds
 * certifies nothing usable.
 */
async function atCaFor(card: CardModel, records: readonly CaCardRecord[], onCard: Readonly<Record<CertificateKind, CertificateRead>>): Promise<CardAtCa> {
  const keys: Partial<Record<CertificateKind, string>> = {};
  for (const kind of certificateKinds) {
    const spki = await readCardPublicKey(card, kind);
    if (spki !== undefined) keys[kind] = spkiSha256(spki);
  }
  const statusOf = (r: CaCardRecord): CaCertificateView['status'] => {
    if (r.status !== 'valid') return r.status;
    if (keys[r.kind] !== r.spkiSha256) return 'notOnCard';
    const read = onCard[r.kind];
    // The signing certificate shows only after its password: present in the slot for this key is enough.
    if (read.state === 'pinRequired' || (read.state === 'present' && read.certificate.serialNumber.toUpperCase() === r.serial)) return 'onCard';
    return 'waitingForPickUp';
  };
  return { state: 'known', certificates: records.map((r) => ({ kind: r.kind, serial: r.serial, status: statusOf(r), expiry: expiryDateOf(r.notAfter) })) };
}

export async function readCardSummary(card: CardModel, reader: string, ctx: SummaryContext): Promise<CardSummary> {
  const today = jstDate(ctx.now);
  const facts = await card.readCardFacts();
  // Asked at once, answered while the card is read; a CA that cannot be asked is "unknown".
  const records = ctx.caRecords?.(facts.serial).then(
    (r) => r,
    () => undefined,
  );
  const pins = await card.readPinStatus();
  const certificates = await card.readCertificates(['sign', 'auth']);
  // Rows that fail to decode are the store's to report; the summary shows what it can read.
  const applications = ctx.store.applications.list({ cardSerial: facts.serial }).rows;
  const awaitingReply: AwaitingReply[] = applications
    .filter((a) => a.state === 'awaiting_reply')
    .map((a) => ({ applicationId: a.id, procedure: a.procedure, certificates: [...a.certificateKinds], filedAt: a.createdAt }));
  const warnings: CardWarning[] = [];
  if (facts.cardType === 'jukiCard') warnings.push('juki-card');
  if (facts.municipalityCode !== ctx.municipalityCode) warnings.push('other-municipality');
  if (facts.cardExpiry < today) warnings.push('card-expired');
  if (pins.sign.isBlocked) warnings.push('sign-locked');
  if (pins.auth.isBlocked) warnings.push('auth-locked');
  if (pins.cardInfo?.isBlocked === true) warnings.push('card-info-locked');
  if (applications.some((a) => waitingStates.includes(a.state))) warnings.push('certificates-waiting');
  if (awaitingReply.length > 0) warnings.push('proxy-awaiting-reply');
  const answered = records === undefined ? undefined : await records;
  const atCa: CardAtCa | undefined = records === undefined ? undefined : answered === undefined ? { state: 'unknown' } : await atCaFor(card, answered, certificates).catch((): CardAtCa => ({ state: 'unknown' }));
  if (atCa?.state === 'known' && atCa.certificates.some((c) => c.status === 'waitingForPickUp') && !warnings.includes('certificates-waiting')) warnings.push('certificates-waiting');
  return {
    reader,
    cardType: facts.cardType,
    serial: facts.serial,
    municipalityCode: facts.municipalityCode,
    cardExpiry: facts.cardExpiry,
    pins: { sign: tries(pins.sign), auth: tries(pins.auth), cardInfo: pins.cardInfo === undefined ? null : tries(pins.cardInfo) },
    certificates: { sign: certificateView(certificates.sign, today), auth: certificateView(certificates.auth, today) },
    warnings,
    awaitingReply,
    ...(atCa === undefined ? {} : { atCa }),
  };
}

/** The card's PIN tries again after a refused entry (the summary's other parts do not change). */
export async function refreshPins(card: CardModel, summary: CardSummary): Promise<CardSummary> {
  const pins = await card.readPinStatus();
  const warnings: CardWarning[] = summary.warnings.filter((w) => w !== 'card-info-locked' && w !== 'sign-locked' && w !== 'auth-locked');
  if (pins.sign.isBlocked) warnings.push('sign-locked');
  if (pins.auth.isBlocked) warnings.push('auth-locked');
  if (pins.cardInfo?.isBlocked === true) warnings.push('card-info-locked');
  return { ...summary, pins: { sign: tries(pins.sign), auth: tries(pins.auth), cardInfo: pins.cardInfo === undefined ? null : tries(pins.cardInfo) }, warnings };
}
