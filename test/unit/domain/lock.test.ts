import { maxTries, pinState, triesLeftAfter, whenLocked } from '../../../src/domain/lock';

describe('PIN lock (R-LOCK-1, R-LOCK-3)', () => {
  test.each([
    ['R-LOCK-1 signing password locks after 5', 'sign', 5],
    ['R-LOCK-1 authentication PIN locks after 3', 'auth', 3],
    ['R-LOCK-3 card-info PIN locks after 3', 'cardInfo', 3],
  ] as const)('%s', (_title, kind, max) => {
    expect(maxTries[kind]).toBe(max);
    expect(pinState(kind, max).status).toBe('ok');
  });

  test.each([
    ['R-LOCK-1 sign 2 left', 'sign', 2, 'ok'],
    ['R-LOCK-1 sign 1 left', 'sign', 1, 'lastTry'],
    ['R-LOCK-1 sign 0 left', 'sign', 0, 'locked'],
    ['R-LOCK-1 auth 1 left', 'auth', 1, 'lastTry'],
    ['R-LOCK-1 auth 0 left', 'auth', 0, 'locked'],
    ['R-LOCK-3 card-info 0 left', 'cardInfo', 0, 'locked'],
  ] as const)('%s', (_title, kind, left, status) => {
    expect(pinState(kind, left)).toEqual({ kind, triesLeft: left, maxTries: maxTries[kind], status });
  });

  test.each([
    ['R-LOCK-1 too many tries left', 'auth', 4],
    ['R-LOCK-1 negative', 'sign', -1],
    ['R-LOCK-1 fractional', 'sign', 2.5],
  ] as const)('%s → invalid-tries-left', (_title, kind, left) => {
    expect(() => pinState(kind, left)).toThrow(expect.objectContaining({ code: 'DOMAIN_INVALID_TRIES_LEFT' }));
  });

  test.each([
    ['R-LOCK-1 wrong entry takes one', 'sign', 5, false, 4],
    ['R-LOCK-1 correct entry resets the count', 'sign', 2, true, 5],
    ['R-LOCK-1 auth: third wrong entry locks', 'auth', 1, false, 0],
    ['R-LOCK-1 locked stays locked even with the right PIN', 'auth', 0, true, 0],
  ] as const)('%s', (_title, kind, left, correct, after) => {
    expect(triesLeftAfter(kind, left, correct)).toBe(after);
  });

  test('R-LOCK-1 five consecutive wrong signing passwords lock; time plays no part', () => {
    let left: number = maxTries.sign;
    for (let i = 0; i < 5; i += 1) left = triesLeftAfter('sign', left, false);
    expect(pinState('sign', left).status).toBe('locked');
  });
});

describe('when locked (R-LOCK-2, R-LOCK-3)', () => {
  test.each([
    ['R-LOCK-2 sign in person: reset the same day', 'sign', 'self', { action: 'resetPin', procedure: 'resetPin', sameDay: true }],
    ['R-LOCK-2 auth by a representative: same day', 'auth', 'legalRepresentative', { action: 'resetPin', procedure: 'resetPin', sameDay: true }],
    ['R-LOCK-2 by a voluntary proxy: not the same day', 'sign', 'proxy', { action: 'resetPin', procedure: 'resetPin', sameDay: false }],
    ['R-LOCK-3 card-info: the clerk types the facts', 'cardInfo', 'self', { action: 'clerkTypesFacts' }],
  ] as const)('%s', (_title, kind, applicantType, expected) => {
    expect(whenLocked(kind, applicantType)).toEqual(expected);
  });
});
