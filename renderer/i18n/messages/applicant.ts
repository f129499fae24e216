/**
 * Words on the applicant's screens: plain Japanese for residents. `{漢字|かな}` marks optional
 * ruby, shown when the applicant turns on furigana (the Ruby text renderer reads it).
 */
import { passwordChangeMessages } from './passwordChange';
import type { Catalogue } from './types';

export const applicantMessages = {
  'applicant.turnStatus': { ja: '申請者が入力中です', en: 'The applicant is entering' },
  'applicant.turnStatusDetail': {
    ja: '入力が終わるまでお待ちください。入力内容はこの画面に表示されません。',
    en: 'Please wait until the applicant has finished. Nothing they type is shown on this screen.',
  },
  'applicant.turnStep.cardInfoPin': { ja: '券面事項入力補助用暗証番号の入力', en: 'Entering the card-info PIN' },
  'applicant.turnStep.passwords': { ja: 'パスワード・暗証番号の設定', en: 'Setting the password and PIN' },

  // Card-info PIN
  'cardInfoPin.title': { ja: '{暗証番号|あんしょうばんごう}（数字4桁）を入れてください', en: 'Enter your PIN (4 digits)' },
  'cardInfoPin.lead': {
    ja: 'カードの{券面事項入力補助用暗証番号|けんめんじこうにゅうりょくほじょようあんしょうばんごう}です。{住所|じゅうしょ}や氏名をカードから読み取るために使います。',
    en: 'This is the card-info PIN of your card. It is used to read your name and address from the card.',
  },
  'cardInfoPin.entry': { ja: '暗証番号', en: 'PIN' },
  'cardInfoPin.triesLeft': { ja: 'あと{count}回まちがえるとロックされます。', en: 'After {count} more wrong tries the PIN is locked.' },
  'cardInfoPin.refused': { ja: '暗証番号がちがいました。もう一度入れてください。', en: 'The PIN was not correct. Please enter it again.' },
  'cardInfoPin.needDigits': { ja: '数字を4つ入れてください', en: 'Enter 4 digits' },
  'cardInfoPin.submit': { ja: 'この暗証番号で読み取る', en: 'Read the card with this PIN' },
  'cardInfoPin.sending': { ja: 'カードを確認しています…', en: 'Checking the card…' },
  'cardInfoPin.fallback': { ja: '窓口の職員に代わってもらう', en: 'Let the clerk do it instead' },
  'cardInfoPin.lastTryTitle': { ja: 'あと1回まちがえるとロックされます', en: 'One wrong try left before the lock' },
  'cardInfoPin.lastTryBody': {
    ja: 'この暗証番号がちがうと、暗証番号はロックされて使えなくなります。ロックされても電子証明書の手続きはできますが、住所や氏名は職員が入力します。ロックの解除は窓口での手続きが必要です。自信がないときは「やめる」を押して、職員に代わってもらってください。',
    en: 'If this PIN is wrong, it is locked and cannot be used. The procedure can still go on, with the clerk typing your name and address; unlocking needs a procedure at the counter. If you are not sure, press "Cancel" and let the clerk do it.',
  },
  'cardInfoPin.lastTryConfirm': { ja: 'この暗証番号で読み取る', en: 'Read the card with this PIN' },

  // Passwords
  // The title names what is set: the signing password is a パスワード, not a 暗証番号.
  'passwords.title.both': {
    ja: '{署名用|しょめいよう}パスワードと{利用者証明用暗証番号|りようしゃしょうめいようあんしょうばんごう}を決めてください',
    en: 'Set your signing password and authentication PIN',
  },
  'passwords.title.sign': { ja: '{署名用|しょめいよう}パスワードを決めてください', en: 'Set your signing password' },
  'passwords.title.auth': { ja: '{利用者証明用暗証番号|りようしゃしょうめいようあんしょうばんごう}を決めてください', en: 'Set your authentication PIN' },
  'passwords.lead': {
    ja: '{電子証明書|でんししょうめいしょ}を使うときに入れるものです。ほかの人に見せないでください。職員の画面には表示されません。',
    en: 'You will use these when you use your electronic certificates. Do not show them to anyone. They are not shown on the clerk’s screen.',
  },
  'passwords.representative': {
    ja: '{法定代理人|ほうていだいりにん}の方が{利用者証明用暗証番号|りようしゃしょうめいようあんしょうばんごう}を決めてください。',
    en: 'The legal representative sets the authentication PIN.',
  },
  // The glossary's official names (署名用パスワード, 利用者証明用暗証番号), as on the clerk's screens.
  'passwords.sign.name': { ja: '{署名用|しょめいよう}パスワード', en: 'Signing password' },
  'passwords.sign.rule': { ja: '英大文字（A〜Z）と数字（0〜9）をまぜて6〜16文字', en: '6 to 16 characters, A–Z and 0–9, at least one of each' },
  'passwords.auth.name': { ja: '{利用者証明用暗証番号|りようしゃしょうめいようあんしょうばんごう}', en: 'Authentication PIN' },
  'passwords.auth.rule': { ja: '数字4桁', en: '4 digits' },
  'passwords.first': { ja: '1回目の入力', en: 'First entry' },
  'passwords.second': { ja: '確認のため、もう一度入れてください', en: 'Enter it again to confirm' },
  'passwords.toSecond': { ja: '次へ（もう一度入れる）', en: 'Next (enter again)' },
  'passwords.checkSecond': { ja: '確認する', en: 'Check' },
  'passwords.fixFirst': { ja: '1回目の条件をすべて満たしてください', en: 'Meet every rule in the first entry first' },
  'passwords.needSecond': { ja: '2回目を最後まで入れてください', en: 'Finish the second entry' },
  'passwords.mismatch': { ja: '1回目と2回目がちがいます。2回目をもう一度入れてください。', en: 'The two entries differ. Enter the second one again.' },
  'passwords.restart': { ja: '1回目から入れ直す', en: 'Start this one again' },
  'passwords.matched': { ja: '{name}を決めました。', en: '{name}: set.' },
  'passwords.progress': { ja: '{total}つのうち{index}つ目', en: '{index} of {total}' },
  'passwords.confirmTitle': { ja: 'この内容で設定しますか', en: 'Set these now?' },
  'passwords.confirmBody': {
    ja: '「設定する」を押すと、カードに設定します。設定したパスワード・暗証番号は忘れないようにしてください。',
    en: 'Press "Set" to put them on the card. Please remember them.',
  },
  'passwords.confirm': { ja: '設定する', en: 'Set' },
  'passwords.startOver': { ja: 'はじめから入れ直す', en: 'Start over' },
  'passwords.sending': { ja: '送っています…', en: 'Sending…' },
  'passwords.rules': { ja: '条件', en: 'Rules' },
  'passwords.ruleMet': { ja: '満たしています', en: 'met' },
  'passwords.ruleUnmet': { ja: 'まだです', en: 'not yet' },

  // One line per rule of src/domain/passwords.ts (R-PW-1, R-PW-2).
  'pwRule.sign.length': { ja: '6文字以上16文字以下', en: '6 to 16 characters' },
  'pwRule.sign.letter': { ja: '英大文字（A〜Z）が1つ以上', en: 'At least one letter A–Z' },
  'pwRule.sign.digit': { ja: '数字（0〜9）が1つ以上', en: 'At least one digit 0–9' },
  'pwRule.auth.length': { ja: '数字4桁', en: 'Exactly 4 digits' },
  'pwRefused.bad-character': { ja: '＊使えるのは英大文字（A〜Z）と数字（0〜9）だけです。記号は使えません。', en: '＊Only A–Z and 0–9 can be used. No symbols.' },
  'pwRefused.full-width': { ja: '＊全角の文字は使えません。半角の英数字で入れてください。', en: '＊Full-width characters cannot be used. Use half-width A–Z and 0–9.' },
  'pwRefused.whitespace': { ja: '＊空白（スペース）は使えません。', en: '＊Spaces cannot be used.' },
  'pwRefused.control-character': { ja: '＊この文字は使えません。', en: '＊This character cannot be used.' },
  'pwRefused.not-digits': { ja: '＊使えるのは数字（0〜9）だけです。', en: '＊Only the digits 0–9 can be used.' },
  'pwRefused.too-long': { ja: '＊これ以上は入れられません。', en: '＊No more characters can be entered.' },
  // Changing a password the holder knows, at the counter and the self-service terminal.
  ...passwordChangeMessages,
} as const satisfies Catalogue;
