/** The self-service terminal's fourth choice (R-LOCK-4): its steps in the pure reducer. */
import { reduceSelfService, selfServiceCommandSchema, type SelfServiceCard, type SelfServiceEvent, type SelfServiceState } from '../../../src/api/self-service';

const env = { now: 1_000_000, idleMs: 60_000 };
const reduce = (state: SelfServiceState, event: SelfServiceEvent) => reduceSelfService(state, event, env);
const reader = 'Virtual PCD 00 00';
const tries = (triesLeft: number, maxTries: number) => ({ triesLeft, maxTries, isBlocked: triesLeft === 0 });
const card: SelfServiceCard = { reader, pins: { sign: tries(5, 5), auth: tries(0, 3) }, certificates: { sign: true, auth: true } };
const deadlineAt = env.now + env.idleMs;
const choose: SelfServiceState = { step: 'choose', card, deadlineAt: 0 };
const entry: SelfServiceState = { step: 'changeEntry', card, changeKind: 'sign', lastAttemptFailed: false, deadlineAt: 0 };
const changing: SelfServiceState = { step: 'changing', card, changeKind: 'sign', cardRemoved: false };
const unconfirmed = { type: 'failed', error: { code: 'ISSUE_CHANGE_UNCONFIRMED', retryable: false, details: {} } } as const;

test('the fourth choice: which password, then the entry; back goes one step back', () => {
  expect(selfServiceCommandSchema.safeParse({ type: 'chooseChange' }).success).toBe(true);
  const kind = reduce(choose, { type: 'chooseChange' });
  expect(kind).toEqual({ step: 'changeKind', card, deadlineAt });
  expect(reduce(kind, { type: 'changeKind', changeKind: 'sign' })).toEqual({ step: 'changeEntry', card, changeKind: 'sign', lastAttemptFailed: false, deadlineAt });
  expect(reduce(kind, { type: 'back' })).toEqual({ step: 'choose', card, deadlineAt });
  expect(reduce(entry, { type: 'back' })).toEqual({ step: 'changeKind', card, deadlineAt });
});

test('R-LOCK-4 a locked password is refused before anything is typed', () => {
  expect(reduce({ step: 'changeKind', card, deadlineAt: 0 }, { type: 'changeKind', changeKind: 'auth' })).toEqual({ step: 'refused', reason: 'SELF_SERVICE_CHANGE_LOCKED', resetKind: 'auth' });
});

test('R-LOCK-1 a wrong current entry returns with the count the card reports; the try that locks it ends refused', () => {
  const working = reduce(entry, { type: 'changeSubmitted' });
  expect(working).toEqual(changing);
  const fewer: SelfServiceCard = { ...card, pins: { ...card.pins, sign: tries(4, 5) } };
  expect(reduce(working, { type: 'changeRefused', card: fewer })).toEqual({ step: 'changeEntry', card: fewer, changeKind: 'sign', lastAttemptFailed: true, deadlineAt });
  const locked: SelfServiceCard = { ...card, pins: { ...card.pins, sign: tries(0, 5) } };
  expect(reduce(working, { type: 'changeRefused', card: locked })).toEqual({ step: 'refused', reason: 'SELF_SERVICE_CHANGE_LOCKED', resetKind: 'sign' });
});

test('done is an end step; finish goes back to welcome', () => {
  const receipt = { changedKind: 'sign' as const, terminalId: 'SS-1', at: 7 };
  const changed = reduce(changing, { type: 'changeDone', receipt });
  expect(changed).toEqual({ step: 'changed', receipt });
  expect(reduce(changed, { type: 'finish' })).toEqual({ step: 'welcome', notice: null });
});

test('R-LOCK-5 the card pulled while it took the change: unconfirmed, never "unchanged"; pulled before, unchanged', () => {
  const pulled = reduce(changing, { type: 'cardRemoved', reader });
  expect(pulled).toEqual({ ...changing, cardRemoved: true });
  expect(reduce(pulled, unconfirmed)).toEqual({ step: 'cardRemoved', outcome: 'unconfirmed', resetKind: 'sign' });
  expect(reduce(pulled, { type: 'failed', error: { code: 'CARD_REMOVED', retryable: true, details: {} } })).toEqual({ step: 'cardRemoved', outcome: 'unchanged', resetKind: 'sign' });
  // Still in the reader but no answer: the failure itself says unconfirmed.
  expect(reduce(changing, unconfirmed)).toEqual({ step: 'failed', error: unconfirmed.error, resetKind: 'sign' });
});

test('the resident steps time out and cancel like the others; the card at work is never cut off', () => {
  expect(reduce(entry, { type: 'idleTimeout' })).toEqual({ step: 'welcome', notice: 'timedOut' });
  expect(reduce(entry, { type: 'cancel' })).toEqual({ step: 'welcome', notice: 'cancelled' });
  expect(reduce(entry, { type: 'extendTime' })).toEqual({ ...entry, deadlineAt });
  expect(reduce(changing, { type: 'idleTimeout' })).toEqual(changing);
  expect(() => reduce(changing, { type: 'cancel' })).toThrow(expect.objectContaining({ code: 'SELF_SERVICE_WRONG_STEP' }));
});
