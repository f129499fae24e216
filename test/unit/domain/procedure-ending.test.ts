import type { ProcedureOutcome } from '../../../src/api/visit';
import { endingOf, isStillWaiting } from '../../../src/domain/procedure-ending';
import { buildReceipt, type ReceiptInput } from '../../../src/issuance/receipt';

const base: ReceiptInput = { applicationId: 'a1', procedure: 'issue', applicantType: 'self', state: 'completed', today: '2026-04-01', certificates: [{ kind: 'auth', status: 'written', serial: '0A' }], feeYen: 0, nextStep: 'none' };
const outcome = (procedure: ProcedureOutcome['procedure'], inputs: readonly Partial<ReceiptInput>[]): ProcedureOutcome => ({
  procedure,
  applications: [],
  receipts: inputs.map((i) => buildReceipt({ ...base, ...i })),
});

describe('endingOf', () => {
  it.each([
    ['issuance written', outcome('issue', [{}]), 'completed'],
    ['issuance queued', outcome('renew', [{ state: 'queued', nextStep: 'presentCardForPickUp', certificates: [{ kind: 'auth', status: 'waitingForCard' }] }]), 'accepted'],
    ['issued but not written (card pulled)', outcome('issue', [{ state: 'issued', nextStep: 'presentCardForPickUp', certificates: [{ kind: 'auth', status: 'waitingForCard', serial: '0B' }] }]), 'accepted'],
    ['proxy first visit', outcome('issue', [{ state: 'awaiting_reply', nextStep: 'awaitInquiryLetter', certificates: [] }]), 'accepted'],
    ['revocation reported', outcome('revoke', [{ nextStep: 'revocationReported', certificates: [{ kind: 'sign', status: 'revoked' }] }]), 'completed'],
    ['revocation queued', outcome('revoke', [{ state: 'queued', nextStep: 'revocationPending', certificates: [{ kind: 'sign', status: 'revocationPending' }] }]), 'accepted'],
    ['pick-up written', outcome('pickUp', [{}]), 'completed'],
    ['pick-up still waiting for the CA', outcome('pickUp', [{ state: 'queued', nextStep: 'presentCardForPickUp', certificates: [{ kind: 'auth', status: 'waitingForCard' }] }]), 'unchanged'],
    ['pick-up with nothing for the card', outcome('pickUp', []), 'unchanged'],
    ['no receipt at all', outcome('issue', []), 'unchanged'],
  ] as const)('%s → %s', (_name, given, expected) => {
    expect(endingOf(given)).toBe(expected);
  });

  it('tells a pick-up still waiting from one that found nothing', () => {
    expect(isStillWaiting(outcome('pickUp', [{ state: 'queued', nextStep: 'presentCardForPickUp', certificates: [{ kind: 'auth', status: 'waitingForCard' }] }]))).toBe(true);
    expect(isStillWaiting(outcome('pickUp', []))).toBe(false);
  });
});
