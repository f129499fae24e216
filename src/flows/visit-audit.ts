/**
 * What the visit's own steps leave in the audit log, beside what the procedures record: the
 * clerk's tick that the signed application form came back (or its withdrawal), and a refusal
 * decided before the passwords. Pure: a transition in, the entry (or none) out.
 */
import type { VisitState } from '../api/visit';
import type { AuditEntryInput } from '../store/audit-log';

/** Which clerk said the signed form was received, or took it back, and for what. */
export function formTickEntry(before: VisitState, after: VisitState): AuditEntryInput | null {
  if (before.step !== 'applicationForm' || after.step !== 'applicationForm' || before.formSigned === after.formSigned) return null;
  return {
    actor: after.clerk.id,
    action: after.formSigned ? 'application.formReceived' : 'application.formReceiptWithdrawn',
    details: { receiptNumber: after.receiptNumber, procedure: after.procedure, applicantType: after.applicant.applicantType, cardSerial: after.card?.serial ?? null },
  };
}

/** A refusal decided before the passwords leaves its trace like one the procedure decides. */
export function earlyRefusalEntry(before: VisitState, after: VisitState): AuditEntryInput | null {
  if (after.step !== 'refused' || before.step !== 'certificates') return null;
  return {
    actor: before.clerk.id,
    action: 'application.refusedBeforePasswords',
    details: { procedure: before.procedure, applicantType: before.applicant.applicantType, cardSerial: before.card?.serial ?? null, reasons: [...after.reasons] },
  };
}
