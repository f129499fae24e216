/** Words inside the shared components (field markers, notices, keypads, progress). */
import type { Catalogue } from './types';

export const componentMessages = {
  'field.required': { ja: '※必須', en: '*Required' },
  'field.errorPrefix': { ja: '＊', en: '＊' },
  'date.year': { ja: '年', en: 'Year' },
  'date.month': { ja: '月', en: 'Month' },
  'date.day': { ja: '日', en: 'Day' },
  'date.support': { ja: '西暦で入力してください（例：1990年5月10日）', en: 'Enter the year in the Western calendar (for example 1990, 5, 10).' },
  'date.preview': { ja: '和暦：{date}', en: 'That is {date}' },
  'notice.info': { ja: 'お知らせ', en: 'Information' },
  'notice.warning': { ja: '注意', en: 'Warning' },
  'notice.error': { ja: 'エラー', en: 'Error' },
  'notice.success': { ja: '完了', en: 'Done' },
  'progress.done': { ja: '完了', en: 'done' },
  'progress.current': { ja: '実行中', en: 'in progress' },
  'progress.pending': { ja: '未実行', en: 'not started' },
  'progress.failed': { ja: '失敗', en: 'failed' },
  'keypad.label': { ja: '{name}の入力キー', en: 'Keys for the {name}' },
  'keypad.delete': { ja: '1文字消す', en: 'Delete one' },
  'keypad.clear': { ja: '全部消す', en: 'Clear all' },
  'keypad.show': { ja: '入力した文字を表示', en: 'Show what I typed' },
  'keypad.hide': { ja: '入力した文字を隠す', en: 'Hide what I typed' },
  'keypad.count': { ja: '{count}文字入力済み', en: '{count} characters entered' },
  'keypad.empty': { ja: 'まだ入力していません', en: 'Nothing entered yet' },
  'idle.message': {
    ja: 'しばらく操作がありません。まもなく入力の時間が終わり、職員の画面に戻ります。続けるときは「延長する」を押してください。',
    en: 'Nothing has been pressed for a while. Your turn will soon end and the screen returns to the clerk. Press "Extend" to continue.',
  },
  'idle.secondsLeft': { ja: '残り約{seconds}秒', en: 'About {seconds} seconds left' },
  'idle.extend': { ja: '延長する', en: 'Extend' },
  'idle.extended': { ja: '時間を延長しました。', en: 'The time was extended.' },
} as const satisfies Catalogue;
