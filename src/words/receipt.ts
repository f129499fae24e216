/**
 * The receipt's words (R-PROC-6): what to do next, by the core's `nextStep` code; and the
 * eligibility refusal receipt's (R-ELIG): what was refused and, per refusal code, why in plain
 * words without rule ids (the core gives codes and rule ids only, src/issuance/receipt.ts).
 */
import type { NextStep } from '../api/contract';
import type { RefusalCode } from '../domain/eligibility';
import type { Words } from './errors';

export const nextStepMessages = {
  none: { ja: '手続きは完了しました。', en: 'The procedure is complete.' },
  presentCardForPickUp: {
    ja: '電子証明書は認証局との通信が回復し次第発行されます。次回いずれかの窓口でカードを提示すると、カードに書き込みます。',
    en: 'The certificates will be issued when the connection to the CA is back. They are written onto the card when it is next presented at any counter.',
  },
  awaitInquiryLetter: {
    ja: '照会書兼回答書を申請者の住所に郵送します。回答を記入のうえ、必要書類とともに窓口へお持ちください。',
    en: "An inquiry-and-reply letter is mailed to the applicant's registered address. Bring it back filled in, with the required documents.",
  },
  revocationReported: { ja: '失効を認証局に届け出ました。', en: 'The revocation was reported to the CA.' },
  revocationPending: { ja: '失効の届出は認証局との通信が回復し次第送信されます。', en: 'The revocation will be reported to the CA as soon as the connection is back.' },
  seeClerk: { ja: '窓口職員にお尋ねください。', en: 'Please ask the clerk.' },
} as const satisfies Record<NextStep, Words>;

export const refusalReceiptWords = {
  print: { ja: 'お受けできなかったことの控えを印刷する', en: 'Print the refusal receipt' },
  title: { ja: '電子証明書 申請をお受けできなかったことの控え', en: 'Electronic certificates: receipt of a refused application' },
  number: { ja: '受付番号', en: 'Receipt number' },
  date: { ja: '受付日', en: 'Date' },
  procedure: { ja: '手続き', en: 'Procedure' },
  refused: { ja: 'お受けできなかった申請', en: 'What was refused' },
  refusedCertificates: { ja: '次の電子証明書の申請をお受けできませんでした：{list}', en: 'The application for these certificates was refused: {list}' },
  why: { ja: '理由', en: 'Why' },
  nothingIssued: { ja: '電子証明書は発行していません。カードの内容は変わっていません。', en: 'No certificate was issued; nothing on the card was changed.' },
  noSecrets: { ja: 'パスワードは記録も印刷もしていません。', en: 'No password was recorded or printed.' },
} as const satisfies Record<string, Words>;

export const certificateNames = {
  sign: { ja: '署名用電子証明書', en: 'signing certificate' },
  auth: { ja: '利用者証明用電子証明書', en: 'user authentication certificate' },
} as const satisfies Record<'sign' | 'auth', Words>;

/** Plain sentences for the applicant: the rule in words, never its id (the resident keeps this paper). */
export const refusalSentences = {
  'no-card': {
    ja: 'マイナンバーカードをお持ちでないため、本日は発行できません。カードの交付を受けてから、あらためてお越しください。',
    en: 'Certificates can only be issued onto a My Number Card, and none was presented. Please come back once you have received your card.',
  },
  'juki-card': {
    ja: '住民基本台帳カードには、新しい電子証明書を発行できません。マイナンバーカードでお申し込みください。',
    en: 'No new certificate can be issued onto a Basic Resident Register card. Please apply with a My Number Card.',
  },
  'other-municipality': {
    ja: 'カードの住所が本市にないため、本市ではお受けできません。住民登録のある市区町村の窓口でお申し込みください。',
    en: 'The address on the card is not in this municipality. Please apply at the municipality where you are registered.',
  },
  'representative-required': {
    ja: '15歳未満の方と成年被後見人の方は、法定代理人と一緒にお申し込みください。',
    en: 'An applicant under 15 or an adult ward must apply together with their legal representative.',
  },
  'representative-not-applicable': {
    ja: '法定代理人による申請は、15歳未満の方と成年被後見人の方に限られます。ご本人がお申し込みください。',
    en: 'A legal representative may apply only for an applicant under 15 or an adult ward. Please have the applicant apply in person.',
  },
  'pin-locked': {
    ja: 'このパスワードはロックされているため、変更できません。窓口で初期化・再設定するか、もう一方のパスワードがわかればセルフサービス端末でリセットしてください。',
    en: 'This password is locked, so it cannot be changed. Have it reset at the counter, or at the self-service terminal if you know the other password.',
  },
  'R-CERT-4': {
    ja: '氏名または住所に、電子証明書に記録できない文字（制御文字や書式文字など）が含まれています。住民登録の内容をご確認ください。',
    en: 'The name or address holds characters a certificate cannot carry (control or formatting characters). Please have the registration checked.',
  },
} as const satisfies Record<RefusalCode | 'R-CERT-4', Words>;

/** The sentence for a refusal code; a code this version does not know is shown as is, never hidden. */
export function refusalSentence(code: string): Words {
  const known = Object.entries(refusalSentences).find(([c]) => c === code);
  if (known !== undefined) return known[1];
  return { ja: `お受けできない理由：${code}`, en: `Reason for the refusal: ${code}` };
}
