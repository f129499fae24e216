/**
 * The queue's words by where a request really stands: waiting for the CA to come back, being
 * retried, refused for good (and what the clerk does then), acknowledged — never one word for all.
 */
import type { Catalogue } from './types';

export const clerkQueueMessages = {
  'clerk.queueBadge.attention': { ja: '要対応 {count}件', en: '{count} need attention' },
  'clerk.queueState.needsClerk': { ja: '対応が必要なもの（認証局が受け付けなかったもの）', en: 'Needs a clerk (refused by the CA)' },

  'clerk.queuePhase.waiting': { ja: '送信待ち（認証局との通信の回復を待っています）', en: 'Waiting (for the connection to the CA)' },
  'clerk.queuePhase.retrying': { ja: '再送待ち（自動でもう一度送ります）', en: 'Will be retried automatically' },
  'clerk.queuePhase.sending': { ja: '送信中', en: 'Sending' },
  'clerk.queuePhase.failed': { ja: '送信できませんでした（対応が必要です）', en: 'Refused for good (needs a clerk)' },
  'clerk.queuePhase.acknowledged': { ja: '確認済み', en: 'Acknowledged' },
  'clerk.queuePhase.done': { ja: '送信済み', en: 'Sent' },
  'clerk.queueKind.enroll': { ja: '{certificate}の発行申請', en: 'Request for the {certificate}' },
  'clerk.queueKind.revoke': { ja: '{certificate}の失効の届出', en: 'Revocation of the {certificate}' },

  'clerk.queue.waitingTitle': { ja: '送信を待っているもの', en: 'Waiting to be sent' },
  'clerk.queue.noWaiting': { ja: '送信を待っているものはありません。', en: 'Nothing is waiting.' },
  'clerk.queue.noNeedsClerk': { ja: '対応が必要なものはありません。', en: 'Nothing needs a clerk.' },
  'clerk.queue.colWhat': { ja: '内容', en: 'What' },
  'clerk.queue.colToDo': { ja: 'すること', en: 'What to do' },
  'clerk.queue.toDo.enroll': {
    ja: '理由を確認し、直せる場合は再送してください。再送しても同じ場合は、申請者に連絡して窓口で申請し直していただきます。対応が済んだら「確認済みにする」を押してください。',
    en: 'Check the reason and retry if it can be fixed. If it fails again, contact the applicant to apply again at the counter. When done, press “Acknowledge”.',
  },
  'clerk.queue.toDo.revoke': {
    ja: '認証局がこの失効の届出を受け付けませんでした（電子証明書が見つからない、すでに失効しているなど）。申請の記録と電子証明書を確認し、失効の必要がなければ「確認済みにする」を押してください。必要なら管理者に連絡してください。',
    en: 'The CA refused this revocation (the certificate was not found, or was revoked already, for example). Check the records; if nothing more is needed press “Acknowledge”. Otherwise contact the administrator.',
  },
  'clerk.queue.acknowledge': { ja: '確認済みにする', en: 'Acknowledge' },
  'clerk.queue.acknowledgeRow': { ja: '受付番号 {id} の{what}を確認済みにする', en: 'Acknowledge the {what} of receipt no. {id}' },
  'clerk.queue.retryWhat': { ja: '受付番号 {id} の{what}を再送する', en: 'Retry the {what} of receipt no. {id}' },
  'clerk.queue.acknowledged': { ja: '確認済みにしました。記録は監査ログに残ります。', en: 'Acknowledged. The audit log keeps the record.' },
  'clerk.queue.needsClerkCount': { ja: '対応が必要なもの', en: 'Need a clerk' },

  'clerk.queue.sendResult.sent': { ja: '送信待ちはすべて送信しました。', en: 'Everything waiting was sent.' },
  'clerk.queue.sendResult.offline': {
    ja: '送信できませんでした。認証局と通信できません。送信待ちの{count}件はそのまま残っていて、通信が回復すると自動で送信します。',
    en: 'Nothing could be sent: the CA cannot be reached. The {count} waiting stay queued and go automatically once the connection is back.',
  },
  'clerk.queue.sendResult.blocked': {
    ja: '送信できませんでした。認証局がこの端末を受け付けていません。接続設定を確認してください。',
    en: 'Nothing could be sent: the CA refuses this terminal. Check the connection settings.',
  },
  'clerk.queue.sendResult.partly': { ja: 'まだ{count}件が送信できていません。自動でもう一度送ります。', en: '{count} could not be sent yet; they are retried automatically.' },
  'clerk.queue.sendResult.needsClerk': {
    ja: '認証局が受け付けなかったものが{count}件あります。「対応が必要なもの」を確認してください。',
    en: 'The CA refused {count}. See “Needs a clerk”.',
  },
} as const satisfies Catalogue;
