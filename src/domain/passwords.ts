import type { CertificateKind } from './vocabulary';

/**
 * Why a password was refused. Several may apply at once; they are reported in this order so
 * the keypad can show one line per failed rule.
 * - `too-short` / `too-long`: length in code points outside the rule (R-PW-1 6–16, R-PW-2 4).
 * - `needs-letter` / `needs-digit`: signing password without an A–Z / 0–9 (R-PW-1).
 * - `not-digits`: authentication PIN holding an ASCII character other than 0–9 (R-PW-2).
 * - `bad-character`: signing password holding an ASCII symbol or a non-ASCII letter (R-PW-1).
 * - `full-width`: a full-width (zenkaku) or other wide East Asian character, e.g. `Ａ`, `１`,
 *   the ideographic space, kana or kanji; refused, never converted (R-PW-1).
 * - `whitespace`: a space or other non-control white space; refused, never trimmed (R-PW-1).
 * - `control-character`: tab, line break, NUL and other Unicode control characters (R-PW-1).
 */
export const passwordErrorCodes = [
  'too-short',
  'too-long',
  'needs-letter',
  'needs-digit',
  'not-digits',
  'bad-character',
  'full-width',
  'whitespace',
  'control-character',
] as const;
export type PasswordErrorCode = (typeof passwordErrorCodes)[number];

export type PasswordKind = CertificateKind;

export interface PasswordCheck {
  readonly ok: boolean;
  /** What the card will receive (R-PW-1: a–z shown and sent as A–Z). */
  readonly normalized: string;
  readonly errors: readonly PasswordErrorCode[];
}

/** R-PW-1 */
export const signPasswordLength = { min: 6, max: 16 } as const;
/** R-PW-2 */
export const authPinLength = 4;

type CharClass = 'upper' | 'digit' | 'lower' | 'symbol' | 'full-width' | 'whitespace' | 'control-character' | 'other';

// Wide and full-width blocks (East Asian Width W/F), coarse but covering what an IME produces.
const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

function classify(cp: number): CharClass {
  if (cp >= 0x41 && cp <= 0x5a) return 'upper';
  if (cp >= 0x61 && cp <= 0x7a) return 'lower';
  if (cp >= 0x30 && cp <= 0x39) return 'digit';
  // ASCII is decided on the number alone, so a password of ASCII bytes never becomes a string here.
  if (cp < 0x20 || cp === 0x7f) return 'control-character';
  if (cp === 0x20) return 'whitespace';
  if (cp < 0x7f) return 'symbol';
  const char = String.fromCodePoint(cp);
  if (/\p{Cc}/u.test(char) || /\p{Cf}/u.test(char)) return 'control-character';
  if (wideRanges.some(([lo, hi]) => cp >= lo && cp <= hi)) return 'full-width';
  if (/\p{White_Space}/u.test(char)) return 'whitespace';
  return 'other';
}

function codePointsOf(raw: string): number[] {
  return Array.from(raw, (char) => char.codePointAt(0) ?? 0);
}

function ordered(found: ReadonlySet<PasswordErrorCode>): PasswordErrorCode[] {
  return passwordErrorCodes.filter((code) => found.has(code));
}

/** R-PW-1 on code points: the failed rules, in `passwordErrorCodes` order. */
function signPasswordErrors(codePoints: Iterable<number>): PasswordErrorCode[] {
  const found = new Set<PasswordErrorCode>();
  let hasLetter = false;
  let hasDigit = false;
  let length = 0;
  for (const cp of codePoints) {
    length += 1;
    const kind = classify(cp);
    if (kind === 'upper' || kind === 'lower') hasLetter = true;
    else if (kind === 'digit') hasDigit = true;
    else if (kind === 'symbol' || kind === 'other') found.add('bad-character');
    else found.add(kind);
  }
  if (length < signPasswordLength.min) found.add('too-short');
  if (length > signPasswordLength.max) found.add('too-long');
  if (!hasLetter) found.add('needs-letter');
  if (!hasDigit) found.add('needs-digit');
  return ordered(found);
}

/** R-PW-2 on code points. */
function authPinErrors(codePoints: Iterable<number>): PasswordErrorCode[] {
  const found = new Set<PasswordErrorCode>();
  let length = 0;
  for (const cp of codePoints) {
    length += 1;
    const kind = classify(cp);
    if (kind === 'digit') continue;
    if (kind === 'full-width' || kind === 'whitespace' || kind === 'control-character') found.add(kind);
    else found.add('not-digits');
  }
  if (length < authPinLength) found.add('too-short');
  if (length > authPinLength) found.add('too-long');
  return ordered(found);
}

/**
 * R-PW-1 / R-PW-2 on code points, for callers that hold a password as bytes and must not make
 * a string of it (docs/design.md §7): the same rules and codes as `validatePassword`.
 */
export function passwordErrorsOf(kind: PasswordKind, codePoints: Iterable<number>): readonly PasswordErrorCode[] {
  return kind === 'sign' ? signPasswordErrors(codePoints) : authPinErrors(codePoints);
}

/** R-PW-1: 6–16 of A–Z and 0–9 with at least one of each; a–z is upper-cased, not refused. */
export function validateSignPassword(raw: string): PasswordCheck {
  const errors = signPasswordErrors(codePointsOf(raw));
  return { ok: errors.length === 0, normalized: raw.replace(/[a-z]/g, (c) => c.toUpperCase()), errors };
}

/** R-PW-2 (and the card-info PIN of R-LOCK-3, same format): exactly 4 ASCII digits. */
export function validateAuthPin(raw: string): PasswordCheck {
  const errors = authPinErrors(codePointsOf(raw));
  return { ok: errors.length === 0, normalized: raw, errors };
}

/** R-PW-1 / R-PW-2 by certificate kind. */
export function validatePassword(kind: PasswordKind, raw: string): PasswordCheck {
  return kind === 'sign' ? validateSignPassword(raw) : validateAuthPin(raw);
}

/**
 * R-PW-3: the second entry must equal the first as the card would receive them, so `abc123`
 * then `ABC123` match for the signing password (both are shown as ABC123).
 */
export function passwordsMatch(kind: PasswordKind, first: string, second: string): boolean {
  return validatePassword(kind, first).normalized === validatePassword(kind, second).normalized;
}
