/** Visit states for the clerk screens beyond the shared fixtures. Fictional data only. */
import type { QueueRowView, Receipt } from '../../../src/api/contract';
import type { VisitState } from '../../../src/api/visit';
import { applicantChosen, basicInfo, card, clerk } from '../fixtures';

type StepState<S extends VisitState['step']> = Extract<VisitState, { step: S }>;

export const applicationId = '0b5d3c9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

export const clerkStates = {
  procedure: (o: Partial<StepState<'procedure'>> = {}): StepState<'procedure'> => ({ step: 'procedure', clerk, card: card(), basicInfo, ...o }),
  applicant: (o: Partial<StepState<'applicant'>> = {}): StepState<'applicant'> => ({ step: 'applicant', clerk, card: card(), basicInfo, procedure: 'issue', continuesApplicationId: null, ...o }),
  certificates: (o: Partial<StepState<'certificates'>> = {}): StepState<'certificates'> => ({ step: 'certificates', ...applicantChosen(), ...o }),
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

/** A signing certificate request of this application that the CA refused for good, not yet acknowledged. */
export function refusedRow(o: Partial<QueueRowView> = {}): QueueRowView {
  return {
    id: '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    applicationId,
    receiptNumber: '20261204-003',
    certificateKind: 'sign',
    kind: 'enroll',
    state: 'failed_permanent',
    phase: 'failed',
    acknowledgedAt: null,
    attempts: 1,
    nextAttemptAt: 0,
    lastErrorCode: 'EST_REJECTED',
    createdAt: 0,
    certificateSerial: null,
    ...o,
  };
}
