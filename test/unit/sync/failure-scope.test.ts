/**
 * One pure function decides whose fault a failed CA request is. The tables
 * below are written out by hand, not derived from the code under test: every code the EST
 * client can raise, every HTTP status it maps, every socket error it classifies.
 */
import { estErrorCodes, classifyStatus, estError, type EstErrorCode } from '../../../src/sync/est-errors';
import { networkError } from '../../../src/sync/est-client';
import { storeError } from '../../../src/store/errors';
import { connectivityCodes, failureScope, type FailureScope } from '../../../src/sync/failure-scope';

const expectedByCode: Record<EstErrorCode, FailureScope> = {
  EST_NETWORK: 'connectivity',
  EST_TIMEOUT: 'connectivity',
  EST_SERVER_ERROR: 'row',
  EST_RATE_LIMITED: 'row',
  EST_IN_PROGRESS: 'row',
  EST_PENDING: 'row',
  EST_BAD_RESPONSE: 'row',
  EST_BAD_REQUEST: 'row',
  EST_UNAUTHORIZED: 'terminal',
  EST_IDEMPOTENCY_CONFLICT: 'row',
  EST_DUPLICATE_KEY: 'row',
  EST_REJECTED: 'row',
  EST_KEY_MISMATCH: 'row',
  EST_WRONG_CHAIN: 'row',
  EST_TLS: 'terminal',
  EST_TRUST: 'terminal',
  EST_CONFIG: 'terminal',
};

test.each(Object.keys(estErrorCodes) as EstErrorCode[])('%s has the scope the table says', (code) => {
  expect(failureScope(estError(code, 'x'))).toBe(expectedByCode[code]);
});

test('the table names every code the client has, and no other', () => {
  expect(Object.keys(expectedByCode).sort()).toEqual(Object.keys(estErrorCodes).sort());
  expect([...connectivityCodes].sort()).toEqual(['EST_NETWORK', 'EST_TIMEOUT']);
});

test.each([
  [400, 'row'],
  [401, 'terminal'],
  [403, 'terminal'],
  [404, 'row'],
  [408, 'connectivity'],
  [409, 'row'],
  [415, 'row'],
  [422, 'row'],
  [429, 'row'],
  [500, 'row'],
  [502, 'row'],
  [503, 'row'],
] as const)('HTTP %i is a %s failure', (status, scope) => {
  expect(failureScope(classifyStatus(status, 'body', undefined))).toBe(scope);
});

test.each([
  ['ECONNREFUSED', 'EST_NETWORK'],
  ['ECONNRESET', 'EST_NETWORK'],
  ['EPIPE', 'EST_NETWORK'],
  ['ETIMEDOUT', 'EST_TIMEOUT'],
  ['ENOTFOUND', 'EST_NETWORK'],
  ['EAI_AGAIN', 'EST_NETWORK'],
  ['EHOSTUNREACH', 'EST_NETWORK'],
  ['ENETUNREACH', 'EST_NETWORK'],
  // The CA's certificate does not chain to the pinned anchor, or names someone else.
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'EST_TRUST'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'EST_TRUST'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'EST_TRUST'],
  ['CERT_HAS_EXPIRED', 'EST_TRUST'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'EST_TRUST'],
  // The handshake failed: the CA's alert about our certificate, protocol or cipher.
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'EST_TLS'],
  ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'EST_TLS'],
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'EST_TLS'],
] as const)('socket error %s → %s', (errno, code) => {
  const error: NodeJS.ErrnoException = Object.assign(new Error('socket'), { code: errno });
  const classified = networkError(error);
  expect(classified.code).toBe(code);
  expect(failureScope(classified)).toBe(expectedByCode[code]);
});

test('a pinning failure never reads as "offline"', () => {
  const pinning = networkError(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
  expect(pinning.code).not.toBe('EST_NETWORK');
  expect(failureScope(pinning)).not.toBe('connectivity');
});

test('failures that are not the EST client’s are the row’s (retried with backoff)', () => {
  expect(failureScope(storeError('STORE_STATE_CONFLICT', 'moved meanwhile'))).toBe('row');
  expect(failureScope(new Error('bug'))).toBe('row');
  expect(failureScope('thrown string')).toBe('row');
});
