import { parseIsoDate, type LocalDate } from './local-date';

/** A date as the receipt prints it (R-PROC-6): Gregorian and Japanese era, in ja and en. */
export interface EraDate {
  /** 2025-11-25 */
  readonly iso: string;
  /** 2025年11月25日 */
  readonly gregorianJa: string;
  /** 令和7年11月25日; the first year of an era is 元年, as Intl and official documents write it. */
  readonly eraJa: string;
  /** 25 November 2025 */
  readonly gregorianEn: string;
  /** Reiwa 7 */
  readonly eraEn: string;
  /** 25 November 2025 (Reiwa 7) */
  readonly en: string;
}

// Formatting in UTC on a UTC midnight keeps the machine's zone out of the calendar date.
const eraJaFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const eraEnFormat = new Intl.DateTimeFormat('en-US-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });
const monthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function toUtcDate(date: LocalDate): Date {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return utc;
}

/** R-PROC-6: throws DOMAIN_INVALID_DATE for anything but an ISO calendar date. */
export function eraDate(iso: string): EraDate {
  const date = parseIsoDate(iso);
  const utc = toUtcDate(date);
  const parts = eraEnFormat.formatToParts(utc);
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const eraEn = `${era} ${year}`.trim();
  const gregorianEn = `${date.day} ${monthsEn[date.month - 1] ?? ''} ${date.year}`;
  return {
    iso,
    gregorianJa: `${date.year}年${date.month}月${date.day}日`,
    eraJa: eraJaFormat.format(utc),
    gregorianEn,
    eraEn,
    en: `${gregorianEn} (${eraEn})`,
  };
}
