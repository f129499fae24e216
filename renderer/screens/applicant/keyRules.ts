/**
 * Which rule a single typed character breaks, from the domain's own checks (R-PW-1, R-PW-2), so
 * the keyboard refusal names the same rule the checklist does.
 */
import { validateAuthPin, validateSignPassword, type PasswordErrorCode, type PasswordKind } from '../../../src/domain/passwords';
import type { MessageId } from '../../i18n/messages';

const characterRules: readonly PasswordErrorCode[] = ['full-width', 'whitespace', 'control-character', 'bad-character', 'not-digits'];

/** null when the character may be typed (a–z counts: it is upper-cased, not refused). */
export function refusalFor(kind: PasswordKind, char: string): MessageId | null {
  const check = kind === 'sign' ? validateSignPassword(char) : validateAuthPin(char);
  const broken = characterRules.find((code) => check.errors.includes(code));
  if (broken === undefined) return null;
  switch (broken) {
    case 'full-width':
      return 'pwRefused.full-width';
    case 'whitespace':
      return 'pwRefused.whitespace';
    case 'control-character':
      return 'pwRefused.control-character';
    case 'not-digits':
      return 'pwRefused.not-digits';
    default:
      return 'pwRefused.bad-character';
  }
}

/** The character as the card receives it: a–z becomes A–Z (R-PW-1), visibly. */
export function normalizeChar(kind: PasswordKind, char: string): string {
  return kind === 'sign' ? char.toUpperCase() : char;
}
