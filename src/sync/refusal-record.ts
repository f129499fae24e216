import type { Store } from '../store/unit-of-work';

/**
 * The CA refusing this terminal is a fact about the terminal, not about any row, so it is kept
 * in the audit log (append-only, and what an auditor wants to see anyway): one entry when a
 * refusal starts or changes reason, one when the CA accepts the terminal again. The latest of
 * them is the current state, for a restarted engine and for `queue list` beside a running one.
 */
const subject = 'ca-connection';
const refusedAction = 'sync.ca-refused';
const acceptedAction = 'sync.ca-accepted';

export interface TerminalRefusal {
  readonly code: string;
  readonly at: number;
}

export function currentRefusal(store: Store): TerminalRefusal | null {
  const last = store.audit.list({ subject }).rows.at(-1);
  if (last?.action !== refusedAction) return null;
  const code = last.details['code'];
  return typeof code === 'string' ? { code, at: last.at } : null;
}

/** Records a change only: the same refusal seen again adds nothing. */
export function recordRefusal(store: Store, previous: TerminalRefusal | null, next: TerminalRefusal | null): void {
  if (previous?.code === next?.code) return;
  if (next === null) store.audit.append({ actor: 'sync', action: acceptedAction, subject });
  else store.audit.append({ actor: 'sync', action: refusedAction, subject, details: { code: next.code } });
}
