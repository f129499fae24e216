import { isHostError } from '../../../src/api/errors';
import { type VisitEvent, type VisitState, type VisitStep } from '../../../src/api/visit';
import { reduceVisit } from '../../../src/api/visit-reducer';
import { allSteps, basicInfo, card, cardSummary, clerk, env, fixtures, formNumber, outcome, reader0, reader1 } from './visit-fixtures';

const reduce = (state: VisitState, event: VisitEvent) => reduceVisit(state, event, env);
const applicant = { applicantType: 'self' as const, documents: ['myNumberCard' as const], adultWard: false, domicileInCity: true, reissuedCard: false };
const proxyApplicationId = '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';

/** One sample of every event type, so each step can be tried with each. */
const samples: readonly VisitEvent[] = [
  { type: 'clerkSignedIn', clerk },
  { type: 'clerkSignedOut', reason: 'signOut' },
  { type: 'cardInserted', reader: reader0 },
  { type: 'cardRead', card },
  { type: 'cardReadFailed', reader: reader0, error: { code: 'CARD_TRANSPORT', retryable: true, details: {} } },
  { type: 'cardRemoved', reader: reader0 },
  { type: 'cardInfoRead', basicInfo, card },
  { type: 'cardInfoRefused', card },
  { type: 'passwordsAccepted' },
  { type: 'progress', step: 'issue-after-draft' },
  { type: 'procedureDone', outcome },
  { type: 'procedureRefused', reasons: ['R-ELIG-1'] },
  { type: 'procedureFailed', error: { code: 'CARD_REMOVED', retryable: true, details: {} } },
  { type: 'idleTimeout' },
  { type: 'readCardInfo' },
  { type: 'typeFactsInstead' },
  { type: 'startWithoutCard' },
  { type: 'confirmIdentity', basicInfo },
  { type: 'chooseProcedure', procedure: 'issue' },
  { type: 'setApplicant', applicant },
  { type: 'chooseCertificates', certificates: ['sign', 'auth'] },
  { type: 'setFormSigned', signed: true },
  { type: 'setRepresentativeName', name: '鵜沼 次郎' },
  { type: 'startProcedure' },
  { type: 'extendTime' },
  { type: 'goOnOffline' },
  { type: 'back' },
  { type: 'cancel' },
  { type: 'finish' },
];

/** Event types each step takes besides the ones every signed-in step handles (cancel, idle, card events, sign-out). */
const accepted: { readonly [S in VisitStep]: readonly VisitEvent['type'][] } = {
  signedOut: ['clerkSignedIn', 'cardInserted', 'cardRemoved', 'idleTimeout', 'clerkSignedOut'],
  awaitingCard: ['startWithoutCard'],
  readingCard: ['cardRead', 'cardReadFailed'],
  cardPresent: ['cardRead', 'cardReadFailed', 'readCardInfo', 'typeFactsInstead'],
  cardInfoPin: ['cardInfoRead', 'cardInfoRefused', 'extendTime', 'typeFactsInstead', 'back'],
  identity: ['confirmIdentity', 'back'],
  procedure: ['chooseProcedure', 'typeFactsInstead', 'back'],
  applicant: ['setApplicant', 'back'],
  certificates: ['chooseCertificates', 'back'],
  applicationForm: ['setFormSigned', 'startProcedure', 'back'],
  offlineNotice: ['goOnOffline', 'back'],
  passwords: ['passwordsAccepted', 'extendTime', 'back'],
  working: ['progress', 'procedureDone', 'procedureRefused', 'procedureFailed', 'idleTimeout', 'cardInserted', 'cardRemoved'],
  done: ['finish'],
  refused: ['finish'],
  failed: ['finish'],
};
const everySignedInStep: readonly VisitEvent['type'][] = ['clerkSignedOut', 'cancel', 'idleTimeout', 'cardRemoved', 'cardInserted'];

function takes(step: VisitStep, type: VisitEvent['type']): boolean {
  if (accepted[step].includes(type)) return true;
  if (step === 'signedOut' || step === 'working') return false;
  return everySignedInStep.includes(type);
}

describe('reduceVisit: transitions', () => {
  const cases: readonly [string, VisitState, VisitEvent, Partial<Record<string, unknown>>][] = [
    ['sign-in', fixtures.signedOut, { type: 'clerkSignedIn', clerk }, { step: 'awaitingCard', clerk, notice: null }],
    ['card inserted', fixtures.awaitingCard, { type: 'cardInserted', reader: reader0 }, { step: 'readingCard', reader: reader0 }],
    ['start without card', fixtures.awaitingCard, { type: 'startWithoutCard' }, { step: 'procedure', card: null, basicInfo: null }],
    ['card read', fixtures.readingCard, { type: 'cardRead', card }, { step: 'cardPresent', card, readError: null }],
    ['card read failed', fixtures.readingCard, { type: 'cardReadFailed', reader: reader0, error: { code: 'CARD_TRANSPORT', retryable: true, details: {} } }, { step: 'awaitingCard', readError: { code: 'CARD_TRANSPORT' } }],
    ['card re-read', { ...fixtures.cardPresent, readError: { code: 'CARD_IN_USE', retryable: true, details: {} } }, { type: 'cardRead', card: cardSummary({ serial: 'X' }) }, { step: 'cardPresent', card: cardSummary({ serial: 'X' }), readError: null }],
    ['card re-read failed', fixtures.cardPresent, { type: 'cardReadFailed', reader: reader0, error: { code: 'CARD_IN_USE', retryable: true, details: {} } }, { step: 'cardPresent', card, readError: { code: 'CARD_IN_USE' } }],
    ['read card info', fixtures.cardPresent, { type: 'readCardInfo' }, { step: 'cardInfoPin', lastAttemptFailed: false, deadlineAt: env.now + env.applicantIdleMs }],
    ['type facts', fixtures.cardPresent, { type: 'typeFactsInstead' }, { step: 'identity', source: 'clerk', basicInfo: null }],
    ['pick-up from card', fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'pickUp' }, { step: 'working', procedure: 'pickUp', certificates: ['sign', 'auth'] }],
    ['reset from card', fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'resetPin' }, { step: 'applicant', procedure: 'resetPin', basicInfo: null }],
    ['card info read', fixtures.cardInfoPin, { type: 'cardInfoRead', basicInfo, card }, { step: 'identity', source: 'card', basicInfo }],
    ['card info refused', fixtures.cardInfoPin, { type: 'cardInfoRefused', card }, { step: 'cardInfoPin', lastAttemptFailed: true }],
    [
      'card info locked',
      fixtures.cardInfoPin,
      { type: 'cardInfoRefused', card: cardSummary({ pins: { ...card.pins, cardInfo: { triesLeft: 0, maxTries: 3, isBlocked: true } } }) },
      { step: 'identity', source: 'clerk', basicInfo: null },
    ],
    ['extend pin time', fixtures.cardInfoPin, { type: 'extendTime' }, { step: 'cardInfoPin', deadlineAt: env.now + env.applicantIdleMs }],
    ['pin → type facts', fixtures.cardInfoPin, { type: 'typeFactsInstead' }, { step: 'identity', source: 'clerk' }],
    ['pin back', fixtures.cardInfoPin, { type: 'back' }, { step: 'cardPresent' }],
    ['identity confirmed', fixtures.identity, { type: 'confirmIdentity', basicInfo }, { step: 'procedure', basicInfo }],
    ['identity back', fixtures.identity, { type: 'back' }, { step: 'cardPresent' }],
    ['identity back without card', { ...fixtures.identity, card: null }, { type: 'back' }, { step: 'awaitingCard' }],
    ['procedure chosen', fixtures.procedure, { type: 'chooseProcedure', procedure: 'issue' }, { step: 'applicant', procedure: 'issue', continuesApplicationId: null }],
    ['issue without facts', { ...fixtures.procedure, basicInfo: null }, { type: 'chooseProcedure', procedure: 'issue' }, { step: 'identity', source: 'clerk' }],
    ['revoke without card', { ...fixtures.procedure, card: null }, { type: 'chooseProcedure', procedure: 'revoke' }, { step: 'applicant', procedure: 'revoke', card: null }],
    ['procedure → type facts', fixtures.procedure, { type: 'typeFactsInstead' }, { step: 'identity', source: 'clerk', basicInfo }],
    ['procedure back', fixtures.procedure, { type: 'back' }, { step: 'cardPresent' }],
    ['applicant set', fixtures.applicant, { type: 'setApplicant', applicant }, { step: 'certificates', applicant }],
    ['proxy first visit without card', { ...fixtures.applicant, card: null }, { type: 'setApplicant', applicant: { ...applicant, applicantType: 'proxy' as const } }, { step: 'certificates' }],
    ['applicant back', fixtures.applicant, { type: 'back' }, { step: 'procedure' }],
    ['certificates (sorted) → the form, unsigned, numbered', fixtures.certificates, { type: 'chooseCertificates', certificates: ['auth', 'sign'] }, { step: 'applicationForm', certificates: ['sign', 'auth'], formSigned: false, receiptNumber: formNumber }],
    ['a proxy first visit has a form too', { ...fixtures.certificates, applicant: { ...applicant, applicantType: 'proxy' as const } }, { type: 'chooseCertificates', certificates: ['sign'] }, { step: 'applicationForm', formSigned: false }],
    ['revoke: default reason', { ...fixtures.certificates, procedure: 'revoke' }, { type: 'chooseCertificates', certificates: ['sign'] }, { step: 'applicationForm', revocationReason: 'unspecified' }],
    ['the signed form received', { ...fixtures.applicationForm, formSigned: false }, { type: 'setFormSigned', signed: true }, { step: 'applicationForm', formSigned: true }],
    ['the tick taken back', fixtures.applicationForm, { type: 'setFormSigned', signed: false }, { step: 'applicationForm', formSigned: false }],
    ['signed form → passwords', fixtures.applicationForm, { type: 'startProcedure' }, { step: 'passwords', receiptNumber: formNumber, deadlineAt: env.now + env.applicantIdleMs }],
    ['signed form, proxy first visit → straight to work', { ...fixtures.applicationForm, applicant: { ...applicant, applicantType: 'proxy' as const } }, { type: 'startProcedure' }, { step: 'working', progress: [] }],
    ['signed form, revocation → straight to work', { ...fixtures.applicationForm, procedure: 'revoke', revocationReason: 'unspecified' }, { type: 'startProcedure' }, { step: 'working', revocationReason: 'unspecified' }],
    ['form back keeps the number', fixtures.applicationForm, { type: 'back' }, { step: 'certificates', reservedReceiptNumber: formNumber }],
    ['back at the certificates again: the same number', { ...fixtures.certificates, reservedReceiptNumber: '20260401-007' }, { type: 'chooseCertificates', certificates: ['sign'] }, { step: 'applicationForm', receiptNumber: '20260401-007' }],
    ['certificates back', fixtures.certificates, { type: 'back' }, { step: 'applicant' }],
    ['passwords accepted', fixtures.passwords, { type: 'passwordsAccepted' }, { step: 'working', progress: [], cardRemoved: false }],
    ['extend password time', fixtures.passwords, { type: 'extendTime' }, { step: 'passwords', deadlineAt: env.now + env.applicantIdleMs }],
    ['passwords back', fixtures.passwords, { type: 'back' }, { step: 'applicationForm', formSigned: true }],
    ['progress', fixtures.working, { type: 'progress', step: 'issue-after-draft' }, { step: 'working', progress: ['issue-after-draft'] }],
    ['done', fixtures.working, { type: 'procedureDone', outcome }, { step: 'done', outcome, card }],
    ['done after the card went', { ...fixtures.working, cardRemoved: true }, { type: 'procedureDone', outcome }, { step: 'done', card: null }],
    ['refused', fixtures.working, { type: 'procedureRefused', reasons: ['R-ELIG-3'] }, { step: 'refused', reasons: ['R-ELIG-3'], procedure: 'issue' }],
    ['failed', fixtures.working, { type: 'procedureFailed', error: { code: 'INTERNAL', retryable: true, details: {} } }, { step: 'failed' }],
    ['finish done', fixtures.done, { type: 'finish' }, { step: 'cardPresent', notice: null }],
    ['finish refused without card', { ...fixtures.refused, card: null }, { type: 'finish' }, { step: 'awaitingCard', notice: null }],
    ['finish failed', fixtures.failed, { type: 'finish' }, { step: 'cardPresent' }],
  ];
  test.each(cases)('%s', (_name, from, event, expected) => {
    expect(reduce(from, event)).toMatchObject(expected);
  });

  test('the procedure does not start before the signed form is received: a coded refusal, the state unchanged', () => {
    const unsigned = { ...fixtures.applicationForm, formSigned: false };
    expect(() => reduce(unsigned, { type: 'startProcedure' })).toThrow(expect.objectContaining({ code: 'VISIT_FORM_NOT_SIGNED' }) as unknown as Error);
    expect(unsigned.formSigned).toBe(false);
  });

  test("a representative's name goes on the form; changing it takes back the tick; the holder in person has none", () => {
    const proxyForm = { ...fixtures.applicationForm, applicant: { ...applicant, applicantType: 'legalRepresentative' as const } };
    const named = reduce(proxyForm, { type: 'setRepresentativeName', name: '  鵜沼 次郎 ' });
    expect(named).toMatchObject({ step: 'applicationForm', representativeName: '鵜沼 次郎', formSigned: false });
    expect(reduce({ ...named, formSigned: true } as VisitState, { type: 'setRepresentativeName', name: '鵜沼 次郎' })).toMatchObject({ formSigned: true });
    const cleared = reduce(named, { type: 'setRepresentativeName', name: '' });
    expect(cleared).toMatchObject({ step: 'applicationForm', formSigned: false });
    expect('representativeName' in cleared).toBe(false);
    // Kept through the resident's turn and back.
    const signed = reduce({ ...named, formSigned: true } as VisitState, { type: 'startProcedure' });
    expect(signed).toMatchObject({ step: 'passwords', representativeName: '鵜沼 次郎' });
    expect(reduce(signed, { type: 'back' })).toMatchObject({ step: 'applicationForm', representativeName: '鵜沼 次郎', formSigned: true });
    expect(() => reduce(fixtures.applicationForm, { type: 'setRepresentativeName', name: '鵜沼 次郎' })).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }) as unknown as Error);
  });

  test('a signed form while the CA is silent: the offline notice before the passwords, and back returns to the signed form', () => {
    const offline = { ...env, caAnswering: false };
    const notice = reduceVisit(fixtures.applicationForm, { type: 'startProcedure' }, offline);
    expect(notice).toMatchObject({ step: 'offlineNotice', receiptNumber: formNumber });
    expect(reduceVisit(notice, { type: 'back' }, offline)).toMatchObject({ step: 'applicationForm', formSigned: true, receiptNumber: formNumber });
  });

  test('the form asks the host for its number once, with the continued application when there is one', () => {
    const asked: (string | null)[] = [];
    const numbering = { ...env, receiptNumberFor: (id: string | null) => (asked.push(id), '20260401-042') };
    const second = { ...fixtures.certificates, continuesApplicationId: proxyApplicationId };
    expect(reduceVisit(second, { type: 'chooseCertificates', certificates: ['sign'] }, numbering)).toMatchObject({ step: 'applicationForm', receiptNumber: '20260401-042' });
    expect(asked).toEqual([proxyApplicationId]);
  });

  test('a proxy second visit continues only an application awaiting reply on this card', () => {
    const awaiting = cardSummary({ awaitingReply: [{ applicationId: proxyApplicationId, procedure: 'issue', certificates: ['sign'], filedAt: 1 }] });
    const next = reduce({ ...fixtures.procedure, card: awaiting, basicInfo: null }, { type: 'chooseProcedure', procedure: 'issue', continuesApplicationId: proxyApplicationId });
    expect(next).toMatchObject({ step: 'applicant', continuesApplicationId: proxyApplicationId });
    expect(() => reduce(fixtures.procedure, { type: 'chooseProcedure', procedure: 'issue', continuesApplicationId: proxyApplicationId })).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
  });

  const refusals: readonly [string, VisitState, VisitEvent][] = [
    ['a PIN entry when the card-info PIN is locked', { ...fixtures.cardPresent, card: cardSummary({ pins: { ...card.pins, cardInfo: { triesLeft: 0, maxTries: 3, isBlocked: true } } }) }, { type: 'readCardInfo' }],
    ['issuance from the card screen (needs the basic 4 information)', fixtures.cardPresent, { type: 'chooseProcedure', procedure: 'issue' }],
    ['a password reset without a card', { ...fixtures.procedure, card: null }, { type: 'chooseProcedure', procedure: 'resetPin' }],
    ['a self issuance without a card', { ...fixtures.applicant, card: null }, { type: 'setApplicant', applicant }],
    ['a card read from another reader', fixtures.readingCard, { type: 'cardRead', card: cardSummary({ reader: reader1 }) }],
  ];
  test.each(refusals)('refuses %s', (_name, from, event) => {
    expect(() => reduce(from, event)).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
  });
});

describe('reduceVisit: from every step', () => {
  test.each(allSteps)('%s: cancel goes back to the start (never during the card work)', (step) => {
    const from = fixtures[step];
    if (step === 'signedOut' || step === 'working') {
      expect(() => reduce(from, { type: 'cancel' })).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
      return;
    }
    const next = reduce(from, { type: 'cancel' });
    const hasCard = 'card' in from && from.card !== null;
    expect(next).toMatchObject(hasCard ? { step: 'cardPresent', notice: 'cancelled', clerk } : { step: 'awaitingCard', notice: 'cancelled', clerk });
  });

  test.each(allSteps)('%s: card removal', (step) => {
    const from = fixtures[step];
    const next = reduce(from, { type: 'cardRemoved', reader: reader0 });
    const expected: Record<VisitStep, object> = {
      signedOut: from,
      awaitingCard: from,
      readingCard: { step: 'awaitingCard', notice: 'cardRemoved' },
      cardPresent: { step: 'awaitingCard', notice: 'cardRemoved' },
      cardInfoPin: { step: 'awaitingCard', notice: 'cardRemoved' },
      identity: { step: 'awaitingCard', notice: 'cardRemoved' },
      procedure: { step: 'awaitingCard', notice: 'cardRemoved' },
      applicant: { step: 'awaitingCard', notice: 'cardRemoved' },
      certificates: { step: 'awaitingCard', notice: 'cardRemoved' },
      applicationForm: { step: 'awaitingCard', notice: 'cardRemoved' },
      offlineNotice: { step: 'awaitingCard', notice: 'cardRemoved' },
      passwords: { step: 'awaitingCard', notice: 'cardRemoved' },
      // The procedure decides what the pulled card means; the screen keeps showing the work.
      working: { step: 'working', cardRemoved: true },
      done: { step: 'done', card: null },
      refused: { step: 'refused', card: null },
      failed: { step: 'failed', card: null },
    };
    expect(next).toMatchObject(expected[step]);
    // A card pulled from the other reader changes nothing.
    expect(reduce(from, { type: 'cardRemoved', reader: reader1 })).toBe(from);
  });

  test.each(allSteps)('%s: idle timeout', (step) => {
    const from = fixtures[step];
    const next = reduce(from, { type: 'idleTimeout' });
    if (step === 'signedOut' || step === 'working') expect(next).toBe(from);
    else if (step === 'cardInfoPin' || step === 'passwords') expect(next).toMatchObject({ step: 'cardPresent', notice: 'applicantTimedOut', clerk });
    else expect(next).toEqual({ step: 'signedOut', notice: 'clerkTimedOut' });
  });

  test.each(allSteps)('%s: clerk sign-out (refused while the card works)', (step) => {
    const from = fixtures[step];
    if (step === 'working') {
      expect(() => reduce(from, { type: 'clerkSignedOut', reason: 'signOut' })).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
      return;
    }
    const expected = step === 'signedOut' ? from : { step: 'signedOut', notice: 'clerkTimedOut' };
    expect(reduce(from, { type: 'clerkSignedOut', reason: 'idle' })).toEqual(expected);
  });

  test.each(allSteps)('%s: events the step does not take throw VISIT_WRONG_STEP and leave the state alone', (step) => {
    const from = fixtures[step];
    const snapshot = structuredClone(from);
    const refused = samples.filter((event) => !takes(step, event.type));
    expect(refused.length).toBeGreaterThan(0);
    for (const event of refused) {
      expect(() => reduce(from, event)).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
    }
    for (const event of samples.filter((e) => takes(step, e.type))) {
      expect(() => reduce(from, event)).not.toThrow();
    }
    expect(from).toEqual(snapshot);
  });

  test.each(allSteps.filter((s) => s !== 'signedOut'))('%s: has a path back to the start by clerk commands and card results alone', (step) => {
    // Breadth-first over the sample events minus timers and sign-out, bounded in depth.
    const moves = samples.filter((e) => e.type !== 'idleTimeout' && e.type !== 'clerkSignedOut' && e.type !== 'cardRemoved');
    let frontier: VisitState[] = [fixtures[step]];
    let reached = false;
    for (let depth = 0; depth < 4 && !reached; depth += 1) {
      const next: VisitState[] = [];
      for (const state of frontier) {
        for (const event of moves) {
          try {
            const after = reduce(state, event);
            if ((after.step === 'cardPresent' || after.step === 'awaitingCard') && after.step !== state.step) reached = true;
            next.push(after);
          } catch (error) {
            // A start without the signed form is refused like a wrong step.
            if (!(isHostError(error) && (error.code === 'VISIT_WRONG_STEP' || error.code === 'VISIT_FORM_NOT_SIGNED'))) throw error;
          }
        }
      }
      frontier = next.slice(0, 2000);
    }
    expect(reached).toBe(true);
  });
});
