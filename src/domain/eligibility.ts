import { isUnder15 } from './age';
import { isSameDay } from './documents';
import type { ApplicantType, CardType, CertificateKind } from './vocabulary';

/** Why the application cannot proceed at all. */
export const refusalCodes = [
  'no-card', // R-ELIG-3: without a My Number Card nothing can be issued today
  'juki-card', // R-ELIG-3: a Basic Resident Register card cannot receive certificates
  'other-municipality', // R-ELIG-1, R-ELIG-5: the card's address is not in this municipality
  'representative-required', // R-ELIG-4, R-APP-2: under 15 or adult ward must come with the representative
  'representative-not-applicable', // R-APP-2: a legal representative acts only for those two
  'pin-locked', // R-LOCK-4: a locked password is never tried for a change; it is reset (R-LOCK-2)
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

/** The rules behind each refusal, for the refusal receipt (R-PROC-6) and the screens. */
export const refusalRules = {
  'no-card': ['R-ELIG-3'],
  'juki-card': ['R-ELIG-3'],
  'other-municipality': ['R-ELIG-1', 'R-ELIG-5'],
  'representative-required': ['R-ELIG-4', 'R-APP-2'],
  'representative-not-applicable': ['R-APP-2'],
  'pin-locked': ['R-LOCK-1', 'R-LOCK-2', 'R-LOCK-4'],
} as const satisfies Record<RefusalCode, readonly string[]>;

/** What the screen must show. */
export const warningCodes = [
  'false-application-is-a-crime', // R-ELIG-2, always
  'no-sign-under-15', // R-ELIG-4
  'no-sign-adult-ward', // R-ELIG-4
  'representative-sets-pin', // R-ELIG-4: under 15, the representative sets the PIN
  'not-same-day', // R-APP-3
  'confirm-registration', // R-ELIG-5: the clerk confirms the address shown from the card
] as const;
export type WarningCode = (typeof warningCodes)[number];

export interface EligibilityInput {
  /** ISO dates. */
  readonly birthDate: string;
  readonly today: string;
  /** undefined: the applicant has no card with them. */
  readonly cardType: CardType | undefined;
  readonly cardMunicipalityCode: string | undefined;
  readonly municipalityCode: string;
  readonly applicantType: ApplicantType;
  readonly adultWard?: boolean;
  /** R-PROC-1: the applicant may decline the signing certificate. Default true. */
  readonly wantsSign?: boolean;
}

export interface Eligibility {
  readonly ok: boolean;
  readonly refusals: readonly RefusalCode[];
  /** Certificates that may be issued, in vocabulary order. */
  readonly certificates: readonly CertificateKind[];
  readonly sameDay: boolean;
  readonly warnings: readonly WarningCode[];
}

/** R-ELIG-1..5 (with R-APP-1..3): may this applicant be served, with which certificates. */
export function assessEligibility(input: EligibilityInput): Eligibility {
  const refusals: RefusalCode[] = [];
  const warnings: WarningCode[] = ['false-application-is-a-crime'];
  const under15 = isUnder15(input.birthDate, input.today);
  const adultWard = input.adultWard === true;
  const needsRepresentative = under15 || adultWard;

  if (input.cardType === undefined) refusals.push('no-card');
  else if (input.cardType === 'jukiCard') refusals.push('juki-card');
  if (input.cardMunicipalityCode !== undefined && input.cardMunicipalityCode !== input.municipalityCode) refusals.push('other-municipality');
  if (needsRepresentative && input.applicantType === 'self') refusals.push('representative-required');
  if (!needsRepresentative && input.applicantType === 'legalRepresentative') refusals.push('representative-not-applicable');

  const certificates: CertificateKind[] = [];
  if (!needsRepresentative && input.wantsSign !== false) certificates.push('sign');
  certificates.push('auth');
  if (under15) warnings.push('no-sign-under-15', 'representative-sets-pin');
  if (adultWard) warnings.push('no-sign-adult-ward');

  const sameDay = isSameDay(input.applicantType);
  if (!sameDay) warnings.push('not-same-day');
  if (input.cardMunicipalityCode !== undefined) warnings.push('confirm-registration');
  return { ok: refusals.length === 0, refusals, certificates: refusals.length === 0 ? certificates : [], sameDay, warnings };
}
