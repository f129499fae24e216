/**
 * The self-service password reset as a state machine: an unattended terminal where a
 * resident who knows one certificate's password resets the other. Like the visit (visit.ts), a
 * discriminated union keyed by `step`, one exhaustive pure reducer, and the host holds the
 * authoritative state together with the card session; the renderer renders what it is sent.
 *
 * Which password proves which: the auth PIN (4 digits) proves a reset of the signing password,
 * the signing password proves a reset of the auth PIN (`provingKind`). The passwords typed here
 * never enter this state: they go on their own channels as bytes to the host, then to the card.
 *
 * Stability note for the renderer: this file is the contract the screens are built on; changes
 * after its first commit are additive only and are listed here.
 * - A card taken out at `choose` (nothing chosen yet) goes back to `welcome`, not to `cardRemoved`.
 * - A fourth choice, changing a password the resident knows (self-service-change.ts): the steps
 *   `changeKind`, `changeEntry`, `changing`, `changed`; the refusal SELF_SERVICE_CHANGE_LOCKED;
 *   the card-removed outcome `unconfirmed`.
 */
import { z } from 'zod';
import { provingKind } from '../domain/proving-kind';
import { certificateKinds, type CertificateKind } from '../domain/vocabulary';
import { CodedError } from '../errors/coded-error';
import type { ApiError } from './errors';
import { sharedFlowCommandSchemas, type CardReaderEvent, type FlowClock, type IdleTimeoutEvent } from './flow-events';
import { reduceChange, type SelfServiceChangeEvent, type SelfServiceChangeReceipt } from './self-service-change';
import type { PinTries } from './visit';

// The rule lives in domain/ (issuance/ proves with it too); screens and reducers read it from here.
export { provingKind };

/** The card as the self-service screens see it: the two passwords' counters, nothing personal. */
export interface SelfServiceCard {
  readonly reader: string;
  readonly pins: { readonly sign: PinTries; readonly auth: PinTries };
  /** Whether the card holds a certificate of that kind (the proving certificate must be there). */
  readonly certificates: { readonly sign: boolean; readonly auth: boolean };
}

/** Why the resident is sent to the counter; nothing on the card changed. */
export const selfServiceRefusals = [
  /** The card was reported lost or stolen. */
  'SELF_SERVICE_CARD_LOST',
  /** The card's signature did not prove the proving password and key. */
  'SELF_SERVICE_PROOF_FAILED',
  /** The proving certificate is revoked. */
  'SELF_SERVICE_REVOKED',
  /** Too many proofs for this card (or this terminal) today. */
  'SELF_SERVICE_RATE_LIMITED',
  /** The CA refused for another reason (not its certificate, malformed, nonce expired or used). */
  'SELF_SERVICE_CA_REFUSED',
  /** The proving certificate is past its validity. */
  'SELF_SERVICE_CERT_EXPIRED',
  /** The proving password is locked (before or by the last try): only the counter can help. */
  'SELF_SERVICE_PROVING_LOCKED',
  /** The card holds no certificate of the proving kind. */
  'SELF_SERVICE_NO_CERTIFICATE',
  /** Not a card this terminal can serve (a Juki card, an unreadable card). */
  'SELF_SERVICE_CARD_UNSUPPORTED',
  /** The CA's record ties the proving certificate to another card than this one. */
  'SELF_SERVICE_CARD_MISMATCH',
  /** The CA has no record of which card the proving certificate belongs to. */
  'SELF_SERVICE_CARD_UNRECORDED',
  /** The password to change is locked: it is reset instead (here with the other one, or at the counter). */
  'SELF_SERVICE_CHANGE_LOCKED',
] as const; // part of ErrorCode: src/api/errors.ts spreads this list
export type SelfServiceRefusal = (typeof selfServiceRefusals)[number];

export function isSelfServiceRefusal(code: string): code is SelfServiceRefusal {
  return (selfServiceRefusals as readonly string[]).includes(code);
}

/** Why the flow is back at the welcome screen; the screen says it once. */
export const selfServiceNotices = ['timedOut', 'cancelled'] as const;
export type SelfServiceNotice = (typeof selfServiceNotices)[number];

/** What the done screen shows (and may print): no personal data, no password. */
export interface SelfServiceReceipt {
  readonly resetKind: CertificateKind;
  /** The CA's reference for this reset (its audit id), for questions at the counter. */
  readonly reference: string;
  readonly terminalId: string;
  /** Epoch ms when the card accepted the new password. */
  readonly at: number;
}

interface WithCard {
  readonly card: SelfServiceCard;
}
interface WithKind extends WithCard {
  readonly resetKind: CertificateKind;
}
interface ResidentFacing {
  /** Epoch ms when the flow returns to welcome unless extended; the screen warns before it. */
  readonly deadlineAt: number;
}

export type SelfServiceState =
  | { readonly step: 'welcome'; readonly notice: SelfServiceNotice | null }
  | { readonly step: 'reading'; readonly reader: string }
  | ({ readonly step: 'choose' } & WithCard & ResidentFacing)
  /** The terminal asks the CA for a reset challenge with the proving certificate. */
  | ({ readonly step: 'contacting' } & WithKind)
  | ({
      readonly step: 'proving';
      readonly provingKind: CertificateKind;
      /** The card refused the last entry; `card.pins[provingKind]` holds the tries left. */
      readonly lastAttemptFailed: boolean;
    } & WithKind &
      ResidentFacing)
  /** The card verifies the proving password and signs; the CA authorises. */
  | ({ readonly step: 'verifying' } & WithKind)
  | ({ readonly step: 'newPassword' } & WithKind & ResidentFacing)
  /** The terminal presents the CA's issuer authentication and sets the new password. */
  | ({ readonly step: 'writing'; readonly cardRemoved: boolean } & WithKind)
  | { readonly step: 'done'; readonly receipt: SelfServiceReceipt }
  | { readonly step: 'refused'; readonly reason: SelfServiceRefusal; readonly resetKind: CertificateKind | null }
  /** The CA could not be reached: nothing on the card changed. */
  | { readonly step: 'offline'; readonly resetKind: CertificateKind }
  /** Which password to change (R-LOCK-4), with the tries left of each. */
  | ({ readonly step: 'changeKind' } & WithCard & ResidentFacing)
  /** The current password, then the new one twice; `lastAttemptFailed`: the card refused the last current entry. */
  | ({ readonly step: 'changeEntry'; readonly changeKind: CertificateKind; readonly lastAttemptFailed: boolean } & WithCard & ResidentFacing)
  /** The card checks the current password and takes the new one. */
  | ({ readonly step: 'changing'; readonly changeKind: CertificateKind; readonly cardRemoved: boolean } & WithCard)
  | { readonly step: 'changed'; readonly receipt: SelfServiceChangeReceipt }
  /**
   * The card left the reader: before the write it is unchanged; a finished write left it fully
   * reset; a change it was taking when it went may hold either password (`unconfirmed`, R-LOCK-5).
   */
  | { readonly step: 'cardRemoved'; readonly outcome: 'unchanged' | 'reset' | 'unconfirmed'; readonly resetKind: CertificateKind | null }
  /** Anything else (a card or terminal fault); the card is unchanged unless the error says otherwise. */
  | { readonly step: 'failed'; readonly error: ApiError; readonly resetKind: CertificateKind | null };

export type SelfServiceStep = SelfServiceState['step'];

/** Steps where the resident is expected to act (idle timeout applies, large keypad). */
export const residentSteps = ['choose', 'proving', 'newPassword', 'changeKind', 'changeEntry'] as const satisfies readonly SelfServiceStep[];
/** Steps where the terminal works; idle timeout and cancel wait for the work to end. */
export const busySteps = ['reading', 'contacting', 'verifying', 'writing', 'changing'] as const satisfies readonly SelfServiceStep[];
/** Steps that end the flow; `finish` (or the idle timeout) goes back to welcome. */
export const endSteps = ['done', 'refused', 'offline', 'cardRemoved', 'failed', 'changed'] as const satisfies readonly SelfServiceStep[];

function isIn<T extends string>(list: readonly T[], step: string): step is T {
  return (list as readonly string[]).includes(step);
}

/** Whether a reset of `resetKind` may start on this card, and if not, why (shown on the choose screen). */
export function resetAvailability(card: SelfServiceCard, resetKind: CertificateKind): { readonly ok: true } | { readonly ok: false; readonly reason: SelfServiceRefusal } {
  const proving = provingKind(resetKind);
  if (!card.certificates[proving]) return { ok: false, reason: 'SELF_SERVICE_NO_CERTIFICATE' };
  if (card.pins[proving].isBlocked || card.pins[proving].triesLeft === 0) return { ok: false, reason: 'SELF_SERVICE_PROVING_LOCKED' };
  return { ok: true };
}

/** What the renderer may ask of the flow (the passwords go on their own channels). */
export const selfServiceCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('choose'), resetKind: z.enum(certificateKinds) }).strict(),
  /** The fourth choice: change a password the resident knows. */
  z.object({ type: z.literal('chooseChange') }).strict(),
  z.object({ type: z.literal('changeKind'), changeKind: z.enum(certificateKinds) }).strict(),
  /** `back`: proving → choose, changeKind → choose, changeEntry → changeKind; any other resident step → welcome. */
  ...sharedFlowCommandSchemas,
]);
export type SelfServiceCommand = z.infer<typeof selfServiceCommandSchema>;

/** What the host reports into the flow (card events, card and CA results, timers). */
export type SelfServiceHostEvent =
  | CardReaderEvent<SelfServiceCard>
  /** The CA accepted the proving certificate and gave a nonce. */
  | { readonly type: 'challengeReady' }
  /** The proving password was handed to the host (after the last-try confirmation, if due). */
  | { readonly type: 'provingSubmitted' }
  /** The card refused the proving password; `card` holds the new counters. */
  | { readonly type: 'provingRefused'; readonly card: SelfServiceCard }
  /** The CA verified the proof and answered the issuer authentication for this card challenge. */
  | { readonly type: 'authorized' }
  | { readonly type: 'newPasswordSubmitted' }
  | { readonly type: 'resetDone'; readonly receipt: SelfServiceReceipt }
  | { readonly type: 'refused'; readonly reason: SelfServiceRefusal }
  | { readonly type: 'caOffline' }
  | SelfServiceChangeEvent
  | { readonly type: 'failed'; readonly error: ApiError }
  | IdleTimeoutEvent;

export type SelfServiceEvent = SelfServiceCommand | SelfServiceHostEvent;

export interface SelfServiceEnv extends FlowClock {
  /** How long a resident step lasts without a key press. */
  readonly idleMs: number;
}

export const initialSelfServiceState: SelfServiceState = { step: 'welcome', notice: null };

/** An event the current step does not take: SELF_SERVICE_WRONG_STEP, and the state is unchanged. */
function wrong(state: SelfServiceState, event: SelfServiceEvent): never {
  throw new CodedError('SELF_SERVICE_WRONG_STEP', `'${event.type}' is not possible at step '${state.step}'`, { details: { step: state.step } });
}

function readerOf(state: SelfServiceState): string | null {
  if (state.step === 'reading') return state.reader;
  if ('card' in state) return state.card.reader;
  return null;
}

function resetKindOf(state: SelfServiceState): CertificateKind | null {
  if ('changeKind' in state) return state.changeKind;
  return 'resetKind' in state ? state.resetKind : null;
}

/** The pure transition function. Throws SELF_SERVICE_WRONG_STEP for an event the step does not take. */
export function reduceSelfService(state: SelfServiceState, event: SelfServiceEvent, env: SelfServiceEnv): SelfServiceState {
  const deadlineAt = env.now + env.idleMs;

  switch (event.type) {
    case 'idleTimeout':
      // Work on the card or with the CA is never cut off; the host times out again after it.
      if (isIn(busySteps, state.step) || state.step === 'welcome') return state;
      return { step: 'welcome', notice: isIn(residentSteps, state.step) ? 'timedOut' : null };
    case 'cardRemoved': {
      if (readerOf(state) !== event.reader) return state;
      // Nothing was chosen yet: the card simply left; the next resident starts afresh.
      if (state.step === 'reading' || state.step === 'choose') return { step: 'welcome', notice: null };
      // The host decides what a pulled card means during the write (unchanged or fully reset).
      if (state.step === 'writing' || state.step === 'changing') return { ...state, cardRemoved: true };
      // Before the write nothing on the card changed (a failed verify only counted a try).
      return { step: 'cardRemoved', outcome: 'unchanged', resetKind: state.step === 'changeKind' ? null : resetKindOf(state) };
    }
    case 'cardInserted':
      if (state.step === 'welcome') return { step: 'reading', reader: event.reader };
      return state;
    case 'cancel':
      if (isIn(residentSteps, state.step)) return { step: 'welcome', notice: 'cancelled' };
      return wrong(state, event);
    case 'extendTime':
      if (isIn(residentSteps, state.step) && 'deadlineAt' in state) return { ...state, deadlineAt };
      return wrong(state, event);
    case 'finish':
      if (isIn(endSteps, state.step)) return { step: 'welcome', notice: null };
      return wrong(state, event);
    default:
      break;
  }

  switch (state.step) {
    case 'welcome':
      return wrong(state, event);

    case 'reading':
      if (event.type === 'cardRead' && event.card.reader === state.reader) return { step: 'choose', card: event.card, deadlineAt };
      if (event.type === 'cardReadFailed' && event.reader === state.reader) {
        if (event.error.code === 'CARD_REMOVED') return { step: 'welcome', notice: null };
        return { step: 'refused', reason: 'SELF_SERVICE_CARD_UNSUPPORTED', resetKind: null };
      }
      return wrong(state, event);

    case 'choose':
      if (event.type === 'chooseChange') return { step: 'changeKind', card: state.card, deadlineAt };
      if (event.type === 'choose') {
        const available = resetAvailability(state.card, event.resetKind);
        if (!available.ok) return { step: 'refused', reason: available.reason, resetKind: event.resetKind };
        return { step: 'contacting', card: state.card, resetKind: event.resetKind };
      }
      return wrong(state, event);

    case 'contacting':
      if (event.type === 'challengeReady') return { step: 'proving', card: state.card, resetKind: state.resetKind, provingKind: provingKind(state.resetKind), lastAttemptFailed: false, deadlineAt };
      return workEnd(state, event);

    case 'proving':
      if (event.type === 'provingSubmitted') return { step: 'verifying', card: state.card, resetKind: state.resetKind };
      if (event.type === 'back') return { step: 'choose', card: state.card, deadlineAt };
      return wrong(state, event);

    case 'verifying':
      if (event.type === 'authorized') return { step: 'newPassword', card: state.card, resetKind: state.resetKind, deadlineAt };
      if (event.type === 'provingRefused') {
        const pin = event.card.pins[provingKind(state.resetKind)];
        if (pin.isBlocked || pin.triesLeft === 0) return { step: 'refused', reason: 'SELF_SERVICE_PROVING_LOCKED', resetKind: state.resetKind };
        return { step: 'proving', card: event.card, resetKind: state.resetKind, provingKind: provingKind(state.resetKind), lastAttemptFailed: true, deadlineAt };
      }
      return workEnd(state, event);

    case 'newPassword':
      if (event.type === 'newPasswordSubmitted') return { step: 'writing', card: state.card, resetKind: state.resetKind, cardRemoved: false };
      return wrong(state, event);

    case 'writing':
      if (event.type === 'resetDone') return state.cardRemoved ? { step: 'cardRemoved', outcome: 'reset', resetKind: state.resetKind } : { step: 'done', receipt: event.receipt };
      if (event.type === 'failed' && state.cardRemoved) return { step: 'cardRemoved', outcome: 'unchanged', resetKind: state.resetKind };
      return workEnd(state, event);

    case 'changeKind':
    case 'changeEntry':
    case 'changing':
      return reduceChange(state, event, deadlineAt) ?? wrong(state, event);

    case 'done':
    case 'changed':
    case 'refused':
    case 'offline':
    case 'cardRemoved':
    case 'failed':
      return wrong(state, event);
  }
}

/** How a step where the terminal works with the CA or the card ends other than by success. */
function workEnd(state: Extract<SelfServiceState, { step: 'contacting' | 'verifying' | 'writing' }>, event: SelfServiceEvent): SelfServiceState {
  if (event.type === 'refused') return { step: 'refused', reason: event.reason, resetKind: state.resetKind };
  // Offline at the write cannot happen (the CA is done by then); it is a failure there.
  if (event.type === 'caOffline') return state.step === 'writing' ? { step: 'failed', error: { code: 'SELF_SERVICE_OFFLINE', retryable: true, details: {} }, resetKind: state.resetKind } : { step: 'offline', resetKind: state.resetKind };
  if (event.type === 'failed') return { step: 'failed', error: event.error, resetKind: state.resetKind };
  return wrong(state, event);
}

/** Everything a renderer may see of a state; the state holds nothing secret, so this is the state. */
export type SelfServiceView = SelfServiceState;
