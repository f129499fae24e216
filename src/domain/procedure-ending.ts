/**
 * How a finished procedure ended, read from what it left (its receipts), so that no screen
 * calls a procedure finished when it is not (R-PROC-3, R-PROC-6). Codes only; the renderer
 * owns the words.
 *
 * - `completed`: everything the procedure set out to do is done (written, reset, reported).
 * - `accepted`: recorded and waiting — for the CA, for a pick-up, for a proxy's reply. Nothing
 *   is finished yet, so the screen says what happens next, never that it is done.
 * - `unchanged`: the procedure changed nothing at all (a pick-up with nothing the card could
 *   take yet). It never ends on a success screen.
 */
import type { Procedure } from './vocabulary';

export const procedureEndings = ['completed', 'accepted', 'unchanged'] as const;
export type ProcedureEnding = (typeof procedureEndings)[number];

/** The part of a receipt the ending depends on (src/issuance/receipt.ts has the whole). */
export interface EndingReceipt {
  readonly nextStep: string;
  readonly certificates: readonly { readonly status: string }[];
}

export interface EndingInput {
  readonly procedure: Procedure;
  readonly receipts: readonly EndingReceipt[];
}

/** Next steps that mean nothing is left to do. */
const finishedSteps: ReadonlySet<string> = new Set(['none', 'revocationReported']);

const wroteSomething = (receipt: EndingReceipt): boolean => receipt.certificates.some((c) => c.status === 'written');

export function endingOf(outcome: EndingInput): ProcedureEnding {
  const { receipts } = outcome;
  // A pick-up exists to write onto the card: if nothing was written, nothing happened.
  if (outcome.procedure === 'pickUp' && !receipts.some(wroteSomething)) return 'unchanged';
  if (receipts.length === 0) return 'unchanged';
  return receipts.every((r) => finishedSteps.has(r.nextStep)) ? 'completed' : 'accepted';
}

/** A pick-up that changed nothing because the certificates are still on their way, not because there were none. */
export function isStillWaiting(outcome: EndingInput): boolean {
  return outcome.receipts.some((r) => r.certificates.some((c) => c.status === 'waitingForCard' || c.status === 'requested'));
}
