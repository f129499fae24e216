import fc from 'fast-check';
import { addDays, formatIsoDate, parseIsoDate, sameDayInYear } from '../../../src/domain/local-date';
import { validateAuthPin, validateSignPassword } from '../../../src/domain/passwords';
import { certificateExpiry, isInRenewalWindow } from '../../../src/domain/validity';

const isoDate = (min: string, max: string): fc.Arbitrary<string> =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('properties', () => {
  test('R-VAL-1 R-VAL-3 expiry is a birthday 4–5 years after the issue date, and sign ≤ auth', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2030-12-31'), fc.integer({ min: 0, max: 36_500 }), (birthDate, ageDays) => {
        const birth = new Date(`${birthDate}T00:00:00Z`);
        const issueDate = new Date(birth.getTime() + ageDays * 86_400_000).toISOString().slice(0, 10);
        const { sign, auth } = certificateExpiry({ birthDate, issueDate });
        expect(sign).not.toBeNull();
        expect(auth).not.toBeNull();
        if (sign === null || auth === null) return;
        expect(sign <= auth).toBe(true);
        expect(auth > issueDate).toBe(true);
        // The 5th birthday after the issue date falls in (issue + 4 years, issue + 5 years]; a
        // 29 Feb birth issued on 28 Feb of a non-leap year may land one day later (29 Feb).
        const issue = parseIsoDate(issueDate);
        expect(auth > formatIsoDate(sameDayInYear(issue, issue.year + 4))).toBe(true);
        expect(auth <= formatIsoDate(addDays(sameDayInYear(issue, issue.year + 5), 1))).toBe(true);
        // The expiry is a birthday (or 28 Feb for a 29 Feb birth).
        const b = parseIsoDate(birthDate);
        const e = parseIsoDate(auth);
        expect(e.month === b.month && (e.day === b.day || (b.day === 29 && e.day === 28))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('R-VAL-4 the issue date is in the window of a certificate expiring 0–88 days later', () => {
    fc.assert(
      fc.property(isoDate('2000-01-01', '2040-12-31'), fc.integer({ min: 0, max: 88 }), (today, ahead) => {
        const expiry = new Date(new Date(`${today}T00:00:00Z`).getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
        expect(isInRenewalWindow(expiry, today)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('R-PW-1 any 6–16 of A–Z/a–z/0–9 with a letter and a digit is valid, and normalizing twice changes nothing', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 4, maxLength: 14 }), fc.constantFrom('A', 'z'), fc.constantFrom('0', '9'), (chars, letter, digit) => {
        const raw = [letter, ...chars, digit].join('');
        const result = validateSignPassword(raw);
        expect(result.ok).toBe(true);
        expect(result.normalized).toMatch(/^[A-Z0-9]{6,16}$/);
        expect(validateSignPassword(result.normalized).normalized).toBe(result.normalized);
      }),
    );
  });

  test('R-PW-1 R-PW-2 a string with anything outside ASCII letters and digits is never valid', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 20, unit: 'grapheme' }), (raw) => {
        if (/^[A-Za-z0-9]*$/.test(raw)) return;
        expect(validateSignPassword(raw).ok).toBe(false);
        expect(validateAuthPin(raw).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
