/** Visit states for the clerk screens beyond the shared fixtures. Fictional data only. */
import type { Receipt } from '../../../src/api/contract';
import type { VisitState } from '../../../src/api/visit';
import { basicInfo, card, clerk, selfApplicant } from '../fixtures';

type StepState<S extends VisitState['step']> = Extract<VisitState, { step: S }>;

export const applicationId = '0b5d3c9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

export const clerkStates = {
  procedure: (o: Partial<StepState<'procedure'>> = {}): StepState<'procedure'> => ({ step: 'procedure', clerk, card: card(), basicInfo, ...o }),
  applicant: (o: Partial<StepState<'applicant'>> = {}): StepState<'applicant'> => ({ step: 'applicant', clerk, card: card(), basicInfo, procedure: 'issue', continuesApplicationId: null, ...o }),
  certificates: (o: Partial<StepState<'certificates'>> = {}): StepState<'certificates'> => ({
    step: 'certificates',
    clerk,
    card: card(),
    basicInfo,
    procedure: 'issue',
    continuesApplicationId: null,
    applicant: selfApplicant,
    ...o,
  }),
  refused: (reasons: readonly string[]): StepState<'refused'> => ({ step: 'refused', clerk, card: card(), procedure: 'issue', certificates: ['sign', 'auth'], reasons }),
  failed: (retryable: boolean): StepState<'failed'> => ({ step: 'failed', clerk, card: card(), procedure: 'issue', error: { code: 'EST_SERVER_ERROR', retryable, details: {} } }),
  done: (receipts: readonly Receipt[], o: Partial<StepState<'done'>> = {}): StepState<'done'> => ({
    step: 'done',
    clerk,
    card: card(),
    outcome: { procedure: receipts[0]?.procedure ?? 'issue', applications: receipts.map((r) => ({ applicationId: r.applicationId, state: r.state })), receipts },
    ...o,
  }),
};

function era(iso: string) {
  return { iso, gregorianJa: '', eraJa: '', gregorianEn: '', eraEn: '', en: '' };
}

export function receipt(o: Partial<Receipt> = {}): Receipt {
  return {
    applicationId,
    receiptNumber: '20251125-007',
    applicantName: '各務原 一郎',
    procedure: 'issue',
    applicantType: 'self',
    state: 'completed',
    date: era('2025-11-25'),
    certificates: [
      { kind: 'sign', status: 'written', serial: '0A1B2C', expiry: era('2030-05-10'), expiryIsExpected: false },
      { kind: 'auth', status: 'written', serial: '0A1B2D', expiry: era('2030-05-10'), expiryIsExpected: false },
    ],
    feeYen: 0,
    nextStep: 'none',
    warnings: ['false-application-is-a-crime'],
    inquiryLetter: null,
    ...o,
  };
}
