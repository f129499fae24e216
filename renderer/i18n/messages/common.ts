/** Words every screen shares: the header, settings, generic actions. */
import type { Catalogue } from './types';

export const commonMessages = {
  'app.name': { ja: '窓口 — 電子証明書の発行', en: 'Madoguchi — electronic certificates' },
  'app.training': { ja: '研修モード', en: 'Training mode' },
  'app.loading': { ja: '読み込んでいます…', en: 'Loading…' },
  'app.connecting': { ja: '端末に接続しています…', en: 'Connecting to the terminal…' },
  'app.notConnected.title': { ja: 'この画面は端末につながっていません', en: 'This page is not connected to the terminal' },
  'app.notConnected.body': {
    ja: '端末を起動したときに表示されたリンク（アドレス）から、この画面を開いてください。',
    en: 'Open this page from the link (address) the terminal printed when it started.',
  },
  'app.notConnected.once': {
    ja: 'リンクは1回しか使えません。使用済みのときや見つからないときは、端末を再起動し、新しく表示されたリンクから開いてください。',
    en: 'The link works only once. If it has been used or cannot be found, restart the terminal and open the new link it prints.',
  },
  'app.notConnected.why': {
    ja: '端末は、そのリンクから開かれた画面からの操作だけを受け付けます。',
    en: 'The terminal only takes requests from the page opened through that link.',
  },
  'app.noApi': { ja: '端末と通信できません。画面を開き直してください。', en: 'Cannot reach the terminal. Open the screen again.' },
  'layout.skip': { ja: '本文へ移動', en: 'Skip to main content' },
  'layout.settings': { ja: '表示の設定', en: 'Display settings' },
  'layout.language': { ja: 'English', en: '日本語' },
  'layout.languageLabel': { ja: 'Switch to English', en: '日本語に切り替える' },
  'layout.largeText': { ja: '文字を大きくする', en: 'Large text' },
  'layout.ruby': { ja: 'ふりがなを表示', en: 'Show furigana' },
  'layout.side': { ja: '補助パネル', en: 'Side panel' },
  'action.close': { ja: '閉じる', en: 'Close' },
  'action.cancel': { ja: 'やめる', en: 'Cancel' },
  'action.back': { ja: '戻る', en: 'Back' },
  'action.next': { ja: '次へ', en: 'Next' },
  'placeholder.title': { ja: 'この画面は準備中です', en: 'This screen is not ready yet' },
  'placeholder.step': { ja: '現在の段階：{step}', en: 'Current step: {step}' },
  'date.invalid': { ja: '日付が正しくありません', en: 'Not a valid date' },
} as const satisfies Catalogue;
