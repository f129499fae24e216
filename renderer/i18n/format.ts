/** Pure formatting for the catalogues: interpolation, dates (R-PROC-6 style), ruby markup. */
import type { Words } from '../../src/words/errors';

export type Language = keyof Words;
export const languages = ['ja', 'en'] as const satisfies readonly Language[];
export type Vars = Readonly<Record<string, string | number>>;

/** Replaces `{name}` with vars.name; an unknown name stays visible so a missing var is noticed. */
export function interpolate(text: string, vars?: Vars): string {
  if (vars === undefined) return text;
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

// Formatting a UTC midnight in UTC keeps the machine's zone out of the calendar date.
const eraJa = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const eraEn = new Intl.DateTimeFormat('en-US-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });
const gregorianEn = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** 「令和7年11月25日（2025年）」 / "25 November 2025 (Reiwa 7)"; anything else is returned as given. */
export function formatDate(iso: string, lang: Language): string {
  const match = isoDatePattern.exec(iso);
  if (match === null) return iso;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return iso;
  if (lang === 'ja') return `${eraJa.format(date)}（${date.getUTCFullYear()}年）`;
  const parts = eraEn.formatToParts(date);
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  return `${gregorianEn.format(date)} (${`${era} ${year}`.trim()})`;
}

export type RubySegment = { readonly text: string; readonly ruby?: string };

/** Splits `{base|reading}` markup into segments; plain text has no reading. */
export function parseRuby(text: string): RubySegment[] {
  const segments: RubySegment[] = [];
  const pattern = /\{([^|{}]+)\|([^|{}]+)\}/g;
  let last = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m.index > last) segments.push({ text: text.slice(last, m.index) });
    segments.push({ text: m[1] ?? '', ruby: m[2] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The text without ruby markup (for accessible names and plain strings). */
export function stripRuby(text: string): string {
  return parseRuby(text)
    .map((s) => s.text)
    .join('');
}
