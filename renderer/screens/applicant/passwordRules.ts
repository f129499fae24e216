/** The live checklist: one line per rule of R-PW-1 / R-PW-2, decided by src/domain/passwords.ts. */
import { validatePassword, type PasswordErrorCode, type PasswordKind } from '../../../src/domain/passwords';
import type { MessageId } from '../../i18n/messages';

export interface RuleLine {
  readonly id: MessageId;
  readonly isMet: boolean;
}

const rulesByKind: Record<PasswordKind, readonly { readonly id: MessageId; readonly brokenBy: readonly PasswordErrorCode[] }[]> = {
  sign: [
    { id: 'pwRule.sign.length', brokenBy: ['too-short', 'too-long'] },
    { id: 'pwRule.sign.letter', brokenBy: ['needs-letter'] },
    { id: 'pwRule.sign.digit', brokenBy: ['needs-digit'] },
  ],
  auth: [{ id: 'pwRule.auth.length', brokenBy: ['too-short', 'too-long', 'not-digits'] }],
};

export function ruleLines(kind: PasswordKind, typed: string): { readonly lines: readonly RuleLine[]; readonly ok: boolean } {
  const check = validatePassword(kind, typed);
  const lines = rulesByKind[kind].map((rule) => ({ id: rule.id, isMet: !rule.brokenBy.some((code) => check.errors.includes(code)) }));
  return { lines, ok: check.ok };
}
