import { domainError } from './errors';

/**
 * A calendar date without time or zone. Rules count whole days (R-VAL, R-ELIG-4, R-HOURS),
 * and a JS Date would silently drag in the machine's time zone.
 */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a strict ISO `YYYY-MM-DD` calendar date; anything else is a DOMAIN_INVALID_DATE error. */
export function parseIsoDate(text: string): LocalDate {
  const match = isoPattern.exec(text);
  if (match === null) throw domainError('DOMAIN_INVALID_DATE', `not an ISO date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw domainError('DOMAIN_INVALID_DATE', `no such calendar date: ${text}`);
  }
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

export function formatIsoDate(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative, zero or positive like a sort comparator. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * The same month and day in another year; a day the month lacks (29 Feb) becomes the month's
 * last day (28 Feb) — the decision of R-VAL-1 and R-ELIG-4.
 */
export function sameDayInYear(date: LocalDate, year: number): LocalDate {
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/** Moves by whole months, clamping the day to the target month's length. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Days since 1970-01-01 (proleptic Gregorian), via UTC so no local zone is involved. */
export function toEpochDay(date: LocalDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.floor(utc.getTime() / 86_400_000);
}

export function fromEpochDay(epochDay: number): LocalDate {
  const utc = new Date(epochDay * 86_400_000);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}
