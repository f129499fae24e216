/**
 * R-CERT-4: what the name and address written into a signing certificate may not contain.
 * Control characters (C0, DEL, C1), format characters (bidi overrides U+202A–202E, isolates
 * U+2066–2069, zero-width U+200B–200D, U+FEFF, … — all of \p{Cf}), unassigned code points
 * (\p{Cn}, noncharacters included) and lone surrogates. Each can make the text a relying party
 * displays differ from the text that was checked at the counter, so they are refused, never
 * stripped: a changed name would no longer be the one the applicant confirmed.
 */
export const certificateTextProblems = ['control-character', 'format-character', 'unassigned-code-point', 'lone-surrogate'] as const;
export type CertificateTextProblem = (typeof certificateTextProblems)[number];

const control = /\p{Cc}/u;
const format = /\p{Cf}/u;
const unassigned = /\p{Cn}/u;
const surrogate = /\p{Cs}/u;

/** The problems of one text, in `certificateTextProblems` order; empty when the text is fine (R-CERT-4). */
export function certificateTextIssues(text: string): CertificateTextProblem[] {
  const found = new Set<CertificateTextProblem>();
  for (const ch of text) {
    if (surrogate.test(ch)) found.add('lone-surrogate');
    else if (control.test(ch)) found.add('control-character');
    else if (format.test(ch)) found.add('format-character');
    else if (unassigned.test(ch)) found.add('unassigned-code-point');
  }
  return certificateTextProblems.filter((p) => found.has(p));
}

/** True when the text may be written into a certificate (R-CERT-4). */
export function isCertificateText(text: string): boolean {
  return certificateTextIssues(text).length === 0;
}
