/**
 * The self-service terminal's fourth choice: changing a password the resident knows (R-LOCK-4).
 * Unlike the two resets it needs neither the CA nor an issuer key: the card checks the current
 * password and takes the new one (CHANGE REFERENCE DATA). The reducer in self-service.ts hands
 * the change's steps and events to `reduceChange`.
 *
 * changeKind (which one, with the tries left) → changeEntry (the current password, then the
 * new one twice; one frame) → changing (the card) → changed, or back to changeEntry with the
 * card's new count, or refused when that try locked it.
 */
import type { CertificateKind } from '../domain/vocabulary';
import type { SelfServiceCard, SelfServiceEvent, SelfServiceState } from './self-service';

/** What the done screen shows (and may print): which password changed, where and when; never a password. */
export interface SelfServiceChangeReceipt {
  readonly changedKind: CertificateKind;
  readonly terminalId: string;
  /** Epoch ms when the card accepted the new password. */
  readonly at: number;
}

/** What the host reports of a change. */
export type SelfServiceChangeEvent =
  /** The current password went to the card with the new one. */
  | { readonly type: 'changeSubmitted' }
  /** The card refused the current password; `card` holds the new counters. */
  | { readonly type: 'changeRefused'; readonly card: SelfServiceCard }
  | { readonly type: 'changeDone'; readonly receipt: SelfServiceChangeReceipt };

export function isLocked(card: SelfServiceCard, kind: CertificateKind): boolean {
  const pin = card.pins[kind];
  return pin.isBlocked || pin.triesLeft === 0;
}

type Step<S extends SelfServiceState['step']> = Extract<SelfServiceState, { step: S }>;

/** The change's part of the reducer; undefined when the step is not the change's. */
export function reduceChange(state: SelfServiceState, event: SelfServiceEvent, deadlineAt: number): SelfServiceState | undefined {
  switch (state.step) {
    case 'changeKind':
      if (event.type === 'changeKind') {
        // A locked password is never tried: it is reset (here, or at the counter).
        if (isLocked(state.card, event.changeKind)) return { step: 'refused', reason: 'SELF_SERVICE_CHANGE_LOCKED', resetKind: event.changeKind };
        return { step: 'changeEntry', card: state.card, changeKind: event.changeKind, lastAttemptFailed: false, deadlineAt };
      }
      if (event.type === 'back') return { step: 'choose', card: state.card, deadlineAt };
      return undefined;
    case 'changeEntry':
      if (event.type === 'changeSubmitted') return { step: 'changing', card: state.card, changeKind: state.changeKind, cardRemoved: false };
      if (event.type === 'back') return { step: 'changeKind', card: state.card, deadlineAt };
      return undefined;
    case 'changing':
      return changingEnds(state, event, deadlineAt);
    default:
      return undefined;
  }
}

function changingEnds(state: Step<'changing'>, event: SelfServiceEvent, deadlineAt: number): SelfServiceState | undefined {
  if (event.type === 'changeDone') return { step: 'changed', receipt: event.receipt };
  if (event.type === 'changeRefused') {
    if (isLocked(event.card, state.changeKind)) return { step: 'refused', reason: 'SELF_SERVICE_CHANGE_LOCKED', resetKind: state.changeKind };
    return { step: 'changeEntry', card: event.card, changeKind: state.changeKind, lastAttemptFailed: true, deadlineAt };
  }
  if (event.type === 'failed') {
    // The card went while it had the change: nobody saw its answer (R-LOCK-5). Gone before, it is unchanged.
    const isUnconfirmed = event.error.code === 'ISSUE_CHANGE_UNCONFIRMED';
    if (state.cardRemoved) return { step: 'cardRemoved', outcome: isUnconfirmed ? 'unconfirmed' : 'unchanged', resetKind: state.changeKind };
    return { step: 'failed', error: event.error, resetKind: state.changeKind };
  }
  return undefined;
}
