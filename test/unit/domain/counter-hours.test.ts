import {
  counterLocations,
  isCounterDay,
  isCounterOpen,
  isNationalHoliday,
  nextCounterDay,
  parseTimeOfDay,
  toJstDateTime,
} from '../../../src/domain/counter-hours';

test('R-HOURS-1 the city hall citizen division and the service centers', () => {
  expect(counterLocations).toEqual(['cityHallCitizenDivision', 'serviceCenter']);
});

describe('counter days (R-HOURS-2)', () => {
  test.each([
    ['R-HOURS-2 an ordinary Wednesday', '2025-11-26', true],
    ['R-HOURS-2 Saturday', '2025-11-29', false],
    ['R-HOURS-2 Sunday', '2025-11-30', false],
    ['R-HOURS-2 national holiday (Labour Thanksgiving on a weekday)', '2026-11-23', false],
    ['R-HOURS-2 substitute holiday (Monday after Culture Day on Sunday)', '2024-11-04', false],
    ['R-HOURS-2 substitute holiday (6 May 2025)', '2025-05-06', false],
    ['R-HOURS-2 26 Dec is open', '2025-12-26', true],
    ['R-HOURS-2 29 Dec closed (a Monday)', '2025-12-29', false],
    ['R-HOURS-2 31 Dec closed', '2025-12-31', false],
    ['R-HOURS-2 2 Jan closed', '2026-01-02', false],
    ['R-HOURS-2 3 Jan closed even on a weekday', '2025-01-03', false],
    ['R-HOURS-2 4 Jan open on a weekday', '2027-01-04', true],
    ['R-HOURS-2 4 Jan on a Sunday closed', '2026-01-04', false],
  ])('%s: %s → %s', (_title, date, open) => {
    expect(isCounterDay(date)).toBe(open);
  });

  test.each([
    ['R-HOURS-2 holiday list includes substitute holidays', '2024-11-04', true],
    ['R-HOURS-2 a plain weekday is no holiday', '2025-11-26', false],
  ])('%s', (_title, date, expected) => {
    expect(isNationalHoliday(date)).toBe(expected);
  });
});

describe('counter open (R-HOURS-2)', () => {
  test.each([
    ['R-HOURS-2 08:29 closed', '2025-11-26', '08:29', false],
    ['R-HOURS-2 08:30 open', '2025-11-26', '08:30', true],
    ['R-HOURS-2 16:59 open', '2025-11-26', '16:59', true],
    ['R-HOURS-2 17:00 closed', '2025-11-26', '17:00', false],
    ['R-HOURS-2 noon on a holiday closed', '2024-11-04', '12:00', false],
    ['R-HOURS-2 noon on 29 Dec closed', '2025-12-29', '12:00', false],
  ])('%s', (_title, date, time, open) => {
    expect(isCounterOpen({ date, minutes: parseTimeOfDay(time) })).toBe(open);
  });

  test.each([
    ['R-HOURS-2 bad minutes', { date: '2025-11-26', minutes: 1440 }],
    ['R-HOURS-2 fractional minutes', { date: '2025-11-26', minutes: 1.5 }],
  ])('%s → invalid-time', (_title, at) => {
    expect(() => isCounterOpen(at)).toThrow(expect.objectContaining({ code: 'DOMAIN_INVALID_TIME' }));
  });

  test.each(['24:00', '8:30', '08:60', ''])('R-HOURS-2 parseTimeOfDay(%j) refuses', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(expect.objectContaining({ code: 'DOMAIN_INVALID_TIME' }));
  });

  test.each([
    ['R-HOURS-2 07:59 UTC is 16:59 JST, open', '2025-11-26T07:59:00Z', { date: '2025-11-26', minutes: 16 * 60 + 59 }],
    ['R-HOURS-2 15:30 UTC is 00:30 JST next day', '2025-11-26T15:30:00Z', { date: '2025-11-27', minutes: 30 }],
  ])('%s', (_title, instant, expected) => {
    expect(toJstDateTime(Date.parse(instant))).toEqual(expected);
  });
});

describe('next counter day (R-HOURS-2, R-PROC-5)', () => {
  test.each([
    ['R-HOURS-2 Wednesday → Thursday', '2025-11-26', false, '2025-11-27'],
    ['R-HOURS-2 Friday → Monday', '2025-11-28', false, '2025-12-01'],
    ['R-HOURS-2 26 Dec (Fri) → 5 Jan over the year-end closure', '2025-12-26', false, '2026-01-05'],
    ['R-HOURS-2 Saturday before a substitute holiday → Tuesday', '2024-11-02', false, '2024-11-05'],
    ['R-HOURS-2 includeToday on a counter day', '2025-11-26', true, '2025-11-26'],
    ['R-HOURS-2 includeToday on a holiday', '2024-11-04', true, '2024-11-05'],
  ])('%s', (_title, date, includeToday, expected) => {
    expect(nextCounterDay(date, { includeToday })).toBe(expected);
  });
});
