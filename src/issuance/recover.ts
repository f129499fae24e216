/**
 * Restart after a crash or power cut: every application left between two durable steps is
 * finished or safely ended, each with an audit entry saying why.
 *
 * - `draft` / `card_prepared` issuance with no outbox rows: nothing reached the CA; the keys
 *   generated on the card (if any) certify nothing. Cancelled / failed, the card can be used
 *   for a new application at once.
 * - `card_prepared` password reset or change: the PIN was set (that state is recorded after the
 *   card said so), only the receipt was missing: completed.
 * - `draft` password change (R-LOCK-5): the draft is recorded only once the card verified the
 *   current password, right before the new one is sent, so the card may have taken it. Neither
 *   cancelled (that would tell the holder the old password still holds) nor completed: failed
 *   as unconfirmed, listed apart, with advice to try the new password first.
 * - `card_prepared` revocation: the report to the CA is still owed: left for `reportRevocations`.
 * - `card_prepared` voluntary proxy's second visit (R-PROC-5) with no CSR queued: back to
 *   `awaiting_reply`. The proxy came with the reply letter and the request was filed on the
 *   first visit; nothing reached the CA, so the second visit simply runs again (new keys
 *   replace the ones generated before the interruption) instead of the application failing.
 * - `written`: the certificates are on the card: completed.
 * - `queued` / `issued` stay: the outbox and pick-up finish them. `sending` outbox rows are put
 *   back to `pending` when the database is opened (store/open-database.ts).
 */
import type { ApplicationState } from '../domain/vocabulary';
import type { ApplicationRecord } from '../store/applications-repo';
import { isStoreError } from '../store/errors';
import type { Store } from '../store/unit-of-work';
import type { IssuanceErrorCode } from './errors';

const unconfirmedChange: IssuanceErrorCode = 'ISSUE_CHANGE_UNCONFIRMED';

export interface RecoveryReport {
  readonly cancelled: readonly string[];
  readonly failed: readonly string[];
  readonly completed: readonly string[];
  /** Proxy applications put back to `awaiting_reply` for their second visit to run again. */
  readonly resumed?: readonly string[];
  /** Password changes whose end nobody saw: the card may hold the old or the new password (R-LOCK-5). */
  readonly unconfirmed?: readonly string[];
}

interface Decision {
  readonly to: ApplicationState;
  readonly reason: string;
  /** What the record keeps as the error; INTERRUPTED unless the case has a code of its own. */
  readonly errorCode?: string;
}

function decide(store: Store, application: ApplicationRecord): Decision | undefined {
  // Revocations a renewal queued when it replaced the card's keys are owed whatever happens to
  // the renewal itself; only a CSR means something reached (or will reach) the CA for it.
  const hasOutbox = store.outbox.list({ applicationId: application.id }).rows.some((r) => r.kind === 'enroll');
  if (application.state === 'written') return { to: 'completed', reason: 'certificates were written before the interruption' };
  if (hasOutbox) return undefined;
  if (application.procedure === 'revoke') return undefined;
  if ((application.procedure === 'resetPin' || application.procedure === 'changePin') && application.state === 'card_prepared') return { to: 'completed', reason: 'the PIN was set before the interruption' };
  if (application.procedure === 'changePin' && application.state === 'draft') {
    return { to: 'failed', reason: 'interrupted while the card took the new password: the card may hold the new password or still the old one; the holder tries the new one first', errorCode: unconfirmedChange };
  }
  if (application.state === 'draft') return { to: 'cancelled', reason: 'interrupted before the card was prepared' };
  if (application.state === 'card_prepared' && application.applicantType === 'proxy' && (application.procedure === 'issue' || application.procedure === 'renew')) {
    return { to: 'awaiting_reply', reason: "interrupted during the proxy's second visit, before the request was queued: the visit can run again" };
  }
  if (application.state === 'card_prepared') return { to: 'failed', reason: 'interrupted after the card was prepared, before the request was queued' };
  return undefined;
}

export function recoverInterrupted(store: Store, actor = 'system'): RecoveryReport {
  const report = { cancelled: [] as string[], failed: [] as string[], completed: [] as string[], resumed: [] as string[], unconfirmed: [] as string[] };
  const { rows } = store.applications.list({ states: ['draft', 'card_prepared', 'written'] });
  for (const application of rows) {
    const decision = decide(store, application);
    if (decision === undefined) continue;
    try {
      store.recordTransition({
        applicationId: application.id,
        from: application.state,
        to: decision.to,
        patch: decision.to === 'completed' || decision.to === 'awaiting_reply' ? {} : { errorCode: decision.errorCode ?? 'INTERRUPTED' },
        audit: { actor, action: 'application.recovered', details: { reason: decision.reason } },
      });
    } catch (error) {
      // Another process moved it meanwhile: its state is the truth.
      if (isStoreError(error) && error.code === 'STORE_STATE_CONFLICT') continue;
      throw error;
    }
    if (decision.errorCode === unconfirmedChange) report.unconfirmed.push(application.id);
    else if (decision.to === 'cancelled') report.cancelled.push(application.id);
    else if (decision.to === 'failed') report.failed.push(application.id);
    else if (decision.to === 'awaiting_reply') report.resumed.push(application.id);
    else report.completed.push(application.id);
  }
  return report;
}
