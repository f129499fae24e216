import type { ApplicantType, Procedure } from './vocabulary';

/** What the clerk ticks at the counter (docs/glossary.md code column). */
export const documentCodes = ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof', 'inquiryLetter'] as const;
export type DocumentCode = (typeof documentCodes)[number];

export interface DocumentsInput {
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  /** The applicant is under 15 (R-ELIG-4); with `domicileInCity` it waives the family register copy. */
  readonly under15?: boolean;
  /** The applicant's registered domicile (本籍) is in this city. */
  readonly domicileInCity?: boolean;
  /** Voluntary proxy: the first visit files the request; the second returns the letter (R-APP-3). */
  readonly proxyVisit?: 'first' | 'second';
}

/** The issue fee in yen (R-DOC-3). */
export const reissuedCardFeeYen = 200;

/**
 * R-APP-1..3, R-DOC-1..2, R-LOCK-2: documents required for a procedure and applicant type.
 * Decisions where the page is silent: a password reset and a pick-up need the card but no
 * form; a revocation request needs the form but not the card (it may be lost). A legal
 * representative brings a photo ID and proof of authority, except that the family register
 * copy is waived for an applicant under 15 whose domicile is in the city. A voluntary proxy
 * brings their own photo ID; on the second visit also the filled-in inquiry-and-reply letter.
 */
export function requiredDocuments(input: DocumentsInput): DocumentCode[] {
  const needed = new Set<DocumentCode>();
  const { procedure, applicantType } = input;
  if (procedure !== 'revoke') needed.add('myNumberCard');
  if (procedure === 'issue' || procedure === 'renew' || procedure === 'revoke') needed.add('applicationForm');
  if (applicantType === 'legalRepresentative') {
    needed.add('photoId');
    const waived = input.under15 === true && input.domicileInCity === true;
    if (!waived) needed.add('authorityProof');
  }
  if (applicantType === 'proxy') {
    needed.add('photoId');
    if (input.proxyVisit === 'second') needed.add('inquiryLetter');
  }
  return documentCodes.filter((code) => needed.has(code));
}

/**
 * R-DOC-2 at the counter: the terminal prints the application form from the card after the
 * certificates are chosen, and the clerk takes the signed copy at that step (the visit does not
 * start without it). It is not on the checklist the clerk ticks before, where nobody has it yet.
 */
export const documentTakenAtFormStep = 'applicationForm' satisfies DocumentCode;

/** The documents the clerk ticks on the applicant's checklist: the required ones but the form. */
export function checklistDocuments(required: readonly DocumentCode[]): DocumentCode[] {
  return required.filter((code) => code !== documentTakenAtFormStep);
}

/** R-APP-1..3, R-LOCK-2: in person and legal representative the same day; a voluntary proxy never. */
export function isSameDay(applicantType: ApplicantType): boolean {
  return applicantType !== 'proxy';
}

/**
 * R-DOC-3: 200 yen only when certificates are issued onto a card re-issued after a loss or
 * similar; first issuance, renewal, issuance after a change of facts, a password reset,
 * pick-up and revocation are free.
 */
export function fee(input: { readonly procedure: Procedure; readonly cardReissued: boolean }): number {
  return (input.procedure === 'issue' || input.procedure === 'renew') && input.cardReissued ? reissuedCardFeeYen : 0;
}
