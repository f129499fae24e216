/** A past application's standing in the clerk's words, from its state and its CA requests. */
import { standingOf, type StandingInput, type StandingRequest } from '../../../src/domain/visit-standing';

const enroll = (state: StandingRequest['state'], lastErrorCode: string | null = null): StandingRequest => ({ kind: 'enroll', state, lastErrorCode });
const of = (over: Partial<StandingInput>) => standingOf({ state: 'completed', errorCode: null, requests: [], refusals: [], ...over });

test('a completed visit is done', () => {
  expect(of({ requests: [enroll('done')] })).toEqual({ standing: 'done', reasons: [] });
});

test('queued requests wait for the CA, issued certificates for the card, a proxy for the reply', () => {
  expect(of({ state: 'queued', requests: [enroll('pending'), enroll('failed_retryable', 'EST_UNREACHABLE')] }).standing).toBe('waitingForCa');
  expect(of({ state: 'issued', requests: [enroll('done')] }).standing).toBe('waitingForPickUp');
  expect(of({ state: 'awaiting_reply' }).standing).toBe('waitingForReply');
  expect(of({ state: 'card_prepared', requests: [{ kind: 'revoke', state: 'pending', lastErrorCode: null }] }).standing).toBe('waitingForCa');
  expect(of({ state: 'card_prepared' }).standing).toBe('inProgress');
});

test('a request the CA refused for good is a failure with its reason once nothing else is owed', () => {
  expect(of({ state: 'queued', requests: [enroll('done'), enroll('failed_permanent', 'EST_REJECTED')] })).toEqual({ standing: 'failed', reasons: ['EST_REJECTED'] });
  expect(of({ state: 'queued', requests: [enroll('pending'), enroll('failed_permanent', 'EST_REJECTED')] }).standing).toBe('waitingForCa');
  expect(of({ state: 'completed', requests: [{ kind: 'revoke', state: 'failed_permanent', lastErrorCode: null }] })).toEqual({ standing: 'failed', reasons: ['INTERNAL'] });
});

test('failed, refused and cancelled visits carry their recorded reasons', () => {
  expect(of({ state: 'failed', errorCode: 'CARD_REMOVED' })).toEqual({ standing: 'failed', reasons: ['CARD_REMOVED'] });
  expect(of({ state: 'failed' })).toEqual({ standing: 'failed', reasons: ['INTERNAL'] });
  expect(of({ state: 'rejected', refusals: ['juki-card', 'photoId'] })).toEqual({ standing: 'refused', reasons: ['juki-card', 'photoId'] });
  expect(of({ state: 'cancelled' })).toEqual({ standing: 'cancelled', reasons: [] });
  expect(of({ state: 'cancelled', errorCode: 'CARD_REMOVED' })).toEqual({ standing: 'cancelled', reasons: ['CARD_REMOVED'] });
});

test('R-LOCK-5 a password change whose end nobody saw stands as unconfirmed, not failed', () => {
  expect(of({ state: 'failed', errorCode: 'ISSUE_CHANGE_UNCONFIRMED' })).toEqual({ standing: 'unconfirmed', reasons: ['ISSUE_CHANGE_UNCONFIRMED'] });
});
