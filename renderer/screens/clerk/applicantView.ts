/**
 * What the applicant screen derives from the pure rules (src/domain): the documents to tick
 * (R-APP, R-DOC) and the fee (R-DOC-3). No words here; the screen says them.
 */
import { checklistDocuments, documentTakenAtFormStep, fee, requiredDocuments, type DocumentCode } from '../../../src/domain/documents';
import { isUnder15 } from '../../../src/domain/age';
import type { ApplicantType, BasicInfo, Procedure } from '../../../src/domain/vocabulary';

export interface ApplicantFacts {
  readonly applicantType: ApplicantType;
  readonly adultWard: boolean;
  readonly domicileInCity: boolean;
  readonly reissuedCard: boolean;
}

export interface ApplicantView {
  readonly under15: boolean;
  /** The documents the clerk ticks here: the required ones but the form, which comes at the form step. */
  readonly checklist: readonly DocumentCode[];
  /** The procedure needs the application form: printed from the card later, signed there (R-DOC-2). */
  readonly isFormPrintedLater: boolean;
  readonly feeYen: number;
  /** The family register copy is waived (under 15, domicile in the city, legal representative). */
  readonly isAuthorityProofWaived: boolean;
}

/**
 * Who most likely applies when the screen opens: an applicant under 15 comes with a legal
 * representative (R-ELIG-4), so 本人 is not offered first for them.
 */
export function likelyApplicant(basicInfo: BasicInfo | null, today: string): ApplicantType {
  return basicInfo !== null && isUnder15(basicInfo.birthDate, today) ? 'legalRepresentative' : 'self';
}

export function applicantView(input: { readonly procedure: Procedure; readonly continuesApplicationId: string | null; readonly basicInfo: BasicInfo | null; readonly facts: ApplicantFacts; readonly today: string }): ApplicantView {
  const under15 = input.basicInfo !== null && isUnder15(input.basicInfo.birthDate, input.today);
  const required = requiredDocuments({
    procedure: input.procedure,
    applicantType: input.facts.applicantType,
    under15,
    domicileInCity: input.facts.domicileInCity,
    proxyVisit: input.continuesApplicationId === null ? 'first' : 'second',
  });
  return {
    under15,
    checklist: checklistDocuments(required),
    isFormPrintedLater: required.includes(documentTakenAtFormStep),
    feeYen: fee({ procedure: input.procedure, cardReissued: input.facts.reissuedCard }),
    isAuthorityProofWaived: input.facts.applicantType === 'legalRepresentative' && !required.includes('authorityProof'),
  };
}
