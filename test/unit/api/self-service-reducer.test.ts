import fc from 'fast-check';
import {
  initialSelfServiceState,
  reduceSelfService,
  resetAvailability,
  selfServiceCommandSchema,
  type SelfServiceCard,
  type SelfServiceEvent,
  type SelfServiceState,
} from '../../../src/api/self-service';

const env = { now: 1_000_000, idleMs: 60_000 };
const reduce = (state: SelfServiceState, event: SelfServiceEvent) => reduceSelfService(state, event, env);
const reader = 'Virtual PCD 00 00';
const tries = (triesLeft: number, maxTries: number) => ({ triesLeft, maxTries, isBlocked: triesLeft === 0 });
const card: SelfServiceCard = { reader, pins: { sign: tries(0, 5), auth: tries(3, 3) }, certificates: { sign: true, auth: true } };
const receipt = { resetKind: 'sign' as const, reference: 'r-1', terminalId: 't1', at: 5 };

const samples: readonly SelfServiceEvent[] = [
  { type: 'cardInserted', reader },
  { type: 'cardRead', card },
  { type: 'cardReadFailed', reader, error: { code: 'CARD_FILE_NOT_FOUND', retryable: false, details: {} } },
  { type: 'cardRemoved', reader },
  { type: 'challengeReady' },
  { type: 'provingSubmitted' },
  { type: 'provingRefused', card },
  { type: 'authorized' },
  { type: 'newPasswordSubmitted' },
  { type: 'resetDone', receipt },
  { type: 'refused', reason: 'SELF_SERVICE_CARD_LOST' },
  { type: 'caOffline' },
  { type: 'failed', error: { code: 'INTERNAL', retryable: false, details: {} } },
  { type: 'idleTimeout' },
  { type: 'choose', resetKind: 'sign' },
  { type: 'extendTime' },
  { type: 'back' },
  { type: 'cancel' },
  { type: 'finish' },
];

/** One state of every step. */
const states: readonly SelfServiceState[] = [
  initialSelfServiceState,
  { step: 'reading', reader },
  { step: 'choose', card, deadlineAt: 1 },
  { step: 'contacting', card, resetKind: 'sign' },
  { step: 'proving', card, resetKind: 'sign', provingKind: 'auth', lastAttemptFailed: false, deadlineAt: 1 },
  { step: 'verifying', card, resetKind: 'sign' },
  { step: 'newPassword', card, resetKind: 'sign', deadlineAt: 1 },
  { step: 'writing', card, resetKind: 'sign', cardRemoved: false },
  { step: 'done', receipt },
  { step: 'refused', reason: 'SELF_SERVICE_REVOKED', resetKind: 'sign' },
  { step: 'offline', resetKind: 'sign' },
  { step: 'cardRemoved', outcome: 'unchanged', resetKind: 'sign' },
  { step: 'failed', error: { code: 'INTERNAL', retryable: false, details: {} }, resetKind: null },
];

function run(events: readonly SelfServiceEvent[]): SelfServiceState {
  return events.reduce(reduce, initialSelfServiceState);
}

test('the happy path: a locked signing password reset with the auth PIN', () => {
  const steps: string[] = [];
  let state = initialSelfServiceState;
  for (const event of [
    { type: 'cardInserted', reader },
    { type: 'cardRead', card },
    { type: 'choose', resetKind: 'sign' },
    { type: 'challengeReady' },
    { type: 'provingSubmitted' },
    { type: 'authorized' },
    { type: 'newPasswordSubmitted' },
    { type: 'resetDone', receipt },
    { type: 'finish' },
  ] as const satisfies readonly SelfServiceEvent[]) {
    state = reduce(state, event);
    steps.push(state.step);
  }
  expect(steps).toEqual(['reading', 'choose', 'contacting', 'proving', 'verifying', 'newPassword', 'writing', 'done', 'welcome']);
});

test('the proving password locked: refused at choose, the card untouched; the other kind may still go', () => {
  const choose = run([{ type: 'cardInserted', reader }, { type: 'cardRead', card }]);
  // Resetting the auth PIN is proven by the (locked) signing password.
  expect(reduce(choose, { type: 'choose', resetKind: 'auth' })).toEqual({ step: 'refused', reason: 'SELF_SERVICE_PROVING_LOCKED', resetKind: 'auth' });
  expect(reduce(choose, { type: 'choose', resetKind: 'sign' }).step).toBe('contacting');
  expect(resetAvailability({ ...card, certificates: { sign: true, auth: false } }, 'sign')).toEqual({ ok: false, reason: 'SELF_SERVICE_NO_CERTIFICATE' });
});

test('a wrong proving password goes back to the entry with the new counter; the last try locks to refused', () => {
  const verifying: SelfServiceState = { step: 'verifying', card, resetKind: 'sign' };
  const twoLeft = { ...card, pins: { ...card.pins, auth: tries(2, 3) } };
  expect(reduce(verifying, { type: 'provingRefused', card: twoLeft })).toMatchObject({ step: 'proving', lastAttemptFailed: true, card: twoLeft, deadlineAt: env.now + env.idleMs });
  const locked = { ...card, pins: { ...card.pins, auth: tries(0, 3) } };
  expect(reduce(verifying, { type: 'provingRefused', card: locked })).toEqual({ step: 'refused', reason: 'SELF_SERVICE_PROVING_LOCKED', resetKind: 'sign' });
});

test('the CA offline before the write: offline, nothing changed', () => {
  expect(reduce({ step: 'contacting', card, resetKind: 'sign' }, { type: 'caOffline' })).toEqual({ step: 'offline', resetKind: 'sign' });
  expect(reduce({ step: 'verifying', card, resetKind: 'auth' }, { type: 'caOffline' })).toEqual({ step: 'offline', resetKind: 'auth' });
});

test('the card pulled: unchanged before the write; during the write the host decides', () => {
  expect(reduce({ step: 'choose', card, deadlineAt: 1 }, { type: 'cardRemoved', reader })).toEqual({ step: 'welcome', notice: null });
  for (const state of states.filter((s) => ['contacting', 'proving', 'verifying', 'newPassword'].includes(s.step))) {
    expect(reduce(state, { type: 'cardRemoved', reader }).step).toBe('cardRemoved');
    expect(reduce(state, { type: 'cardRemoved', reader })).toMatchObject({ outcome: 'unchanged' });
    // Another reader's card does not matter.
    expect(reduce(state, { type: 'cardRemoved', reader: 'other' })).toBe(state);
  }
  const writing = reduce({ step: 'writing', card, resetKind: 'sign', cardRemoved: false }, { type: 'cardRemoved', reader });
  expect(writing).toMatchObject({ step: 'writing', cardRemoved: true });
  expect(reduce(writing, { type: 'resetDone', receipt })).toEqual({ step: 'cardRemoved', outcome: 'reset', resetKind: 'sign' });
  expect(reduce(writing, { type: 'failed', error: { code: 'CARD_REMOVED', retryable: true, details: {} } })).toEqual({ step: 'cardRemoved', outcome: 'unchanged', resetKind: 'sign' });
});

test('idle timeout: resident steps go to welcome saying so, busy steps wait, end steps go quietly', () => {
  for (const state of states) {
    const next = reduce(state, { type: 'idleTimeout' });
    if (['choose', 'proving', 'newPassword'].includes(state.step)) expect(next).toEqual({ step: 'welcome', notice: 'timedOut' });
    else if (['reading', 'contacting', 'verifying', 'writing', 'welcome'].includes(state.step)) expect(next).toBe(state);
    else expect(next).toEqual({ step: 'welcome', notice: null });
  }
});

test('every (step, event) pair either answers a valid state or throws the wrong-step error (exhaustive)', () => {
  const steps = new Set(states.map((s) => s.step));
  for (const state of states) {
    for (const event of samples) {
      try {
        const next = reduce(state, event);
        expect(steps.has(next.step)).toBe(true);
      } catch (error) {
        expect(error).toEqual(expect.objectContaining({ name: 'CodedError', code: 'SELF_SERVICE_WRONG_STEP' }));
      }
    }
  }
});

test('no sequence of events reaches writing without the CA authorising (fuzz)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...samples), { maxLength: 40 }), (events) => {
      let state = initialSelfServiceState;
      let authorizedSinceProving = false;
      for (const event of events) {
        let next: SelfServiceState;
        try {
          next = reduce(state, event);
        } catch (error) {
          expect(error).toEqual(expect.objectContaining({ name: 'CodedError', code: 'SELF_SERVICE_WRONG_STEP' }));
          continue;
        }
        if (next.step === 'proving' || next.step === 'welcome') authorizedSinceProving = false;
        if (state.step === 'verifying' && event.type === 'authorized') authorizedSinceProving = true;
        if (next.step === 'writing') expect(authorizedSinceProving).toBe(true);
        state = next;
      }
    }),
    { numRuns: 300 },
  );
});

test('the command schema refuses unknown and extra fields', () => {
  expect(selfServiceCommandSchema.safeParse({ type: 'choose', resetKind: 'sign' }).success).toBe(true);
  expect(selfServiceCommandSchema.safeParse({ type: 'choose', resetKind: 'cardInfo' }).success).toBe(false);
  expect(selfServiceCommandSchema.safeParse({ type: 'choose', resetKind: 'sign', pin: '1234' }).success).toBe(false);
  expect(selfServiceCommandSchema.safeParse({ type: 'authorized' }).success).toBe(false);
});
