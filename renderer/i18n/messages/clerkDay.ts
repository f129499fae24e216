/** The counter's day: the closing-time warning in the header and the clerk's acknowledgement of a refused request. */
import type { Catalogue } from './types';

export const clerkDayMessages = {
  // From 16:30 until 17:00, and after 17:00 on a counter day, when work is still open.
  'clerk.closing.soon': {
    ja: 'まもなく閉庁（17時）です。未処理：{work}',
    en: 'The counter closes at 17:00. Still open: {work}',
  },
  'clerk.closing.closed': {
    ja: '閉庁時刻（17時）を過ぎました。未処理：{work}',
    en: 'The counter has closed (17:00). Still open: {work}',
  },
  // Not the queue badge's own name, so the two buttons are never mistaken for each other.
  'clerk.closing.open': { ja: '（残っているものを確認する）', en: ' (see what is left)' },
  'clerk.closing.requestsWaiting': { ja: '送信待ち{count}件', en: '{count} waiting to be sent' },
  'clerk.closing.requestsFailed': { ja: '要対応{count}件', en: '{count} refused, needing a clerk' },
  'clerk.closing.pickUpsWaiting': { ja: '受け取り待ち{count}件', en: '{count} waiting to be picked up' },
  'clerk.closing.separator': { ja: '、', en: ', ' },

  // The day-end report by receipt number (no personal data).
  'clerk.report.receipts': { ja: '受付番号ごとの明細', en: 'By receipt number' },
  'clerk.report.colReceipt': { ja: '受付番号', en: 'Receipt no.' },
  'clerk.report.colOutcome': { ja: '状況', en: 'Where it stands' },
  'clerk.report.noReceipt': { ja: '番号なし（申請前に受付不可）', en: 'No number (refused before applying)' },
  'clerk.report.refusalReceipts': { ja: '{count}件（受付番号：{numbers}）', en: '{count} (receipt no. {numbers})' },
  'clerk.report.open.failedForGood': {
    ja: '認証局が受け付けなかったもの：{count}件（うち確認済み {acknowledged}件）',
    en: 'Refused for good by the CA: {count} (of which acknowledged: {acknowledged})',
  },
  'clerk.report.open.list': { ja: '残っている送信の一覧', en: 'The open requests' },
  'clerk.report.open.request': { ja: '{receipt}：{what}（{state}）', en: '{receipt}: {what} ({state})' },
  'clerk.report.openState.waiting': { ja: '送信待ち', en: 'waiting' },
  'clerk.report.openState.failed': { ja: '要対応', en: 'needs a clerk' },
  'clerk.report.openState.acknowledged': { ja: '確認済み', en: 'acknowledged' },

  // Acknowledging a request refused for good, confirmed first.
  'clerk.queue.acknowledgeConfirmTitle': { ja: '確認済みにしますか', en: 'Acknowledge this request?' },
  'clerk.queue.acknowledgeConfirmBody': {
    ja: '受付番号 {id} の{what}を確認済みにします。認証局には送り直さず、要対応の件数から外れます。だれがいつ確認したかは監査ログに残ります。',
    en: 'The {what} of receipt no. {id} will be marked as acknowledged. It is not sent to the CA again and no longer counts as needing a clerk. Who acknowledged it and when is kept in the audit log.',
  },
  'clerk.queue.acknowledgeKeep': { ja: 'やめる（要対応のまま）', en: 'Cancel (keep it as needing a clerk)' },
} as const satisfies Catalogue;
