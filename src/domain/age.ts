import { domainError } from './errors';
import { compareDates, parseIsoDate, sameDayInYear } from './local-date';

/** R-ELIG-4: below this age no signing certificate, and the representative sets the PIN. */
export const signCertificateMinimumAge = 15;

/**
 * R-ELIG-4: completed years on `today`. One turns n on the n-th birthday; a 29 Feb birthday
 * falls on 28 Feb in non-leap years (consistent with R-VAL-1). Throws
 * DOMAIN_INVALID_DATE, or DOMAIN_BIRTH_IN_FUTURE when `today` is before the birth date.
 */
export function ageOn(birthDate: string, today: string): number {
  const birth = parseIsoDate(birthDate);
  const day = parseIsoDate(today);
  if (compareDates(birth, day) > 0) throw domainError('DOMAIN_BIRTH_IN_FUTURE', 'the birth date is after today');
  const hadBirthday = compareDates(sameDayInYear(birth, day.year), day) <= 0;
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

/** R-ELIG-4 */
export function isUnder15(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < signCertificateMinimumAge;
}
