/**
 * Words of the self-service terminal: an unattended machine in a library or a lobby,
 * read by residents alone. Plain Japanese first, short sentences, `{漢字|かな}` for optional ruby.
 * Every screen says whether anything on the card changed.
 */
import type { Catalogue } from './types';

export const selfServiceMessages = {
  'ss.appName': { ja: '電子証明書のパスワード再設定（セルフサービス）', en: 'Certificate password reset (self-service)' },
  'ss.sideLabel': { ja: '研修用の補助パネル', en: 'Training side panel' },
  'ss.unchanged': { ja: 'カードの内容は何も変わっていません。', en: 'Nothing on your card has changed.' },
  'ss.takeCard': { ja: 'カードをお取りください。', en: 'Please take your card.' },
  'ss.finish': { ja: '終わる', en: 'Finish' },
  'ss.cancel': { ja: 'やめる', en: 'Cancel' },
  'ss.keepCard': { ja: 'カードはリーダーに置いたままにしてください。', en: 'Keep the card on the reader.' },
  'ss.counter': {
    ja: '{市役所|しやくしょ}の{市民課|しみんか}または{市民|しみん}サービスセンターの{窓口|まどぐち}で手続きできます（平日 8時30分〜17時）。マイナンバーカードをお持ちください。',
    en: 'The counter at the city hall citizen division or a citizen service center can help (weekdays 8:30–17:00). Please bring your My Number Card.',
  },
  'ss.idle': {
    ja: 'しばらく操作がありません。まもなく最初の画面に戻り、入力した内容は消去されます。続けるときは「延長する」を押してください。',
    en: 'Nothing has been pressed for a while. The screen will soon go back to the start and erase what you typed. Press "Extend" to continue.',
  },

  // The passwords by their glossary names, with what they are like.
  'ss.kind.sign': { ja: '{署名用|しょめいよう}パスワード', en: 'signing password' },
  'ss.kind.auth': { ja: '{利用者証明用暗証番号|りようしゃしょうめいようあんしょうばんごう}', en: 'authentication PIN' },
  'ss.kindShape.sign': { ja: '英数字6〜16文字', en: '6–16 letters and digits' },
  'ss.kindShape.auth': { ja: '数字4桁', en: '4 digits' },

  // Welcome
  'ss.welcome.title': { ja: 'マイナンバーカードをカードリーダーに置いてください', en: 'Place your My Number Card on the card reader' },
  'ss.welcome.lead': {
    ja: 'ロックされたり、忘れたりした{電子証明書|でんししょうめいしょ}のパスワードを、ここで設定し直せます。もう一方のパスワードを覚えている方が使えます。',
    en: 'Here you can set again a certificate password that is locked or forgotten, if you still remember the other one.',
  },
  'ss.welcome.how': { ja: '手続きの流れ', en: 'How it works' },
  'ss.welcome.how1': { ja: '設定し直すパスワードを選びます。', en: 'Choose the password to set again.' },
  'ss.welcome.how2': { ja: '覚えているほうのパスワードで、本人であることを確かめます。', en: 'Prove it is you with the password you remember.' },
  'ss.welcome.how3': { ja: '新しいパスワードを2回入れます。', en: 'Enter the new password twice.' },
  'ss.welcome.privacy': {
    ja: '入れたパスワードはカードだけが確かめます。この端末には残りません。',
    en: 'Only your card checks the passwords you enter. Nothing is kept on this terminal.',
  },
  'ss.notice.timedOut': { ja: '操作がなかったため、最初の画面に戻りました。入力した内容は消去しました。', en: 'Nothing was pressed for a while, so the screen went back to the start. What you typed was erased.' },
  'ss.notice.cancelled': { ja: '手続きをやめました。カードの内容は何も変わっていません。', en: 'You cancelled. Nothing on your card has changed.' },
  'ss.reading': { ja: 'カードを読み取っています。そのままお待ちください。', en: 'Reading the card. Please wait.' },

  // Choose
  'ss.choose.title': { ja: 'どちらのパスワードを設定し直しますか', en: 'Which password do you want to set again?' },
  'ss.choose.lead': {
    ja: '設定し直すほうを選んでください。本人確認には、もう一方のパスワードを使います。',
    en: 'Choose the one to set again. The other password is used to prove it is you.',
  },
  'ss.choose.status': { ja: 'いまの状態', en: 'Current state' },
  'ss.choose.locked': { ja: 'ロックされています', en: 'Locked' },
  'ss.choose.triesLeft': { ja: 'あと{count}回まちがえるとロックされます', en: 'Locked after {count} more wrong tries' },
  'ss.choose.option': { ja: '{name}を設定し直す', en: 'Set the {name} again' },
  'ss.choose.proveWith': { ja: '本人確認に{name}（{shape}）を使います。', en: 'You prove it is you with the {name} ({shape}).' },
  'ss.choose.provingLocked': {
    ja: '本人確認に使う{name}がロックされているため、ここでは手続きできません。',
    en: 'The {name} used to prove it is you is locked, so this cannot be done here.',
  },
  'ss.choose.noCertificate': {
    ja: 'このカードには本人確認に使う{name}の電子証明書がないため、ここでは手続きできません。',
    en: 'This card has no certificate for the {name} used to prove it is you, so this cannot be done here.',
  },
  // The fourth choice: change a password the resident knows (R-LOCK-4)
  'ss.choose.changeHeading': { ja: 'パスワードを{覚|おぼ}えている{方|かた}', en: 'If you remember your password' },
  'ss.choose.change': { ja: '{覚|おぼ}えているパスワードを{変更|へんこう}する', en: 'Change a password you remember' },
  'ss.choose.changeHelp': { ja: 'いまのパスワードを{入|い}れてから、{新|あたら}しいパスワードに{変|か}えます。{認証局|にんしょうきょく}への{問|と}い{合|あ}わせはありません。', en: 'Enter the current password, then the new one. The central office is not contacted.' },
  'ss.changing.title': { ja: 'パスワードを{変更|へんこう}しています', en: 'Changing the password' },
  'ss.changing.body': { ja: 'カードがいまのパスワードを{確|たし}かめて、{新|あたら}しいパスワードに{変|か}えています。まもなく{終|お}わります。', en: 'The card is checking the current password and taking the new one. It will be done soon.' },
  'ss.choose.noneAvailable': { ja: 'このカードは、ここでは手続きできません', en: 'This card cannot be served here' },

  // Waiting for the CA and the card
  'ss.contacting.title': { ja: '確認しています', en: 'Checking' },
  'ss.contacting.body': { ja: '{認証局|にんしょうきょく}（センター）に問い合わせています。', en: 'Asking the central certification office.' },
  'ss.verifying.title': { ja: '本人確認をしています', en: 'Proving it is you' },
  'ss.verifying.body': { ja: 'カードと{認証局|にんしょうきょく}（センター）で確かめています。', en: 'Your card and the central office are checking.' },
  'ss.writing.title': { ja: '新しいパスワードをカードに設定しています', en: 'Setting the new password on the card' },
  'ss.writing.body': { ja: '{認証局|にんしょうきょく}の許可を受けて、カードに設定しています。まもなく終わります。', en: 'With the central office’s permission, the card is being set. It will be done soon.' },
  'ss.writing.removed': {
    ja: 'カードが取り出されました。カードは、変わっていないか、設定が最後まで終わっているかのどちらかです。結果をお待ちください。',
    en: 'The card was taken away. It is either unchanged or completely reset, never half. Please wait for the result.',
  },

  // Proving
  'ss.proving.title': { ja: 'いま覚えている{name}を入れてください', en: 'Enter the {name} you remember' },
  'ss.proving.lead': {
    ja: '本人であることを確かめるために使います。カードだけが確かめ、この端末には残りません。',
    en: 'It is used to prove it is you. Only your card checks it; nothing is kept on this terminal.',
  },
  'ss.proving.entry': { ja: '{name}（{shape}）', en: '{name} ({shape})' },
  'ss.proving.triesLeft': { ja: 'あと{count}回まちがえるとロックされます。', en: 'After {count} more wrong tries it is locked.' },
  'ss.proving.refused': { ja: 'パスワードがちがいました。カードの内容は変わっていません。', en: 'That was not correct. Nothing on your card has changed.' },
  'ss.proving.submit': { ja: '入力した内容で確かめる', en: 'Check what I entered' },
  'ss.proving.sending': { ja: 'カードで確かめています…', en: 'The card is checking…' },
  'ss.proving.incomplete.sign': { ja: '英大文字と数字をまぜて6〜16文字入れてください', en: 'Enter 6 to 16 characters with letters and digits' },
  'ss.proving.incomplete.auth': { ja: '数字を4つ入れてください', en: 'Enter 4 digits' },
  'ss.proving.lastTryTitle': { ja: 'あと1回まちがえるとロックされます', en: 'One wrong try left before the lock' },
  'ss.proving.lastTryBody': {
    ja: 'このパスワードがちがうと、このパスワードもロックされ、ここでは手続きできなくなります。窓口での手続きが必要になります。自信がないときは「やめる」を押してください。',
    en: 'If this is wrong, this password is locked too and nothing more can be done here; the counter will have to help. If you are not sure, press "Cancel".',
  },
  'ss.proving.lastTryConfirm': { ja: '入力した内容で確かめる', en: 'Check what I entered' },
  'ss.proving.back': { ja: '選び直す', en: 'Choose again' },

  // New password
  'ss.new.title': { ja: '新しい{name}を決めてください', en: 'Set your new {name}' },
  'ss.new.lead': {
    ja: '本人確認ができました。新しいパスワードを2回入れてください。ほかの人に見せないでください。',
    en: 'It is you. Enter the new password twice. Do not show it to anyone.',
  },
  'ss.new.confirmTitle': { ja: 'この内容で設定しますか', en: 'Set it now?' },
  'ss.new.confirmBody': {
    ja: '「設定する」を押すと、カードに設定し、ロックも解除します。設定したパスワードは忘れないようにしてください。',
    en: 'Press "Set" to put it on the card; any lock is lifted. Please remember it.',
  },
  'ss.new.confirm': { ja: '設定する', en: 'Set' },

  // Done
  'ss.done.title': { ja: '{name}を設定し直しました', en: 'Your {name} was set again' },
  'ss.done.body': { ja: '新しいパスワードが使えます。まちがえた回数も元に戻りました。', en: 'The new password works now. The count of wrong tries is back to the start.' },
  'ss.done.print': { ja: 'お知らせを印刷する', en: 'Print the notice' },
  'ss.done.printing': { ja: '印刷するお知らせ', en: 'Notice to print' },
  'ss.notice.title': { ja: 'パスワード再設定のお知らせ', en: 'Password reset notice' },
  'ss.notice.what': { ja: '手続き', en: 'Procedure' },
  'ss.notice.whatValue': { ja: '{name}の再設定（セルフサービス）', en: 'Reset of the {name} (self-service)' },
  'ss.notice.when': { ja: '日時', en: 'Date and time' },
  'ss.notice.terminal': { ja: '端末', en: 'Terminal' },
  'ss.notice.reference': { ja: '受付番号', en: 'Reference' },
  'ss.notice.fee': { ja: '手数料', en: 'Fee' },
  'ss.notice.free': { ja: '無料', en: 'Free' },
  'ss.notice.notYou': {
    ja: 'この手続きに心当たりがないときは、すぐに{市役所|しやくしょ}の窓口にお知らせください。',
    en: 'If you did not do this, tell the city hall counter at once.',
  },
  'ss.notice.noSecrets': { ja: 'このお知らせにパスワードは書かれていません。', en: 'No password is written on this notice.' },

  // Go to the counter
  'ss.refused.title': { ja: '窓口でお手続きください', en: 'Please go to the counter' },
  // The CA's record of the proving certificate and this card disagree, or are missing: the counter checks it with the card in hand.
  'ss.refused.cardMismatch': {
    ja: '{本人確認|ほんにんかくにん}に{使|つか}う{電子証明書|でんししょうめいしょ}の{記録|きろく}が合いません。ここでは{手続|てつづ}きできません。このカードを{持|も}って{窓口|まどぐち}へお{越|こ}しください。{窓口|まどぐち}で{記録|きろく}を{確|たし}かめます。',
    en: 'The record of the certificate that proves it is you does not match this card, so this cannot be done here. Please bring this card to the counter, where the record will be checked.',
  },
  'ss.refused.cardUnrecorded': {
    ja: '{本人確認|ほんにんかくにん}に{使|つか}う{電子証明書|でんししょうめいしょ}が、どのカードのものか{記録|きろく}されていません。ここでは{手続|てつづ}きできません。このカードを{持|も}って{窓口|まどぐち}へお{越|こ}しください。',
    en: 'There is no record of which card the certificate that proves it is you belongs to, so this cannot be done here. Please bring this card to the counter.',
  },
  'ss.refused.why': { ja: 'ここでは手続きできません', en: 'This cannot be done here' },

  // Offline
  'ss.offline.title': { ja: 'いまは手続きできません', en: 'This cannot be done now' },
  'ss.offline.body': {
    ja: '{認証局|にんしょうきょく}（センター）とつながらないため、手続きを止めました。カードの内容は何も変わっていません。パスワードも前のままです。',
    en: 'The central office cannot be reached, so the reset was stopped. Nothing on your card has changed. Your passwords are as they were.',
  },
  'ss.offline.next': { ja: '時間をおいてもう一度お試しいただくか、窓口でお手続きください。', en: 'Please try again later, or go to the counter.' },

  // Card removed
  'ss.removed.title': { ja: 'カードが取り出されました', en: 'The card was taken away' },
  'ss.removed.unchanged': { ja: '手続きは終わっていません。もう一度はじめからお手続きください。', en: 'The reset did not happen. Please start again from the beginning.' },
  'ss.removed.reset': {
    ja: '新しい{name}の設定は最後まで終わっています。新しいパスワードが使えます。',
    en: 'The new {name} was set completely. The new password works now.',
  },

  // Failed
  'ss.failed.title': { ja: '手続きを終えられませんでした', en: 'The reset could not be finished' },
  'ss.failed.code': { ja: '（{code}）', en: '({code})' },
} as const satisfies Catalogue;
