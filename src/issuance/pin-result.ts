/**
 * The result of a procedure that only changes passwords on the card (a reset, a change): done at
 * once, nothing owed to the CA, free; its receipt carries the number the application was filed
 * under, like every other receipt.
 */
import type { ApplicantType } from '../domain/vocabulary';
import type { IssuanceContext } from './context';
import type { ProcedureResult } from './issue';
import { buildReceipt, type ReceiptInput } from './receipt';

export function pinProcedureResult(ctx: IssuanceContext, done: { readonly applicationId: string; readonly procedure: 'resetPin' | 'changePin'; readonly applicantType: ApplicantType; readonly today: string; readonly certificates: ReceiptInput['certificates'] }): ProcedureResult {
  const { applicationId, procedure, applicantType, today, certificates } = done;
  return {
    applicationId,
    state: 'completed',
    certificates: [],
    receipt: buildReceipt({ applicationId, receiptNumber: ctx.store.applications.get(applicationId).receiptNumber, procedure, applicantType, state: 'completed', today, certificates, feeYen: 0, nextStep: 'none' }),
  };
}
