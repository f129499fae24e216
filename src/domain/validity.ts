import { domainError } from './errors';
import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  formatIsoDate,
  minDate,
  parseIsoDate,
  sameDayInYear,
  type LocalDate,
} from './local-date';
import type { CardType } from './vocabulary';

export interface ExpiryInput {
  /** ISO dates (YYYY-MM-DD) throughout. */
  birthDate: string;
  issueDate: string;
  cardExpiry?: string;
  /** Default 'myNumberCard'. */
  cardType?: CardType;
  /** Expiry of the certificate being renewed (R-VAL-4). */
  previousExpiry?: string;
}

export interface ExpiryResult {
  /** Last valid day of each certificate (ISO), null where the card cannot hold one. */
  sign: string | null;
  auth: string | null;
  /** True when the renewal was inside the window, so the 6th birthday applied (R-VAL-4). */
  renewalWindowApplied: boolean;
}

/** Months before the current expiry that renewal opens (R-VAL-4). */
export const renewalWindowMonths = 3;
/** R-VAL-1 and R-VAL-4 birthday counts. */
export const birthdaysValid = { normal: 5, renewedInWindow: 6 } as const;
/** R-VAL-2 */
export const jukiSignValidityYears = 3;

/**
 * R-VAL-1: the n-th birthday strictly after `issue` (a birthday on the issue day itself is
 * not after it); 29 Feb births have their birthday on 28 Feb in non-leap years.
 */
export function nthBirthdayAfter(birth: LocalDate, issue: LocalDate, n: number): LocalDate {
  const thisYear = sameDayInYear(birth, issue.year);
  const firstYear = compareDates(thisYear, issue) > 0 ? issue.year : issue.year + 1;
  return sameDayInYear(birth, firstYear + n - 1);
}

/**
 * R-VAL-2: last day of a period of whole years counted from the issue day itself
 * (2015-12-22 + 3 years → 2018-12-21). When the end year lacks the day (from 29 Feb), the
 * period ends on that month's last day, as the Civil Code counts periods.
 */
export function lastDayOfYears(start: LocalDate, years: number): LocalDate {
  const year = start.year + years;
  if (start.day > daysInMonth(year, start.month)) return { year, month: start.month, day: daysInMonth(year, start.month) };
  return addDays({ year, month: start.month, day: start.day }, -1);
}

/**
 * R-VAL-4: renewal opens on the same day-of-month three months before the current expiry
 * (clamped to a shorter month's last day) and closes on the expiry day itself.
 */
export function renewalWindow(currentExpiry: string): { opens: string; closes: string } {
  const expiry = parseIsoDate(currentExpiry);
  return { opens: formatIsoDate(addMonths(expiry, -renewalWindowMonths)), closes: formatIsoDate(expiry) };
}

/** R-VAL-4: both ends of the window are inside it. */
export function isInRenewalWindow(currentExpiry: string, today: string): boolean {
  const { opens, closes } = renewalWindow(currentExpiry);
  const day = parseIsoDate(today);
  return compareDates(parseIsoDate(opens), day) <= 0 && compareDates(day, parseIsoDate(closes)) <= 0;
}

/**
 * R-VAL-1..4: expiry (last valid day) of the certificates issued on `issueDate`.
 * My Number Card: both until the 5th birthday after issue (6th for a renewal inside the
 * window), capped at the card's expiry, the signing certificate never after the
 * authentication one. Juki card: signing certificate for 3 years, no authentication one.
 * Throws DOMAIN_INVALID_DATE / DOMAIN_BIRTH_AFTER_ISSUE.
 */
export function certificateExpiry(input: ExpiryInput): ExpiryResult {
  const birth = parseIsoDate(input.birthDate);
  const issue = parseIsoDate(input.issueDate);
  const card = input.cardExpiry === undefined ? undefined : parseIsoDate(input.cardExpiry);
  if (compareDates(birth, issue) > 0) throw domainError('DOMAIN_BIRTH_AFTER_ISSUE', 'the birth date is after the issue date');
  const cap = (date: LocalDate): LocalDate => (card === undefined ? date : minDate(date, card));

  if ((input.cardType ?? 'myNumberCard') === 'jukiCard') {
    return { sign: formatIsoDate(cap(lastDayOfYears(issue, jukiSignValidityYears))), auth: null, renewalWindowApplied: false };
  }

  const renewalWindowApplied = input.previousExpiry !== undefined && isInRenewalWindow(input.previousExpiry, input.issueDate);
  const count = renewalWindowApplied ? birthdaysValid.renewedInWindow : birthdaysValid.normal;
  const auth = cap(nthBirthdayAfter(birth, issue, count));
  const sign = minDate(cap(nthBirthdayAfter(birth, issue, count)), auth);
  return { sign: formatIsoDate(sign), auth: formatIsoDate(auth), renewalWindowApplied };
}
