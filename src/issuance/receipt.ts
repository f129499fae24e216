/**
 * The receipt every procedure ends with (R-PROC-6): what was done, validity dates in
 * Gregorian and Japanese era, the fee, and what to do next. Pure: the use cases gather facts,
 * this shapes them.
 */
import { eraDate, type EraDate } from '../domain/era-date';
import type { ApplicantType, ApplicationState, CertificateKind, Procedure } from '../domain/vocabulary';

export const nextSteps = {
  none: { ja: '手続きは完了しました。', en: 'The procedure is complete.' },
  presentCardForPickUp: {
    ja: '電子証明書は認証局との通信が回復し次第発行されます。次回いずれかの窓口でカードを提示すると、カードに書き込みます。',
    en: 'The certificates will be issued when the connection to the CA is back. They are written onto the card when it is next presented at any counter.',
  },
  awaitInquiryLetter: {
    ja: '照会書兼回答書を申請者の住所に郵送します。回答を記入のうえ、必要書類とともに窓口へお持ちください。',
    en: "An inquiry-and-reply letter is mailed to the applicant's registered address. Bring it back filled in, with the required documents.",
  },
  revocationReported: { ja: '失効を認証局に届け出ました。', en: 'The revocation was reported to the CA.' },
  revocationPending: {
    ja: '失効の届出は認証局との通信が回復し次第送信されます。',
    en: 'The revocation will be reported to the CA as soon as the connection is back.',
  },
  seeClerk: { ja: '窓口職員にお尋ねください。', en: 'Please ask the clerk.' },
} as const satisfies Record<string, { ja: string; en: string }>;
export type NextStep = keyof typeof nextSteps;

export type ReceiptCertificateStatus = 'written' | 'waitingForCard' | 'requested' | 'pinReset' | 'revoked' | 'revocationPending';

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
  readonly addresseeName: string;
  readonly addresseeAddress: string;
  /** The next counter day (R-HOURS decision). */
  readonly dated: EraDate;
  readonly certificates: readonly CertificateKind[];
}

export interface Receipt {
  readonly applicationId: string;
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly state: ApplicationState;
  readonly date: EraDate;
  readonly certificates: readonly ReceiptCertificate[];
  readonly feeYen: number;
  readonly nextStep: NextStep;
  readonly nextStepText: { readonly ja: string; readonly en: string };
  /** Eligibility warnings shown to the applicant (R-ELIG-2 always). */
  readonly warnings: readonly string[];
  readonly inquiryLetter: InquiryLetter | null;
}

export interface ReceiptInput {
  readonly applicationId: string;
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
    nextStepText: nextSteps[input.nextStep],
    warnings: [...(input.warnings ?? [])],
    inquiryLetter: input.inquiryLetter ?? null,
  };
}
