import * as holidayJp from '@holiday-jp/holiday_jp';
import { domainError } from './errors';
import { addDays, dayOfWeek, formatIsoDate, parseIsoDate, type LocalDate } from './local-date';

/** R-HOURS-1: where the procedures are offered (the municipality config names the actual sites). */
export const counterLocations = ['cityHallCitizenDivision', 'serviceCenter'] as const;
export type CounterLocation = (typeof counterLocations)[number];

/** R-HOURS-2: 08:30 opens, 17:00 is already closed; minutes after midnight, JST. */
export const counterHours = { opensAt: 8 * 60 + 30, closesAt: 17 * 60 } as const;

/** A JST wall-clock moment: the caller reads the clock, the rules never do. */
export interface JstDateTime {
  /** ISO date in Japan. */
  readonly date: string;
  /** Minutes after midnight in Japan, 0–1439. */
  readonly minutes: number;
}

const jstOffsetMinutes = 9 * 60;
/** Bounds the search for the next counter day; the longest closure is a few days long. */
const maxDaysToSearch = 31;

/** Converts an instant (ms since the epoch) to Japan's wall clock (no daylight saving). */
export function toJstDateTime(epochMs: number): JstDateTime {
  const shifted = new Date(epochMs + jstOffsetMinutes * 60_000);
  const date = formatIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
  return { date, minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

/** Parses `HH:MM` (00:00–23:59) into minutes; DOMAIN_INVALID_TIME otherwise. */
export function parseTimeOfDay(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) throw domainError('DOMAIN_INVALID_TIME', `not a time of day (HH:MM): ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** R-HOURS-2: national holidays including substitute holidays. */
export function isNationalHoliday(isoDate: string): boolean {
  return Object.hasOwn(holidayJp.holidays, formatIsoDate(parseIsoDate(isoDate)));
}

/** R-HOURS-2: 29 December – 3 January. */
export function isYearEndClosure(date: LocalDate): boolean {
  return (date.month === 12 && date.day >= 29) || (date.month === 1 && date.day <= 3);
}

/** R-HOURS-2: Monday–Friday, not a national holiday, not 29 Dec – 3 Jan. */
export function isCounterDay(isoDate: string): boolean {
  const date = parseIsoDate(isoDate);
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isYearEndClosure(date) && !isNationalHoliday(isoDate);
}

/** R-HOURS-2: open from 08:30 up to, not including, 17:00 on a counter day. */
export function isCounterOpen(at: JstDateTime): boolean {
  if (!Number.isInteger(at.minutes) || at.minutes < 0 || at.minutes >= 24 * 60) {
    throw domainError('DOMAIN_INVALID_TIME', `minutes after midnight out of range: ${at.minutes}`);
  }
  return isCounterDay(at.date) && at.minutes >= counterHours.opensAt && at.minutes < counterHours.closesAt;
}

/**
 * R-HOURS-2: the first counter day strictly after `isoDate` (used to date a voluntary-proxy
 * letter, R-PROC-5). With `includeToday`, `isoDate` itself counts when it is a counter day.
 */
export function nextCounterDay(isoDate: string, options: { includeToday?: boolean } = {}): string {
  const start = parseIsoDate(isoDate);
  for (let offset = options.includeToday === true ? 0 : 1; offset <= maxDaysToSearch; offset += 1) {
    const candidate = formatIsoDate(addDays(start, offset));
    if (isCounterDay(candidate)) return candidate;
  }
  throw domainError('DOMAIN_INVALID_DATE', `no counter day within ${maxDaysToSearch} days of ${isoDate}`);
}
