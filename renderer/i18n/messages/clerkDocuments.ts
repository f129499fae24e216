/**
 * Words of the printed receipt and the voluntary proxy's inquiry-and-reply letter (R-PROC-5,
 * R-PROC-6). Nothing here asks for or shows a password (R-PW-3).
 */
import type { Catalogue } from './types';

export const clerkDocumentMessages = {
  'doc.receipt.title': { ja: '電子証明書 手続きの控え', en: 'Electronic certificates: receipt' },
  'doc.receipt.issuer': { ja: '{municipality} 市民課', en: '{municipality}, citizen division' },
  'doc.receipt.number': { ja: '受付番号', en: 'Receipt number' },
  'doc.receipt.date': { ja: '受付日', en: 'Date' },
  'doc.receipt.procedure': { ja: '手続き', en: 'Procedure' },
  'doc.receipt.applicant': { ja: '申請した人', en: 'Applied by' },
  'doc.receipt.certificates': { ja: '電子証明書', en: 'Certificates' },
  'doc.receipt.kind': { ja: '種類', en: 'Kind' },
  'doc.receipt.status': { ja: '状態', en: 'Status' },
  'doc.receipt.serial': { ja: 'シリアル番号', en: 'Serial number' },
  'doc.receipt.expiry': { ja: '有効期限', en: 'Expiry date' },
  'doc.receipt.expected': { ja: '{date}（見込み）', en: '{date} (expected)' },
  'doc.receipt.notIssued': { ja: '発行後に決まります', en: 'Set when issued' },
  'doc.receipt.noCertificates': { ja: '対象の電子証明書はありません。', en: 'No certificates.' },
  'doc.receipt.fee': { ja: '発行手数料', en: 'Issue fee' },
  'doc.receipt.next': { ja: '次にすること', en: 'What to do next' },
  'doc.receipt.notes': { ja: 'ご注意', en: 'Please note' },
  // The resident's copy speaks to the resident: plain words, no rule ids, no clerk instructions.
  'doc.receipt.name': { ja: 'お名前', en: 'Name' },
  'doc.receipt.terminal': { ja: '受付端末', en: 'Counter terminal' },
  'doc.receipt.noNumber': { ja: '—', en: '—' },
  'doc.receipt.note.no-sign-under-15': { ja: '15歳未満の方には、署名用電子証明書は発行されません。', en: 'No signing certificate is issued to an applicant under 15.' },
  'doc.receipt.note.no-sign-adult-ward': { ja: '成年被後見人の方には、署名用電子証明書は発行されません。', en: 'No signing certificate is issued to an adult ward.' },
  'doc.receipt.note.not-same-day': {
    ja: '任意代理人による申請のため、本日は交付できません。照会書兼回答書をご本人の住所に郵送します。',
    en: 'An application by a voluntary proxy is not served the same day. An inquiry-and-reply letter is mailed to the applicant’s address.',
  },
  'doc.receipt.forgotten': {
    ja: 'パスワードを忘れたときや、暗証番号を何度もまちがえてロックされたときは、マイナンバーカードを持って市民課の窓口へお越しください。設定し直すことができます。',
    en: 'If you forget a password or PIN, or it is locked after too many wrong tries, bring your My Number Card to the citizen division’s counter to set it again.',
  },
  'doc.receipt.use': {
    ja: '電子証明書の利用には、マイナンバーカード、パソコンまたは対応するスマートフォン、ICカードリーダライタ、利用者クライアントソフトが必要です。',
    en: 'Using the certificates needs the card, a PC or supported smartphone, an IC card reader/writer and the user client software.',
  },
  'doc.receipt.noSecrets': { ja: 'パスワードと暗証番号はご本人だけが知っています。この控えには記載していません。', en: 'Only you know your password and PIN; they are not printed here.' },
  'doc.receipt.validity': { ja: '有効期限は、発行日から5回目の誕生日までです。カードの有効期限を超えることはありません。', en: 'Valid until your 5th birthday after issue, and never beyond the card’s expiry.' },

  'doc.letter.title': { ja: '照会書兼回答書', en: 'Inquiry-and-reply letter' },
  'doc.letter.to': { ja: '{name} 様', en: 'To {name}' },
  'doc.letter.from': { ja: '{municipality}長', en: 'Mayor of {municipality}' },
  'doc.letter.number': { ja: '受付番号：{number}', en: 'Receipt number: {number}' },
  // A copy printed again later says so at its top, with the day it was printed.
  'doc.reissued': { ja: '再発行（{date}）', en: 'Reissued ({date})' },
  'doc.letter.body': {
    ja: 'あなたの代理人（任意代理人）から、次の電子証明書の発行の申請がありました。この申請があなたの意思によるものかを確認するため、照会します。下の回答欄にご記入のうえ、代理人にお渡しいただき、代理人が窓口へお持ちください（R-APP-3）。',
    en: 'Your voluntary proxy applied for the certificates below. To confirm that you intend this, please fill in the reply below and give this letter to your proxy, who brings it to the counter (R-APP-3).',
  },
  'doc.letter.certificates': { ja: '申請された電子証明書', en: 'Certificates applied for' },
  'doc.letter.bring': { ja: '代理人は、この照会書兼回答書と代理人の本人確認書類（官公署発行の顔写真付き）、マイナンバーカードをお持ちください。', en: "The proxy brings this letter, the proxy's photo ID issued by a public office and the My Number Card." },
  'doc.letter.reply': { ja: '回答書', en: 'Reply' },
  'doc.letter.replyQuestion': { ja: 'この申請は、私の意思によるものです。', en: 'This application is made by my will.' },
  'doc.letter.yes': { ja: 'はい', en: 'Yes' },
  'doc.letter.no': { ja: 'いいえ', en: 'No' },
  'doc.letter.replyDate': { ja: '回答日', en: 'Date of reply' },
  'doc.letter.replyName': { ja: '申請者の氏名（自署）', en: "Applicant's name (own hand)" },
  'doc.letter.replyAddress': { ja: '申請者の住所', en: "Applicant's address" },
  'doc.letter.proxyName': { ja: '代理人の氏名', en: "Proxy's name" },
  'doc.letter.proxyAddress': { ja: '代理人の住所', en: "Proxy's address" },
  'doc.letter.eraBlank': { ja: '令和　　年　　月　　日', en: '____ / ____ / ______' },
} as const satisfies Catalogue;
