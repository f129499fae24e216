/**
 * What the clerk sees when a card goes in: the card's facts, PIN tries, certificates with their
 * last valid day, and the warnings that change what may be done (docs/design.md §1), from the card
 * and from this terminal's store (certificates waiting for pick-up, proxy applications).
 */
import type { CardModel, CertificateRead, PinStatus } from '../card/card-model';
import type { AwaitingReply, CardCertificateView, CardSummary, CardWarning, PinTries } from '../api/visit';
import type { ApplicationState } from '../domain/vocabulary';
import { expiryDateOf, jstDate } from '../issuance/context';
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
}

export async function readCardSummary(card: CardModel, reader: string, ctx: SummaryContext): Promise<CardSummary> {
  const today = jstDate(ctx.now);
  const facts = await card.readCardFacts();
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
