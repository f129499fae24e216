/**
 * Where a past application stands, in the few words a clerk uses at the counter: done, waiting
 * for the CA, waiting for the card to be presented, waiting for the proxy's reply, failed (with
 * the reason), refused, cancelled, or unconfirmed (a password change whose end nobody saw).
 * Pure: the host gives the application's state and its CA requests; the renderer owns the words.
 */
import type { ApplicationState, OutboxKind, OutboxState } from './vocabulary';

export const visitStandings = ['done', 'waitingForCa', 'waitingForPickUp', 'waitingForReply', 'failed', 'refused', 'cancelled', 'inProgress', 'unconfirmed'] as const;
export type VisitStanding = (typeof visitStandings)[number];

export interface StandingRequest {
  readonly kind: OutboxKind;
  readonly state: OutboxState;
  readonly lastErrorCode: string | null;
}

export interface StandingInput {
  readonly state: ApplicationState;
  readonly errorCode: string | null;
  readonly requests: readonly StandingRequest[];
  /** The refusal codes the audit log recorded, for a rejected application. */
  readonly refusals: readonly string[];
}

export interface Standing {
  readonly standing: VisitStanding;
  /** Why it failed, was refused or cancelled: error or refusal codes (none when nothing was recorded). */
  readonly reasons: readonly string[];
}

const open: ReadonlySet<OutboxState> = new Set(['pending', 'sending', 'failed_retryable']);

export function standingOf(input: StandingInput): Standing {
  const refusedForGood = input.requests.filter((r) => r.state === 'failed_permanent');
  const stillOwed = input.requests.some((r) => open.has(r.state));
  // A request the CA refused for good leaves nothing to wait for: the clerk has to act.
  const failedRequest = (): Standing => ({ standing: 'failed', reasons: [...new Set(refusedForGood.map((r) => r.lastErrorCode ?? 'INTERNAL'))] });
  switch (input.state) {
    case 'completed':
      // A revocation is completed at the counter; a refusal of it by the CA still needs the clerk.
      return refusedForGood.length > 0 ? failedRequest() : { standing: 'done', reasons: [] };
    case 'awaiting_reply':
      return { standing: 'waitingForReply', reasons: [] };
    case 'queued':
      if (refusedForGood.length > 0 && !stillOwed) return failedRequest();
      return { standing: 'waitingForCa', reasons: [] };
    case 'issued':
      return { standing: 'waitingForPickUp', reasons: [] };
    case 'card_prepared':
      // A revocation waits here for the CA to take it; anything else is a visit still at the counter.
      if (refusedForGood.length > 0 && !stillOwed) return failedRequest();
      return { standing: stillOwed ? 'waitingForCa' : 'inProgress', reasons: [] };
    case 'draft':
    case 'written':
      return { standing: 'inProgress', reasons: [] };
    case 'rejected':
      return { standing: 'refused', reasons: [...input.refusals] };
    case 'cancelled':
      return { standing: 'cancelled', reasons: input.errorCode === null ? [] : [input.errorCode] };
    case 'failed':
      // A password change whose end nobody saw did not fail: the card may hold the new password (R-LOCK-5).
      if (input.errorCode === 'ISSUE_CHANGE_UNCONFIRMED') return { standing: 'unconfirmed', reasons: [input.errorCode] };
      return { standing: 'failed', reasons: [input.errorCode ?? 'INTERNAL'] };
  }
}
