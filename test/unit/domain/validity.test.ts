import { CodedError } from '../../../src/errors/coded-error';
import { certificateExpiry, isInRenewalWindow, renewalWindow } from '../../../src/domain/validity';
import type { ExpiryInput } from '../../../src/domain/validity';

describe('certificateExpiry', () => {
  test.each([
    ['R-VAL-1 issued the day before a birthday', '1990-05-10', '2024-05-09', '2028-05-10'],
    ['R-VAL-1 birthday on the issue date is not after it', '1990-05-10', '2024-05-10', '2029-05-10'],
    ['R-VAL-1 issued the day after a birthday', '1990-05-10', '2024-05-11', '2029-05-10'],
    ['R-VAL-1 issued on 1 Jan, birthday 31 Dec', '1980-12-31', '2025-01-01', '2029-12-31'],
    ['R-VAL-1 29 Feb birth, 5th birthday in a non-leap year → 28 Feb', '2000-02-29', '2024-03-01', '2029-02-28'],
    ['R-VAL-1 29 Feb birth, 5th birthday in a leap year stays 29 Feb', '2000-02-29', '2023-03-01', '2028-02-29'],
    ['R-VAL-1 29 Feb birth issued 28 Feb of a non-leap year: that day is the birthday', '2000-02-29', '2025-02-28', '2030-02-28'],
    ['R-VAL-1 29 Feb birth issued 28 Feb of a leap year: birthday still ahead', '2000-02-29', '2024-02-28', '2028-02-29'],
    ['R-VAL-1 29 Feb birth issued on 29 Feb', '2000-02-29', '2024-02-29', '2029-02-28'],
    ['R-VAL-1 newborn issued on the birth date', '2024-04-01', '2024-04-01', '2029-04-01'],
  ])('%s: born %s issued %s → %s', (_title, birthDate, issueDate, expected) => {
    expect(certificateExpiry({ birthDate, issueDate })).toEqual({ sign: expected, auth: expected, renewalWindowApplied: false });
  });

  test.each<[string, ExpiryInput, string | null, string | null, boolean]>([
    ['R-VAL-3 card expiring before the 5th birthday caps both', { birthDate: '1990-05-10', issueDate: '2024-05-09', cardExpiry: '2027-01-31' }, '2027-01-31', '2027-01-31', false],
    ['R-VAL-3 card expiring on the 5th birthday', { birthDate: '1990-05-10', issueDate: '2024-05-09', cardExpiry: '2028-05-10' }, '2028-05-10', '2028-05-10', false],
    ['R-VAL-3 card expiring after the 5th birthday does not extend', { birthDate: '1990-05-10', issueDate: '2024-05-09', cardExpiry: '2034-05-10' }, '2028-05-10', '2028-05-10', false],
    ['R-VAL-2 juki card: 3 years less a day, no auth', { birthDate: '1960-01-01', issueDate: '2015-12-22', cardType: 'jukiCard' }, '2018-12-21', null, false],
    ['R-VAL-2 juki card issued 29 Feb ends 28 Feb', { birthDate: '1960-01-01', issueDate: '2012-02-29', cardType: 'jukiCard' }, '2015-02-28', null, false],
    ['R-VAL-2 juki card issued 1 Mar ends 29 Feb of a leap year', { birthDate: '1960-01-01', issueDate: '2013-03-01', cardType: 'jukiCard' }, '2016-02-29', null, false],
    ['R-VAL-2 R-VAL-3 juki card capped by its own expiry', { birthDate: '1960-01-01', issueDate: '2015-12-22', cardType: 'jukiCard', cardExpiry: '2017-06-30' }, '2017-06-30', null, false],
    ['R-VAL-4 renewal on the first day of the window → 6th birthday', { birthDate: '1990-05-10', issueDate: '2028-02-10', previousExpiry: '2028-05-10' }, '2033-05-10', '2033-05-10', true],
    ['R-VAL-4 renewal the day before the window → 5th birthday', { birthDate: '1990-05-10', issueDate: '2028-02-09', previousExpiry: '2028-05-10' }, '2032-05-10', '2032-05-10', false],
    ['R-VAL-4 renewal on the expiry day → 6th birthday', { birthDate: '1990-05-10', issueDate: '2028-05-09', previousExpiry: '2028-05-10' }, '2033-05-10', '2033-05-10', true],
    ['R-VAL-4 renewal on the birthday = expiry day (birthday not after issue)', { birthDate: '1990-05-10', issueDate: '2028-05-10', previousExpiry: '2028-05-10' }, '2034-05-10', '2034-05-10', true],
    ['R-VAL-4 after expiry: a new issuance, 5th birthday', { birthDate: '1990-05-10', issueDate: '2028-05-11', previousExpiry: '2028-05-10' }, '2033-05-10', '2033-05-10', false],
    ['R-VAL-4 R-VAL-3 renewal in window still capped by the card', { birthDate: '1990-05-10', issueDate: '2028-03-01', previousExpiry: '2028-05-10', cardExpiry: '2030-01-01' }, '2030-01-01', '2030-01-01', true],
  ])('%s', (_title, input, sign, auth, applied) => {
    expect(certificateExpiry(input)).toEqual({ sign, auth, renewalWindowApplied: applied });
  });

  test('R-VAL-3 the signing certificate never outlives the authentication one', () => {
    for (const cardExpiry of [undefined, '2026-01-01', '2040-01-01']) {
      const result = certificateExpiry({ birthDate: '1971-07-07', issueDate: '2025-07-06', ...(cardExpiry === undefined ? {} : { cardExpiry }) });
      expect(result.sign !== null && result.auth !== null && result.sign <= result.auth).toBe(true);
    }
  });

  test.each([
    ['R-VAL-1 malformed birth date', { birthDate: '1990-5-10', issueDate: '2024-05-09' }, 'DOMAIN_INVALID_DATE'],
    ['R-VAL-1 impossible date', { birthDate: '1990-02-29', issueDate: '2024-05-09' }, 'DOMAIN_INVALID_DATE'],
    ['R-VAL-1 birth after issue', { birthDate: '2025-01-01', issueDate: '2024-05-09' }, 'DOMAIN_BIRTH_AFTER_ISSUE'],
    ['R-VAL-3 malformed card expiry', { birthDate: '1990-05-10', issueDate: '2024-05-09', cardExpiry: '' }, 'DOMAIN_INVALID_DATE'],
  ])('%s → coded error %s', (_title, input, code) => {
    expect(() => certificateExpiry(input)).toThrow(CodedError);
    expect(() => certificateExpiry(input)).toThrow(expect.objectContaining({ code }));
  });
});

describe('renewal window (R-VAL-4)', () => {
  test.each([
    ['R-VAL-4 plain', '2028-05-10', '2028-02-10'],
    ['R-VAL-4 from 31 May opens on the last day of February (leap)', '2028-05-31', '2028-02-29'],
    ['R-VAL-4 from 31 May opens on the last day of February', '2027-05-31', '2027-02-28'],
    ['R-VAL-4 across a year', '2028-02-15', '2027-11-15'],
  ])('%s: expiry %s opens %s', (_title, expiry, opens) => {
    expect(renewalWindow(expiry)).toEqual({ opens, closes: expiry });
  });

  test.each([
    ['R-VAL-4 day before the window', '2028-02-09', false],
    ['R-VAL-4 first day of the window', '2028-02-10', true],
    ['R-VAL-4 inside', '2028-04-01', true],
    ['R-VAL-4 expiry day', '2028-05-10', true],
    ['R-VAL-4 day after expiry', '2028-05-11', false],
  ])('%s: %s → %s', (_title, today, expected) => {
    expect(isInRenewalWindow('2028-05-10', today)).toBe(expected);
  });
});
