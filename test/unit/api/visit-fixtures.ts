/** One fixture state per visit step, for table-driven reducer and controller tests. */
import type { CardSummary, ClerkRef, ProcedureOutcome, VisitState, VisitStep } from '../../../src/api/visit';
import type { BasicInfo } from '../../../src/domain/vocabulary';

export const reader0 = 'Virtual PCD 00 00';
export const reader1 = 'Virtual PCD 00 01';
export const clerk: ClerkRef = { id: 'c01', name: 'Training Clerk' };
/** 1 April 2026, 10:00 in Japan: the age rules need a real date. */
export const env = { now: Date.UTC(2026, 3, 1, 1, 0), applicantIdleMs: 90_000, caAnswering: true, municipalityCode: '21213', receiptNumberFor: (): string | null => formNumber };
/** The number the fixture host reserves for a form. */
export const formNumber = '20260401-001';

const tries = { triesLeft: 5, maxTries: 5, isBlocked: false };

export function cardSummary(overrides: Partial<CardSummary> = {}): CardSummary {
  return {
    reader: reader0,
    cardType: 'myNumberCard',
    serial: 'SERIAL01',
    municipalityCode: '21213',
    cardExpiry: '2034-05-10',
    pins: { sign: tries, auth: { ...tries, maxTries: 3, triesLeft: 3 }, cardInfo: { ...tries, maxTries: 3, triesLeft: 3 } },
    certificates: { sign: { state: 'absent' }, auth: { state: 'absent' } },
    warnings: [],
    awaitingReply: [],
    ...overrides,
  };
}

export const card = cardSummary();
export const basicInfo: BasicInfo = { name: '窓口 花子', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '2' };
export const outcome: ProcedureOutcome = { procedure: 'issue', applications: [{ applicationId: '8a4a1e52-5e0e-4c55-9d8c-3c1a1f1b7c01', state: 'completed' }], receipts: [] };
const applicant = { applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], adultWard: false, domicileInCity: true, reissuedCard: false } as const;
const withIdentity = { clerk, card, basicInfo };
const withProcedure = { ...withIdentity, procedure: 'issue', continuesApplicationId: null } as const;
const withCertificates = { ...withProcedure, applicant, certificates: ['sign', 'auth'], revocationReason: null, receiptNumber: formNumber } as const;

export const fixtures: { readonly [S in VisitStep]: Extract<VisitState, { step: S }> } = {
  signedOut: { step: 'signedOut', notice: null },
  awaitingCard: { step: 'awaitingCard', clerk, notice: null, readError: null },
  readingCard: { step: 'readingCard', clerk, reader: reader0 },
  cardPresent: { step: 'cardPresent', clerk, card, notice: null, readError: null },
  cardInfoPin: { step: 'cardInfoPin', clerk, card, lastAttemptFailed: false, deadlineAt: env.now + 5 },
  identity: { step: 'identity', ...withIdentity, source: 'card' },
  procedure: { step: 'procedure', ...withIdentity },
  applicant: { step: 'applicant', ...withProcedure },
  certificates: { step: 'certificates', ...withProcedure, applicant },
  applicationForm: { step: 'applicationForm', ...withCertificates, formSigned: true },
  offlineNotice: { step: 'offlineNotice', ...withCertificates },
  passwords: { step: 'passwords', ...withCertificates, offlineAccepted: false, deadlineAt: env.now + 5 },
  working: { step: 'working', ...withCertificates, progress: [], cardRemoved: false },
  done: { step: 'done', clerk, card, outcome },
  refused: { step: 'refused', clerk, card, procedure: 'issue', certificates: ['sign', 'auth'], reasons: ['R-ELIG-1'] },
  failed: { step: 'failed', clerk, card, procedure: 'issue', error: { code: 'CARD_REMOVED', retryable: true, details: {} } },
};

export const allSteps = Object.keys(fixtures) as VisitStep[];
