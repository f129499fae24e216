/**
 * Words for changing a password the holder knows (R-LOCK-4), read by the resident at the counter
 * and at the self-service terminal: plain Japanese first, `{漢字|かな}` for optional ruby.
 */
import type { Catalogue } from './types';

export const passwordChangeMessages = {
  // Which password (the resident chooses; the card's tries left beside each)
  'change.choose.title': { ja: '{変更|へんこう}するパスワードを{選|えら}んでください', en: 'Choose the password to change' },
  'change.choose.lead': {
    ja: 'いまのパスワードを{覚|おぼ}えている{方|かた}が、{新|あたら}しいパスワードに{変|か}えられます。いまのパスワードはカードだけが{確|たし}かめます。',
    en: 'If you remember the current password, you can change it to a new one. Only your card checks the current password.',
  },
  'change.choose.status': { ja: 'いまの{状態|じょうたい}', en: 'Current state' },
  'change.choose.option': { ja: '{name}を{変更|へんこう}する', en: 'Change the {name}' },
  'change.choose.locked': { ja: 'ロックされています', en: 'Locked' },
  'change.choose.triesLeft': { ja: 'あと{count}回まちがえるとロックされます', en: 'Locked after {count} more wrong tries' },
  'change.choose.lockedReason': {
    ja: 'ロックされたパスワードは{変更|へんこう}できません。{窓口|まどぐち}で{初期化|しょきか}・{再設定|さいせってい}するか、もう{一方|いっぽう}のパスワードがわかればセルフサービス{端末|たんまつ}でリセットしてください。',
    en: 'A locked password cannot be changed. Have it reset at the counter, or at the self-service terminal if you know the other password.',
  },
  'change.choose.back': { ja: '{戻|もど}る', en: 'Back' },

  // The current password, then the new one twice
  'change.title': { ja: '{name}を{変更|へんこう}します', en: 'Changing the {name}' },
  'change.current.heading': { ja: 'いまの{name}を{入|い}れてください', en: 'Enter your current {name}' },
  'change.current.lead': {
    ja: 'まず、いまのパスワードを{入|い}れます。{次|つぎ}に{新|あたら}しいパスワードを2{回|かい}{入|い}れます。いまのパスワードはカードが{確|たし}かめます。',
    en: 'First enter the current password, then the new one twice. The card checks the current password.',
  },
  'change.current.entry': { ja: 'いまのパスワード', en: 'Current password' },
  'change.current.triesLeft': { ja: 'あと{count}回まちがえるとロックされます。', en: 'After {count} more wrong tries it is locked.' },
  'change.current.refused': { ja: 'いまのパスワードがちがいました。パスワードは{変|か}わっていません。', en: 'The current password was not correct. Nothing was changed.' },
  'change.current.next': { ja: '{次|つぎ}へ（{新|あたら}しいパスワード）', en: 'Next (the new password)' },
  'change.current.sending': { ja: '{送|おく}っています…', en: 'Sending…' },
  'change.current.incomplete.sign': { ja: '英大文字と数字をまぜて6〜16文字入れてください', en: 'Enter 6 to 16 characters with letters and digits' },
  'change.current.incomplete.auth': { ja: '数字を4つ入れてください', en: 'Enter 4 digits' },
  'change.current.lastTryTitle': { ja: 'あと1回まちがえるとロックされます', en: 'One wrong try left before the lock' },
  'change.current.lastTryBody': {
    ja: 'いまのパスワードがちがうと、このパスワードはロックされて{使|つか}えなくなります。ロックの{解除|かいじょ}には{初期化|しょきか}・{再設定|さいせってい}の{手続|てつづ}きが{必要|ひつよう}です。{自信|じしん}がないときは「やめる」を{押|お}してください。',
    en: 'If the current password is wrong, it is locked and cannot be used; unlocking needs a reset. If you are not sure, press "Cancel".',
  },
  'change.current.lastTryConfirm': { ja: 'この内容で{進|すす}む', en: 'Go on with this' },
  'change.new.heading': { ja: '{新|あたら}しい{name}を{決|き}めてください', en: 'Set your new {name}' },
  'change.new.kept': { ja: 'いまのパスワードを{受|う}け{付|つ}けました（まだ{確|たし}かめていません）。{新|あたら}しいパスワードを2{回|かい}{入|い}れてください。', en: 'Your current password is noted (not checked yet). Enter the new one twice.' },
  'change.new.confirmTitle': { ja: 'この{内容|ないよう}で{変更|へんこう}しますか', en: 'Change it now?' },
  'change.new.confirmBody': {
    ja: '「{変更|へんこう}する」を{押|お}すと、カードがいまのパスワードを{確|たし}かめてから、{新|あたら}しいパスワードに{変|か}えます。{新|あたら}しいパスワードは{忘|わす}れないようにしてください。',
    en: 'Press "Change": the card checks the current password, then takes the new one. Please remember the new one.',
  },
  'change.new.confirm': { ja: '{変更|へんこう}する', en: 'Change' },
  'change.startOver': { ja: 'いまのパスワードから{入|い}れ{直|なお}す', en: 'Start again from the current password' },
  'change.turnStep': { ja: 'パスワードの{変更|へんこう}', en: 'Changing a password' },

  // The outcome (also on the clerk's result screen)
  'change.done.title': { ja: '{name}を{変更|へんこう}しました', en: 'Your {name} was changed' },
  'change.done.body': { ja: 'これからは{新|あたら}しいパスワードを{使|つか}ってください。{前|まえ}のパスワードは{使|つか}えません。まちがえた{回数|かいすう}は{元|もと}に{戻|もど}りました。', en: 'Use the new password from now on; the old one no longer works. The count of wrong tries is back to the start.' },
  'change.unconfirmed.title': { ja: '{変更|へんこう}できたか{確|たし}かめられませんでした', en: 'The change could not be confirmed' },
  'change.unconfirmed.body': {
    ja: 'カードの{答|こた}えが{届|とど}きませんでした。カードは{新|あたら}しいパスワードに{変|か}わっているかもしれません。まず{新|あたら}しいパスワードを{試|ため}してください。{違|ちが}っていたら、{前|まえ}のパスワードのままです。',
    en: 'The card’s answer did not arrive. The card may already hold the new password: try the new one first. If it is refused, the old one still holds.',
  },
  'change.clerk.done': { ja: '{name}：新しいパスワードに変更しました。前のパスワードは使えません。', en: '{name}: changed to the new password. The old one no longer works.' },
} as const satisfies Catalogue;
