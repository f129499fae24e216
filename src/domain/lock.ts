import { domainError } from './errors';
import type { ApplicantType } from './vocabulary';

/** The three PINs of a My Number Card the terminal deals with (docs/glossary.md). */
export const pinKinds = ['sign', 'auth', 'cardInfo'] as const;
export type PinKind = (typeof pinKinds)[number];

/** R-LOCK-1, R-LOCK-3: consecutive wrong entries before the PIN locks. */
export const maxTries = { sign: 5, auth: 3, cardInfo: 3 } as const satisfies Record<PinKind, number>;

/** `lastTry`: one more wrong entry locks it, so the screen must warn before it is sent. */
export type PinStatus = 'ok' | 'lastTry' | 'locked';

export interface PinState {
  readonly kind: PinKind;
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly status: PinStatus;
}

function checkTriesLeft(kind: PinKind, triesLeft: number): void {
  if (!Number.isInteger(triesLeft) || triesLeft < 0 || triesLeft > maxTries[kind]) {
    throw domainError('DOMAIN_INVALID_TRIES_LEFT', `tries left for ${kind} must be 0..${maxTries[kind]}, got ${triesLeft}`);
  }
}

/** R-LOCK-1, R-LOCK-3: status from the card's retry counter. */
export function pinState(kind: PinKind, triesLeft: number): PinState {
  checkTriesLeft(kind, triesLeft);
  const status: PinStatus = triesLeft === 0 ? 'locked' : triesLeft === 1 ? 'lastTry' : 'ok';
  return { kind, triesLeft, maxTries: maxTries[kind], status };
}

/** R-LOCK-1: a correct entry restores the full count, a wrong one takes one; time does nothing. */
export function triesLeftAfter(kind: PinKind, triesLeft: number, correct: boolean): number {
  checkTriesLeft(kind, triesLeft);
  if (triesLeft === 0) return 0;
  return correct ? maxTries[kind] : triesLeft - 1;
}

export type LockedAction =
  /** R-LOCK-2: re-initialise at the counter with a password reset. */
  | { readonly action: 'resetPin'; readonly procedure: 'resetPin'; readonly sameDay: boolean }
  /** R-LOCK-3: the clerk types the basic 4 information from the card face. */
  | { readonly action: 'clerkTypesFacts' };

/**
 * R-LOCK-2, R-LOCK-3: what to do about a locked or forgotten PIN. A certificate password is
 * reset the same day in person or by a legal representative, not by a voluntary proxy.
 */
export function whenLocked(kind: PinKind, applicantType: ApplicantType): LockedAction {
  if (kind === 'cardInfo') return { action: 'clerkTypesFacts' };
  return { action: 'resetPin', procedure: 'resetPin', sameDay: applicantType !== 'proxy' };
}
