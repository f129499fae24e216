import { addDays, addMonths, dayOfWeek, formatIsoDate, isIsoDate, parseIsoDate } from '../../../src/domain/local-date';

describe('ISO dates the rules accept (R-VAL-1, R-ELIG-4, R-HOURS-2)', () => {
  test.each([
    ['R-VAL-1 leap day in a leap year', '2024-02-29', true],
    ['R-VAL-1 leap day in a non-leap year', '2023-02-29', false],
    ['R-VAL-1 century non-leap year', '1900-02-29', false],
    ['R-VAL-1 400-year leap year', '2000-02-29', true],
    ['R-VAL-1 31 April', '2025-04-31', false],
    ['R-VAL-1 month 13', '2025-13-01', false],
    ['R-VAL-1 day 0', '2025-01-00', false],
    ['R-VAL-1 year 0', '0000-01-01', false],
    ['R-VAL-1 no zero padding', '2025-1-01', false],
    ['R-VAL-1 trailing time', '2025-01-01T00:00', false],
    ['R-VAL-1 surrounding space', ' 2025-01-01', false],
    ['R-VAL-1 full-width digits', '２０２５-01-01', false],
  ])('%s: %j → %s', (_title, text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  test.each([
    ['R-VAL-4 31 May minus 3 months', '2027-05-31', -3, '2027-02-28'],
    ['R-VAL-4 across the year', '2028-01-15', -3, '2027-10-15'],
    ['R-VAL-4 forward', '2027-11-30', 3, '2028-02-29'],
  ])('%s', (_title, from, months, expected) => {
    expect(formatIsoDate(addMonths(parseIsoDate(from), months))).toBe(expected);
  });

  test.each([
    ['R-VAL-2 back over a leap day', '2024-03-01', -1, '2024-02-29'],
    ['R-VAL-2 over the year end', '2025-12-31', 1, '2026-01-01'],
    ['R-HOURS-2 before the epoch', '1960-01-01', -1, '1959-12-31'],
  ])('%s', (_title, from, days, expected) => {
    expect(formatIsoDate(addDays(parseIsoDate(from), days))).toBe(expected);
  });

  test.each([
    ['R-HOURS-2 Tuesday', '2025-11-25', 2],
    ['R-HOURS-2 Sunday', '2025-11-30', 0],
    ['R-HOURS-2 Saturday before the epoch', '1960-01-02', 6],
  ])('%s', (_title, date, weekday) => {
    expect(dayOfWeek(parseIsoDate(date))).toBe(weekday);
  });
});
