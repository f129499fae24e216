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
  'clerk.closing.open': { ja: '（送信待ちの状況を開く）', en: ' (open the queue)' },
  'clerk.closing.requestsWaiting': { ja: '送信待ち{count}件', en: '{count} waiting to be sent' },
  'clerk.closing.requestsFailed': { ja: '要対応{count}件', en: '{count} refused, needing a clerk' },
  'clerk.closing.pickUpsWaiting': { ja: '受け取り待ち{count}件', en: '{count} waiting to be picked up' },
  'clerk.closing.separator': { ja: '、', en: ', ' },
} as const satisfies Catalogue;
