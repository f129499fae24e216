/**
 * Every refusal the rules can decide before the applicant types a password (R-ELIG-1..5,
 * R-APP-1..3, R-DOC-1..2, R-CERT-4): from the card's facts, the basic 4 information, who
 * applies and the documents ticked. The visit asks this before it turns the screen to the
 * applicant, so nobody types passwords for an application that will be refused. The same rules
 * run again in the procedure itself (src/issuance/screening.ts); this only moves the answer
 * earlier, it never relaxes it.
 */
import { isUnder15 } from './age';
import { isCertificateText } from './certificate-text';
import { checklistDocuments, requiredDocuments, type DocumentCode } from './documents';
import { assessEligibility, type RefusalCode } from './eligibility';
import type { ApplicantType, BasicInfo, CardType, CertificateKind, Procedure } from './vocabulary';

export interface PrecheckInput {
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly adultWard: boolean;
  readonly domicileInCity: boolean;
  readonly documents: readonly DocumentCode[];
  readonly certificates: readonly CertificateKind[];
  /** null when not read (a proxy's second visit may rely on what the first visit recorded). */
  readonly basicInfo: BasicInfo | null;
  /** null when no card was presented. */
  readonly card: { readonly cardType: CardType; readonly municipalityCode: string } | null;
  /** A voluntary proxy's second visit continues an application. */
  readonly isSecondVisit: boolean;
  readonly municipalityCode: string;
  /** ISO date of the visit in Japan. */
  readonly today: string;
}

/** A refusal code, a missing document's code, or the rule id R-CERT-4: the same codes the procedure refuses with. */
export type PrecheckReason = RefusalCode | DocumentCode | 'R-CERT-4';

/** A date of birth after today is a typing error the procedure reports; no age rule can be applied to it here. */
function usableBasicInfo(input: PrecheckInput): BasicInfo | null {
  return input.basicInfo !== null && input.basicInfo.birthDate <= input.today ? input.basicInfo : null;
}

function eligibilityRefusals(input: PrecheckInput): PrecheckReason[] {
  const wantsSign = input.certificates.includes('sign');
  const basicInfo = usableBasicInfo(input);
  if (basicInfo === null) {
    // Without the date of birth only what the card itself says can be decided now.
    const refusals: PrecheckReason[] = [];
    if (input.card?.cardType === 'jukiCard') refusals.push('juki-card');
    if (input.card !== null && input.card.municipalityCode !== input.municipalityCode) refusals.push('other-municipality');
    return refusals;
  }
  if (wantsSign && !(isCertificateText(basicInfo.name) && isCertificateText(basicInfo.address))) return ['R-CERT-4'];
  const eligibility = assessEligibility({
    birthDate: basicInfo.birthDate,
    today: input.today,
    cardType: input.card?.cardType,
    cardMunicipalityCode: input.card?.municipalityCode,
    municipalityCode: input.municipalityCode,
    applicantType: input.applicantType,
    adultWard: input.adultWard,
    wantsSign,
  });
  if (!eligibility.ok) return [...eligibility.refusals];
  // Only the signing certificate asked for, and R-ELIG-4 takes it away: nothing would be issued.
  return input.certificates.some((k) => eligibility.certificates.includes(k)) ? [] : ['representative-required'];
}

function missingDocuments(input: PrecheckInput): DocumentCode[] {
  const base = { procedure: input.procedure, applicantType: input.applicantType, domicileInCity: input.domicileInCity, ...(input.isSecondVisit ? { proxyVisit: 'second' as const } : {}) };
  // Without the date of birth, only what is required at any age (the under-15 waiver may apply).
  const basicInfo = usableBasicInfo(input);
  const required =
    basicInfo === null
      ? requiredDocuments({ ...base, under15: true }).filter((d) => requiredDocuments({ ...base, under15: false }).includes(d))
      : requiredDocuments({ ...base, under15: isUnder15(basicInfo.birthDate, input.today) });
  // The form comes at the next step (printed, then signed); the visit refuses to start without it.
  return checklistDocuments(required).filter((d) => !input.documents.includes(d));
}

/** The visit as it stands when the certificates are chosen: what the precheck reads of it. */
export interface VisitFacts {
  readonly applicant: Omit<PrecheckInput, 'procedure' | 'certificates' | 'basicInfo' | 'card' | 'isSecondVisit' | 'municipalityCode' | 'today'>;
  readonly procedure: Procedure;
  readonly basicInfo: BasicInfo | null;
  readonly card: PrecheckInput['card'];
  readonly continuesApplicationId: string | null;
}

/**
 * The precheck for a visit's facts, the one way both the host's reducer (which refuses) and the
 * clerk's screen (which previews) ask it, so the two cannot ask differently.
 */
export function refusalsForVisit(visit: VisitFacts, certificates: readonly CertificateKind[], municipalityCode: string, today: string): PrecheckReason[] {
  return refusalsBeforePasswords({
    ...visit.applicant,
    procedure: visit.procedure,
    certificates,
    basicInfo: visit.basicInfo,
    card: visit.card,
    isSecondVisit: visit.continuesApplicationId !== null,
    municipalityCode,
    today,
  });
}

/** The reasons the application would be refused; empty when the applicant may go on to the passwords. */
export function refusalsBeforePasswords(input: PrecheckInput): PrecheckReason[] {
  const isIssuance = input.procedure === 'issue' || input.procedure === 'renew';
  return [...(isIssuance ? eligibilityRefusals(input) : []), ...missingDocuments(input)];
}
