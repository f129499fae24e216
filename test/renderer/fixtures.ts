/**
 * Visit states and host views for renderer tests: one builder per step, with overrides, so each
 * test says only what matters to it. Fictional data only.
 */
import type { ReaderInfo, SessionInfo, SyncStatusView, TrainingView } from '../../src/api/contract';
import type { ApplicantDetails, CardSummary, ClerkRef, PinTries, VisitState } from '../../src/api/visit';
import type { BasicInfo } from '../../src/domain/vocabulary';

type StepState<S extends VisitState['step']> = Extract<VisitState, { step: S }>;

export const clerk: ClerkRef = { id: 'clerk-01', name: '研修 太郎' };

export const session: SessionInfo = {
  terminal: { terminalId: 'T-0001', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: true },
  clerks: [clerk, { id: 'clerk-02', name: '研修 花子' }],
  clerk,
  timeouts: { applicantIdleMs: 120_000, applicantWarningMs: 30_000, clerkIdleMs: 600_000 },
};

export const syncStatus: SyncStatusView = { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: true, lastError: null, terminalError: null };
export const readers: readonly ReaderInfo[] = [
  { name: 'Virtual PCD 00 00', hasCard: true },
  { name: 'Virtual PCD 00 01', hasCard: false },
];
export const training: TrainingView = {
  residents: [{ id: 'r01-ordinary', name: '各務原 一郎', tags: ['ordinary'] }],
  slots: [
    { slot: 0, reader: 'Virtual PCD 00 00', residentId: 'r01-ordinary' },
    { slot: 1, reader: 'Virtual PCD 00 01', residentId: null },
  ],
};

export function tries(triesLeft: number, maxTries = 3): PinTries {
  return { triesLeft, maxTries, isBlocked: triesLeft === 0 };
}

export function card(overrides: Partial<CardSummary> = {}): CardSummary {
  return {
    reader: 'Virtual PCD 00 00',
    cardType: 'myNumberCard',
    serial: 'SERIAL-0001',
    municipalityCode: '21213',
    cardExpiry: '2034-05-10',
    pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(3) },
    certificates: { sign: { state: 'absent' }, auth: { state: 'absent' } },
    warnings: [],
    awaitingReply: [],
    ...overrides,
  };
}

export const basicInfo: BasicInfo = { name: '各務原 一郎', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1990-05-10', sex: '1' };

export const selfApplicant: ApplicantDetails = { applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], adultWard: false, domicileInCity: true, reissuedCard: false };

/** A deadline far enough away that no idle warning shows unless a test asks for one. */
export function farDeadline(): number {
  return Date.now() + 10 * 60_000;
}

/** What every step from the certificates on carries: the card read, the basic 4, an adult's issuance in person. */
export function applicantChosen(): Pick<StepState<'certificates'>, 'clerk' | 'card' | 'basicInfo' | 'procedure' | 'continuesApplicationId' | 'applicant'> {
  return { clerk, card: card(), basicInfo, procedure: 'issue', continuesApplicationId: null, applicant: selfApplicant };
}

/** `applicantChosen` with both certificates chosen and no revocation. */
export function certificatesChosen(): Pick<StepState<'passwords'>, 'clerk' | 'card' | 'basicInfo' | 'procedure' | 'continuesApplicationId' | 'applicant' | 'certificates' | 'revocationReason'> {
  return { ...applicantChosen(), certificates: ['sign', 'auth'], revocationReason: null };
}

export const states = {
  signedOut: (o: Partial<StepState<'signedOut'>> = {}): StepState<'signedOut'> => ({ step: 'signedOut', notice: null, ...o }),
  awaitingCard: (o: Partial<StepState<'awaitingCard'>> = {}): StepState<'awaitingCard'> => ({ step: 'awaitingCard', clerk, notice: null, readError: null, ...o }),
  cardPresent: (o: Partial<StepState<'cardPresent'>> = {}): StepState<'cardPresent'> => ({ step: 'cardPresent', clerk, card: card(), notice: null, readError: null, ...o }),
  cardInfoPin: (o: Partial<StepState<'cardInfoPin'>> = {}): StepState<'cardInfoPin'> => ({ step: 'cardInfoPin', clerk, card: card(), lastAttemptFailed: false, deadlineAt: farDeadline(), ...o }),
  identity: (o: Partial<StepState<'identity'>> = {}): StepState<'identity'> => ({ step: 'identity', clerk, card: card(), basicInfo, source: 'card', ...o }),
  passwords: (o: Partial<StepState<'passwords'>> = {}): StepState<'passwords'> => ({
    step: 'passwords',
    ...certificatesChosen(),
    offlineAccepted: false,
    receiptNumber: '20260401-001',
    deadlineAt: farDeadline(),
    ...o,
  }),
  working: (o: Partial<StepState<'working'>> = {}): StepState<'working'> => ({
    step: 'working',
    ...certificatesChosen(),
    receiptNumber: null,
    progress: [],
    cardRemoved: false,
    ...o,
  }),
};
