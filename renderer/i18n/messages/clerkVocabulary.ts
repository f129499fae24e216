/**
 * The clerk screens' words for the core's codes (procedures, documents, warnings, refusals,
 * progress steps, queue states). Each rule-bearing text names its docs/rules.md id, so the clerk can
 * tell the applicant which rule applies.
 */
import type { Catalogue } from './types';

export const clerkVocabularyMessages = {
  'clerk.procedure.issue': { ja: '新規発行', en: 'New issuance' },
  'clerk.procedure.renew': { ja: '更新', en: 'Renewal' },
  'clerk.procedure.changePin': { ja: 'パスワードの変更', en: 'Password change' },
  'clerk.procedure.resetPin': { ja: 'パスワードの初期化・再設定', en: 'Password reset' },
  'clerk.procedure.pickUp': { ja: '受取（後日交付）', en: 'Pick-up' },
  'clerk.procedure.revoke': { ja: '失効申請', en: 'Revocation request' },
  'clerk.procedure.proxyFirst': { ja: '任意代理人による申請（1回目）', en: "Voluntary proxy's application (first visit)" },
  'clerk.procedure.proxySecond': { ja: '任意代理人による申請（2回目・照会書兼回答書の持参）', en: "Voluntary proxy's application (second visit, with the inquiry-and-reply letter)" },

  'clerk.applicantType.self': { ja: '本人', en: 'The applicant in person' },
  'clerk.applicantType.legalRepresentative': { ja: '法定代理人', en: 'Legal representative' },
  'clerk.applicantType.proxy': { ja: '任意代理人', en: 'Voluntary proxy' },

  'clerk.document.myNumberCard': { ja: 'マイナンバーカード（個人番号カード）', en: 'My Number Card' },
  'clerk.document.applicationForm': { ja: '電子証明書新規発行/更新申請書', en: 'Application form (new issuance / renewal)' },
  'clerk.document.photoId': { ja: '本人確認書類（官公署発行の顔写真付き）', en: 'Photo ID issued by a public office' },
  'clerk.document.authorityProof': { ja: '代理権を証する書類（戸籍謄本、登記事項証明書など）', en: 'Proof of authority (family register copy, registry certificate, etc.)' },
  'clerk.document.inquiryLetter': { ja: '照会書兼回答書（回答を記入したもの）', en: 'Inquiry-and-reply letter, filled in' },

  'clerk.cert.sign': { ja: '署名用電子証明書', en: 'Signing certificate' },
  'clerk.cert.auth': { ja: '利用者証明用電子証明書', en: 'User authentication certificate' },
  'clerk.pin.sign': { ja: '署名用パスワード', en: 'Signing password' },
  'clerk.pin.auth': { ja: '利用者証明用暗証番号', en: 'Authentication PIN' },
  'clerk.pin.cardInfo': { ja: '券面事項入力補助用暗証番号', en: 'Card-info PIN' },

  'clerk.cardType.myNumberCard': { ja: 'マイナンバーカード', en: 'My Number Card' },
  'clerk.cardType.jukiCard': { ja: '住民基本台帳カード（住基カード）', en: 'Basic Resident Register card' },

  'clerk.sex.0': { ja: '不明', en: 'Unknown' },
  'clerk.sex.1': { ja: '男', en: 'Male' },
  'clerk.sex.2': { ja: '女', en: 'Female' },
  'clerk.sex.9': { ja: '適用不能', en: 'Not applicable' },

  'clerk.warning.juki-card': { ja: '住基カードです。新しい電子証明書は発行できません（R-ELIG-3）。', en: 'This is a Basic Resident Register card. No new certificate can be issued onto it (R-ELIG-3).' },
  'clerk.warning.other-municipality': { ja: 'カードの住所地が本市ではありません。住民登録を確認してください（R-ELIG-1、R-ELIG-5）。', en: 'The address on the card is not in this city. Check the registration (R-ELIG-1, R-ELIG-5).' },
  'clerk.warning.card-expired': { ja: 'カードの有効期限が過ぎています。電子証明書はカードの期限を超えられません（R-VAL-3、R-REV-1）。', en: 'The card has expired. A certificate never outlives its card (R-VAL-3, R-REV-1).' },
  'clerk.warning.sign-locked': { ja: '署名用パスワードがロックされています。初期化・再設定ができます（R-LOCK-1、R-LOCK-2）。', en: 'The signing password is locked. It can be reset (R-LOCK-1, R-LOCK-2).' },
  'clerk.warning.auth-locked': { ja: '利用者証明用暗証番号がロックされています。初期化・再設定ができます（R-LOCK-1、R-LOCK-2）。', en: 'The authentication PIN is locked. It can be reset (R-LOCK-1, R-LOCK-2).' },
  'clerk.warning.card-info-locked': { ja: '券面事項入力補助用暗証番号がロックされています。基本4情報は職員がカード券面から入力してください（R-LOCK-3）。', en: 'The card-info PIN is locked. Type the basic 4 information from the card face (R-LOCK-3).' },
  'clerk.warning.certificates-waiting': { ja: 'このカードに書き込む電子証明書があります。受取の手続きをしてください（R-PROC-3）。', en: 'Certificates are waiting to be written onto this card. Do the pick-up (R-PROC-3).' },
  'clerk.warning.proxy-awaiting-reply': { ja: '任意代理人の申請が回答待ちです。照会書兼回答書をお持ちなら2回目の手続きができます（R-APP-3、R-PROC-5）。', en: "A voluntary proxy's application is awaiting the reply. With the letter, do the second visit (R-APP-3, R-PROC-5)." },

  'clerk.refusal.no-card': { ja: 'マイナンバーカードがないため、本日は発行できません（R-ELIG-3）。', en: 'Without a My Number Card nothing can be issued today (R-ELIG-3).' },
  'clerk.refusal.pin-locked': { ja: 'このパスワードはロックされています。変更はできません。初期化・再設定の手続き（窓口）か、セルフサービス端末でのリセットを案内してください（R-LOCK-2、R-LOCK-4）。', en: 'This password is locked and cannot be changed. Offer a password reset at the counter, or the self-service reset (R-LOCK-2, R-LOCK-4).' },
  'clerk.refusal.juki-card': { ja: '住基カードには新しい電子証明書を発行できません（R-ELIG-3）。', en: 'No new certificate can be issued onto a Basic Resident Register card (R-ELIG-3).' },
  'clerk.refusal.other-municipality': { ja: 'カードの住所地が本市ではないため受け付けられません（R-ELIG-1、R-ELIG-5）。', en: 'The address on the card is not in this city (R-ELIG-1, R-ELIG-5).' },
  'clerk.refusal.representative-required': { ja: '15歳未満または成年被後見人の方は、法定代理人と一緒に申請してください（R-ELIG-4、R-APP-2）。', en: 'An applicant under 15 or an adult ward applies with the legal representative (R-ELIG-4, R-APP-2).' },
  'clerk.refusal.representative-not-applicable': { ja: '法定代理人による申請は、15歳未満または成年被後見人の方に限られます（R-APP-2）。', en: 'A legal representative may apply only for an applicant under 15 or an adult ward (R-APP-2).' },
  'clerk.refusal.missingDocument': { ja: '必要書類が確認されていません：{document}（R-APP、R-DOC）', en: 'A required document was not checked: {document} (R-APP, R-DOC)' },
  'clerk.refusal.unknown': { ja: '受け付けられない理由：{code}', en: 'Reason it cannot be accepted: {code}' },

  'clerk.eligibility.false-application-is-a-crime': { ja: '偽りの申請は罪になります。申請者にお伝えください（R-ELIG-2）。', en: 'A false application is a crime. Tell the applicant (R-ELIG-2).' },
  'clerk.eligibility.no-sign-under-15': { ja: '15歳未満の方には署名用電子証明書を発行しません（R-ELIG-4）。', en: 'No signing certificate is issued to an applicant under 15 (R-ELIG-4).' },
  'clerk.eligibility.no-sign-adult-ward': { ja: '成年被後見人の方には署名用電子証明書を発行しません（R-ELIG-4）。', en: 'No signing certificate is issued to an adult ward (R-ELIG-4).' },
  'clerk.eligibility.representative-sets-pin': { ja: '15歳未満の方の利用者証明用暗証番号は法定代理人が設定します（R-ELIG-4）。', en: 'For an applicant under 15 the legal representative sets the authentication PIN (R-ELIG-4).' },
  'clerk.eligibility.not-same-day': { ja: '任意代理人による申請は即日交付できません。照会書兼回答書を郵送します（R-APP-3）。', en: 'A voluntary proxy is never served the same day; an inquiry-and-reply letter is mailed (R-APP-3).' },
  'clerk.eligibility.confirm-registration': { ja: 'カードの住所地と住民登録を確認してください（R-ELIG-5）。', en: 'Confirm the registration against the card (R-ELIG-5).' },

  'clerk.notice.cardRemoved': { ja: 'カードが取り外されたため、最初に戻りました。', en: 'The card was removed, so the visit is back at the start.' },
  'clerk.notice.applicantTimedOut': { ja: '申請者の入力時間が終わったため、職員の画面に戻りました。入力内容は消去しました。', en: "The applicant's time ran out; the screen is back with the clerk and what was typed is wiped." },
  'clerk.notice.clerkTimedOut': { ja: '一定時間操作がなかったため、サインアウトしました。', en: 'You were signed out after a period without activity.' },
  'clerk.notice.cancelled': { ja: '手続きを取りやめました。', en: 'The procedure was cancelled.' },
  'clerk.notice.signedOut': { ja: 'サインアウトしました。', en: 'You signed out.' },

  'clerk.certState.present': { ja: '記録あり', en: 'On the card' },
  'clerk.certState.expired': { ja: '有効期限切れ', en: 'Expired' },
  'clerk.certState.absent': { ja: '記録なし', en: 'None' },
  'clerk.certState.pinRequired': { ja: '記録あり（パスワード入力時のみ表示）', en: 'Present (shown only with its password)' },

  'clerk.receiptStatus.written': { ja: 'カードに書き込みました', en: 'Written onto the card' },
  'clerk.receiptStatus.waitingForCard': { ja: '次回カード提示時に書き込みます', en: 'Written when the card is next presented' },
  'clerk.receiptStatus.requested': { ja: '申請を受け付けました', en: 'Application accepted' },
  'clerk.receiptStatus.pinChanged': { ja: 'パスワードを変更しました', en: 'Password changed' },
  'clerk.receiptStatus.pinReset': { ja: 'パスワードを再設定しました', en: 'Password reset' },
  'clerk.receiptStatus.revoked': { ja: '失効しました', en: 'Revoked' },
  'clerk.receiptStatus.revocationPending': { ja: '失効を届出中です', en: 'Revocation being reported' },

  'clerk.revocationReason.unspecified': { ja: '本人の希望', en: "The holder's wish" },
  'clerk.revocationReason.keyCompromise': { ja: 'カードの紛失・盗難', en: 'Card lost or stolen' },
  'clerk.revocationReason.affiliationChanged': { ja: '記載事項の変更', en: 'Change of the recorded facts' },
  'clerk.revocationReason.cessationOfOperation': { ja: '利用の終了', en: 'No longer used' },

  'clerk.outbox.pending': { ja: '送信待ち', en: 'Waiting to be sent' },
  'clerk.outbox.sending': { ja: '送信中', en: 'Sending' },
  'clerk.outbox.done': { ja: '送信済み', en: 'Sent' },
  'clerk.outbox.failed_retryable': { ja: '送信失敗（自動で再送します）', en: 'Failed (will retry by itself)' },
  'clerk.outbox.failed_permanent': { ja: '送信失敗（再送の操作が必要です）', en: 'Failed (needs a retry)' },
} as const satisfies Catalogue;
