/**
 * The eligibility refusal receipt as the CLI prints it (R-ELIG, R-PROC-6): the core's codes and
 * rule ids, in the catalogue's words (src/words/receipt.ts).
 */
import { certificateNames, refusalReceiptWords, refusalSentence } from '../../words/receipt';
import type { Words } from '../../words/errors';
import type { RefusalReceipt } from '../../issuance/receipt';

type Lang = keyof Words;

/** The JSON document: codes for scripts, and each reason's sentence in both languages. */
export function refusalReceiptDocument(receipt: RefusalReceipt) {
  return {
    ...receipt,
    reasons: receipt.reasons.map((r) => ({ ...r, text: refusalSentence(r.code) })),
  };
}

export function formatRefusalReceipt(receipt: RefusalReceipt, lang: Lang = 'en'): string {
  const w = (words: Words) => words[lang];
  const certificates = receipt.certificates.map((k) => certificateNames[k][lang]).join(lang === 'ja' ? '、' : ', ');
  const lines = [
    w(refusalReceiptWords.title),
    `${w(refusalReceiptWords.number)}: ${receipt.applicationId ?? '-'}`,
    `${w(refusalReceiptWords.date)}: ${receipt.date.iso} (${lang === 'ja' ? receipt.date.eraJa : receipt.date.en})`,
    `${w(refusalReceiptWords.procedure)}: ${receipt.procedure} (${receipt.applicantType})`,
    `${w(refusalReceiptWords.refused)}: ${w(refusalReceiptWords.refusedCertificates).replace('{list}', certificates)}`,
    `${w(refusalReceiptWords.why)}:`,
    ...receipt.reasons.map((r) => `- ${w(refusalSentence(r.code))}`),
    w(refusalReceiptWords.nothingIssued),
    w(refusalReceiptWords.noSecrets),
  ];
  return `${lines.join('\n')}\n`;
}
