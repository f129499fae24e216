/**
 * The receipt every procedure ends with (R-PROC-6): what was done, validity dates in
 * Gregorian and Japanese era, the fee, and what to do next. Pure: the use cases gather facts,
 * this shapes them.
 */
import type { ApplicationHeadline } from '../domain/application-headline';
import { eraDate, type EraDate } from '../domain/era-date';
import { refusalRules } from '../domain/eligibility';
import type { ApplicantType, ApplicationState, CertificateKind, Procedure } from '../domain/vocabulary';

/** What the applicant does next; the words live in the renderer (src/words/receipt.ts). */
export const nextSteps = ['none', 'presentCardForPickUp', 'awaitInquiryLetter', 'revocationReported', 'revocationPending', 'seeClerk'] as const;
export type NextStep = (typeof nextSteps)[number];

export type ReceiptCertificateStatus = 'written' | 'waitingForCard' | 'requested' | 'pinReset' | 'pinChanged' | 'revoked' | 'revocationPending';

export interface ReceiptCertificate {
  readonly kind: CertificateKind;
  readonly status: ReceiptCertificateStatus;
  /** Upper-case hex, once the CA issued it. */
  readonly serial: string | null;
  /** Last valid day; `expiryIsExpected` when computed locally because the CA has not answered yet. */
  readonly expiry: EraDate | null;
  readonly expiryIsExpected: boolean;
}

export interface InquiryLetter {
  readonly applicationId: string;
  /** The number the applicant quotes when the proxy comes back (`YYYYMMDD-NNN`); null for an application older than it. */
  readonly receiptNumber: string | null;
  readonly addresseeName: string;
  readonly addresseeAddress: string;
  /** The next counter day (R-HOURS decision). */
  readonly dated: EraDate;
  readonly certificates: readonly CertificateKind[];
}

export interface Receipt extends ApplicationHeadline {
  readonly applicationId: string;
  /** The applicant's name while the terminal still holds it (it is purged later, R-RET). */
  readonly applicantName: string | null;
  readonly state: ApplicationState;
  readonly date: EraDate;
  readonly certificates: readonly ReceiptCertificate[];
  readonly feeYen: number;
  readonly nextStep: NextStep;
  /** Eligibility warnings shown to the applicant (R-ELIG-2 always). */
  readonly warnings: readonly string[];
  readonly inquiryLetter: InquiryLetter | null;
}

export interface ReceiptInput {
  readonly applicationId: string;
  readonly receiptNumber?: string | null;
  readonly applicantName?: string | null;
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly state: ApplicationState;
  /** ISO date of the visit (JST). */
  readonly today: string;
  readonly certificates: readonly {
    readonly kind: CertificateKind;
    readonly status: ReceiptCertificateStatus;
    readonly serial?: string | null;
    readonly expiry?: string | null;
    readonly expiryIsExpected?: boolean;
  }[];
  readonly feeYen: number;
  readonly nextStep: NextStep;
  readonly warnings?: readonly string[];
  readonly inquiryLetter?: InquiryLetter | null;
}

export function buildReceipt(input: ReceiptInput): Receipt {
  return {
    applicationId: input.applicationId,
    receiptNumber: input.receiptNumber ?? null,
    applicantName: input.applicantName ?? null,
    procedure: input.procedure,
    applicantType: input.applicantType,
    state: input.state,
    date: eraDate(input.today),
    certificates: input.certificates.map((c) => ({
      kind: c.kind,
      status: c.status,
      serial: c.serial ?? null,
      expiry: c.expiry === undefined || c.expiry === null ? null : eraDate(c.expiry),
      expiryIsExpected: c.expiryIsExpected === true,
    })),
    feeYen: input.feeYen,
    nextStep: input.nextStep,
    warnings: [...(input.warnings ?? [])],
    inquiryLetter: input.inquiryLetter ?? null,
  };
}

/** One reason a refusal receipt gives: the refusal code and the rules it rests on. */
export interface RefusalReason {
  readonly code: string;
  readonly rules: readonly string[];
}

/**
 * The receipt of an eligibility refusal (R-ELIG, R-PROC-6): what was refused, when, and why by
 * rule id. Codes only; the sentences live in the word catalogues (receipt words).
 */
export interface RefusalReceipt {
  /** The rejected application's id, when one was recorded. */
  readonly applicationId: string | null;
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly date: EraDate;
  readonly certificates: readonly CertificateKind[];
  readonly reasons: readonly RefusalReason[];
}

function rulesOf(code: string): readonly string[] {
  if (/^R-[A-Z]+-\d+$/.test(code)) return [code];
  const known = Object.entries(refusalRules).find(([refusal]) => refusal === code);
  return known === undefined ? [] : known[1];
}

export function buildRefusalReceipt(
  input: Pick<RefusalReceipt, 'applicationId' | 'procedure' | 'applicantType' | 'certificates'> & { readonly today: string; readonly reasons: readonly string[] },
): RefusalReceipt {
  return {
    applicationId: input.applicationId,
    procedure: input.procedure,
    applicantType: input.applicantType,
    date: eraDate(input.today),
    certificates: [...input.certificates],
    reasons: input.reasons.map((code) => ({ code, rules: rulesOf(code) })),
  };
}
