import { revocationEvents, revokedBy, survivingCertificates } from '../../../src/domain/revocation';

describe('automatic revocation (R-REV-1, R-REV-2)', () => {
  test.each([
    ['R-REV-1 (a) address change revokes sign; R-REV-2 not auth', 'addressChange', ['sign']],
    ['R-REV-1 (b) name change revokes sign; R-REV-2 not auth', 'nameChange', ['sign']],
    ['R-REV-1 (c) record removal', 'recordRemoved', ['sign']],
    ['R-REV-1 (d) auth revoked takes sign with it', 'authRevoked', ['sign']],
    ['R-REV-1 (e) R-VAL-3 card expired ends both', 'cardExpired', ['sign', 'auth']],
    ['R-REV-1 birth date change', 'birthDateChange', ['sign']],
    ['R-REV-1 sex change', 'sexChange', ['sign']],
    ['R-REV-2 card revoked ends both', 'cardRevoked', ['sign', 'auth']],
  ] as const)('%s', (_title, event, expected) => {
    expect(revokedBy(event)).toEqual(expected);
  });

  test('R-REV-1 every event revokes the signing certificate', () => {
    for (const event of revocationEvents) expect(revokedBy(event)).toContain('sign');
  });

  test.each([
    ['R-REV-2 a move leaves the auth certificate', ['sign', 'auth'], ['addressChange'], ['auth']],
    ['R-REV-2 card revoked leaves nothing', ['sign', 'auth'], ['nameChange', 'cardRevoked'], []],
    ['R-REV-1 no events, nothing revoked', ['sign', 'auth'], [], ['sign', 'auth']],
    ['R-REV-1 only what was held survives', ['auth'], ['nameChange'], ['auth']],
  ] as const)('%s', (_title, held, events, expected) => {
    expect(survivingCertificates(held, events)).toEqual(expected);
  });
});
