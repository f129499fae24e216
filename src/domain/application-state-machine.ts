import { domainError } from './errors';
import { applicationStates, type ApplicationState } from './vocabulary';

/** What moves an application along (docs/design.md §5). */
export const applicationEvents = [
  'sendInquiry', // voluntary proxy, first visit: the inquiry-and-reply letter is out (R-PROC-5)
  'prepareCard', // keys generated, PINs set, CSRs signed (for a proxy: on the second visit, R-APP-3)
  'queue', // application and outbox rows committed
  'caIssued', // the CA returned the certificates
  'writeToCard', // certificates written onto the card (same visit or pick-up, R-PROC-3)
  'complete', // receipt printed (R-PROC-6)
  'reject', // refused by the clerk (R-ELIG)
  'cancel', // withdrawn before anything reached the CA
  'fail', // a permanent error (card or CA)
  'resumeReply', // a proxy's second visit interrupted before its CSRs were queued: the filed request waits again (R-PROC-5)
] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

/**
 * The whole transition table; anything missing is illegal. `card_prepared → completed` is a
 * password reset, which needs no CA. `issued` stays until the card is presented again.
 */
export const transitions = {
  // draft → failed: a password change cut off while the card took the new password (R-LOCK-5).
  draft: { sendInquiry: 'awaiting_reply', prepareCard: 'card_prepared', reject: 'rejected', cancel: 'cancelled', fail: 'failed' },
  awaiting_reply: { prepareCard: 'card_prepared', reject: 'rejected', cancel: 'cancelled' },
  card_prepared: { queue: 'queued', complete: 'completed', reject: 'rejected', cancel: 'cancelled', fail: 'failed', resumeReply: 'awaiting_reply' },
  queued: { caIssued: 'issued', fail: 'failed' },
  issued: { writeToCard: 'written' },
  written: { complete: 'completed' },
  completed: {},
  rejected: {},
  cancelled: {},
  failed: {},
} as const satisfies Record<ApplicationState, Partial<Record<ApplicationEvent, ApplicationState>>>;

export const terminalStates = ['completed', 'rejected', 'cancelled', 'failed'] as const satisfies readonly ApplicationState[];

/** An event the table does not allow in a state (DOMAIN_ILLEGAL_TRANSITION). */
function illegalTransition(state: ApplicationState, event: ApplicationEvent): Error {
  return domainError('DOMAIN_ILLEGAL_TRANSITION', `event '${event}' is not allowed in state '${state}'`);
}

function isApplicationState(value: unknown): value is ApplicationState {
  return applicationStates.some((state) => state === value);
}

/** docs/design.md §5: the next state, or a DOMAIN_ILLEGAL_TRANSITION error. */
export function transition(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  const row: Partial<Record<ApplicationEvent, ApplicationState>> = transitions[state];
  const next = Object.hasOwn(row, event) ? row[event] : undefined;
  if (!isApplicationState(next)) throw illegalTransition(state, event);
  return next;
}

/** docs/design.md §5: events allowed in a state, in table order. */
export function allowedEvents(state: ApplicationState): ApplicationEvent[] {
  const row: Partial<Record<ApplicationEvent, ApplicationState>> = transitions[state];
  return applicationEvents.filter((event) => Object.hasOwn(row, event));
}

/** docs/design.md §5: completed, rejected, cancelled and failed accept no event. */
export function isTerminalState(state: ApplicationState): boolean {
  return terminalStates.some((terminal) => terminal === state);
}
