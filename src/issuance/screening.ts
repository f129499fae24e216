/**
 * The domain checks before anything is written to the card (R-ELIG, R-APP, R-DOC, R-PW):
 * pure, so the same answers reach the screen, the CLI and the tests.
 */
import type { CardFacts } from '../card/card-model';
import { isUnder15 } from '../domain/age';
import { isCertificateText } from '../domain/certificate-text';
import { fee, requiredDocuments } from '../domain/documents';
import { assessEligibility, type RefusalCode } from '../domain/eligibility';
import type { BasicInfo, CertificateKind } from '../domain/vocabulary';
import type { ApplicationRequest } from './application-request';
import { issuanceError } from './errors';
import { isCardReadyPassword, type Secrets } from './secrets';

export interface Screening {
  /** Certificates this visit issues: those requested that the applicant may receive. */
  readonly kinds: readonly CertificateKind[];
  readonly warnings: readonly string[];
  readonly feeYen: number;
  readonly refusals: readonly RefusalCode[];
}

export interface ScreeningInput {
  readonly request: ApplicationRequest;
  readonly basicInfo: BasicInfo;
  /** undefined when no card was presented (a voluntary proxy's first visit may come without one). */
  readonly facts: CardFacts | undefined;
  readonly today: string;
  readonly municipalityCode: string;
  readonly proxyVisit?: 'first' | 'second';
}

export function screen(input: ScreeningInput): Screening {
  const { request, basicInfo, facts } = input;
  // R-CERT-4: refused here, before any key is generated or signed, not later at the CA.
  if (request.certificates.includes('sign') && !(isCertificateText(basicInfo.name) && isCertificateText(basicInfo.address))) throw issuanceError('ISSUE_NOT_ELIGIBLE', 'R-CERT-4: the name or address holds a control, format or unassigned character', ['R-CERT-4']);
  const eligibility = assessEligibility({
    birthDate: basicInfo.birthDate,
    today: input.today,
    cardType: facts?.cardType ?? (input.proxyVisit === 'first' ? 'myNumberCard' : undefined),
    cardMunicipalityCode: facts?.municipalityCode,
    municipalityCode: input.municipalityCode,
    applicantType: request.applicantType,
    adultWard: request.applicant.adultWard,
    wantsSign: request.certificates.includes('sign'),
  });
  const kinds = request.certificates.filter((k) => eligibility.certificates.includes(k));
  return {
    kinds: eligibility.ok ? kinds : [],
    warnings: eligibility.warnings,
    feeYen: fee({ procedure: request.procedure, cardReissued: request.applicant.reissuedCard }),
    refusals: eligibility.ok && kinds.length === 0 ? ['representative-required'] : eligibility.refusals,
  };
}

/** R-APP, R-DOC: every required document ticked; throws ISSUE_MISSING_DOCUMENTS naming them. */
export function checkDocuments(request: ApplicationRequest, basicInfo: BasicInfo | undefined, today: string, proxyVisit?: 'first' | 'second'): void {
  const required = requiredDocuments({
    procedure: request.procedure,
    applicantType: request.applicantType,
    under15: basicInfo === undefined ? false : isUnder15(basicInfo.birthDate, today),
    domicileInCity: request.applicant.domicileInCity,
    ...(proxyVisit === undefined ? {} : { proxyVisit }),
  });
  const missing = required.filter((code) => !request.documents.includes(code));
  if (missing.length > 0) throw issuanceError('ISSUE_MISSING_DOCUMENTS', `documents not checked: ${missing.join(', ')}`, missing);
}

/** R-PW-1/2: a card-ready password for every kind; the message names kinds, never values. */
export function checkPasswords(kinds: readonly CertificateKind[], secrets: Secrets): void {
  const bad = kinds.filter((kind) => {
    const pin = secrets[kind];
    return pin === undefined || !isCardReadyPassword(kind, pin);
  });
  if (bad.length > 0) throw issuanceError('ISSUE_BAD_PASSWORD', `password missing or not valid for: ${bad.join(', ')}`, bad);
}
