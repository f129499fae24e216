/** A date typed as year / month / day (Gregorian), the DADS way, instead of a date picker. */
export interface DateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

export const emptyDate: DateParts = { year: '', month: '', day: '' };

/** The ISO date the parts name, or null while incomplete or impossible (31 February). */
export function dateFieldToIso(parts: DateParts): string | null {
  if (!/^\d{4}$/.test(parts.year) || !/^\d{1,2}$/.test(parts.month) || !/^\d{1,2}$/.test(parts.day)) return null;
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${parts.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isoToDateField(iso: string | null): DateParts {
  const match = iso === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return emptyDate;
  return { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) };
}

/** Keeps only ASCII digits: full-width digits from an IME are converted (this is no password). */
export function digitsOnly(text: string, max: number): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .slice(0, max);
}
