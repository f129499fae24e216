/**
 * The visit's steps for changing a password the holder knows (R-LOCK-4), apart from the main
 * reducer in visit-reducer.ts, which calls these. The change needs the card and the holder in person,
 * not the basic 4 information or a form: the procedure goes straight to choosing the password,
 * then the applicant types the current and the new one, and the card decides.
 */
import type { RefusalCode } from '../domain/eligibility';
import type { CertificateKind } from '../domain/vocabulary';
import { hostError } from './errors';
import type { ApplicantDetails, CardSummary, VisitState } from './visit';

type Step<S extends VisitState['step']> = Extract<VisitState, { step: S }>;

/** Only the holder knows the current password, so only the holder in person changes it. */
export const holderInPerson: ApplicantDetails = { applicantType: 'self', documents: ['myNumberCard'], adultWard: false, domicileInCity: true, reissuedCard: false };

/** The refusal reason for a password that is locked: it is never tried, it is reset instead. */
export const changeLockedReason: RefusalCode = 'pin-locked';

export function isLocked(card: CardSummary, kind: CertificateKind): boolean {
  const pin = card.pins[kind];
  return pin.isBlocked || pin.triesLeft === 0;
}

/** What stops a change before the applicant types anything: a card without the JPKI AP, a locked password. */
export function changeRefusals(card: CardSummary | null, kind: CertificateKind): string[] {
  if (card === null) return [];
  if (card.cardType === 'jukiCard') return ['juki-card'];
  return isLocked(card, kind) ? [changeLockedReason] : [];
}

/** The certificates step of a change: exactly one password, then the applicant's turn. */
export function chooseChange(state: Step<'certificates'>, certificates: readonly CertificateKind[], deadlineAt: number): VisitState {
  const [kind, ...more] = certificates;
  if (kind === undefined || more.length > 0) throw hostError('API_BAD_REQUEST', 'a password change names exactly one password', { field: 'certificates' });
  const reasons = changeRefusals(state.card, kind);
  if (reasons.length > 0) return { step: 'refused', clerk: state.clerk, card: state.card, procedure: state.procedure, certificates: [kind], reasons };
  const { step: _step, ...rest } = state;
  return { step: 'passwords', ...rest, certificates: [kind], revocationReason: null, receiptNumber: null, offlineAccepted: false, deadlineAt };
}

/**
 * The card refused the current password: the applicant tries again with the tries left the
 * card now reports, unless that try locked it — then the change ends, refused, with the advice.
 */
export function currentRefused(state: Step<'working'>, card: CardSummary, deadlineAt: number): VisitState {
  const [kind] = state.certificates;
  if (kind === undefined || isLocked(card, kind)) return { step: 'refused', clerk: state.clerk, card, procedure: state.procedure, certificates: state.certificates, reasons: [changeLockedReason] };
  const { step: _step, progress: _progress, cardRemoved: _removed, ...rest } = state;
  return { step: 'passwords', ...rest, card, offlineAccepted: false, currentRefused: true, deadlineAt };
}
