/**
 * The clerk's choices in the visit state → the ApplicationRequest the procedure runner takes,
 * the same shape the CLI reads from a file (docs/design.md §8 `issue`). Holds no password.
 */
import type { VisitState } from '../api/visit';
import { formKindOf } from '../domain/application-form';
import { documentCodes, documentTakenAtFormStep, type DocumentCode } from '../domain/documents';
import { applicationRequestSchema, type ApplicationRequest } from '../issuance/application-request';

export type WorkingState = Extract<VisitState, { step: 'working' }>;

export function applicationRequestFor(state: WorkingState): ApplicationRequest {
  const revocation = state.procedure === 'revoke' ? { reason: state.revocationReason ?? 'unspecified', serials: revokedSerials(state) } : undefined;
  return applicationRequestSchema.parse({
    procedure: state.procedure,
    applicantType: state.applicant.applicantType,
    clerkId: state.clerk.id,
    documents: documentsOf(state),
    certificates: [...state.certificates],
    ...(state.basicInfo === null ? {} : { basicInfo: state.basicInfo }),
    applicant: { adultWard: state.applicant.adultWard, domicileInCity: state.applicant.domicileInCity, reissuedCard: state.applicant.reissuedCard },
    ...(state.continuesApplicationId === null ? {} : { continuesApplicationId: state.continuesApplicationId }),
    // The number on the signed form; a continued application already has its own.
    ...(state.receiptNumber === null || state.continuesApplicationId !== null ? {} : { receiptNumber: state.receiptNumber }),
    ...(revocation === undefined ? {} : { revocation }),
  });
}

/**
 * The ticked documents and, for a visit that went through the form step, the signed form the
 * clerk took there (the reducer lets no such visit start without it).
 */
function documentsOf(state: WorkingState): DocumentCode[] {
  const hasSignedForm = formKindOf(state.procedure) !== null;
  return documentCodes.filter((code) => (code === documentTakenAtFormStep ? hasSignedForm : state.applicant.documents.includes(code)));
}

/** The serials of the chosen certificates the card showed; without the card the runner looks them up. */
function revokedSerials(state: WorkingState): { sign?: string; auth?: string } {
  const serials: { sign?: string; auth?: string } = {};
  if (state.card === null) return serials;
  for (const kind of state.certificates) {
    const view = state.card.certificates[kind];
    if (view.state === 'present') serials[kind] = view.serial;
  }
  return serials;
}
