/**
 * The receipt's words (R-PROC-6): what to do next, by the core's `nextStep` code; and the
 * eligibility refusal receipt's (R-ELIG): what was refused and, per refusal code, why in plain
 * words without rule ids (the core gives codes and rule ids only, src/issuance/receipt.ts).
 */
import type { NextStep } from '../api/contract';
import type { RefusalCode } from '../domain/eligibility';
import type { Words } from './errors';
import words from './receipt.json';

export const nextStepMessages = words.nextStepMessages satisfies Record<NextStep, Words>;

export const refusalReceiptWords = words.refusalReceiptWords satisfies Record<string, Words>;

export const certificateNames = words.certificateNames satisfies Record<'sign' | 'auth', Words>;

/** Plain sentences for the applicant: the rule in words, never its id (the resident keeps this paper). */
export const refusalSentences = words.refusalSentences satisfies Record<RefusalCode | 'R-CERT-4', Words>;

/** The sentence for a refusal code; a code this version does not know is shown as is, never hidden. */
export function refusalSentence(code: string): Words {
  const known = Object.entries(refusalSentences).find(([c]) => c === code);
  if (known !== undefined) return known[1];
  return { ja: `お受けできない理由：${code}`, en: `Reason for the refusal: ${code}` };
}
