/** The card screen's section on what the CA holds for the card (ja first, en second). */
import type { Catalogue } from './types';

export const clerkCaRecordMessages = {
  'clerk.caRecords.title': { ja: '認証局の記録（このカードの電子証明書）', en: "The CA's records (this card's certificates)" },
  'clerk.caRecords.unknown': {
    ja: '認証局に確認できませんでした（オフライン）。ほかの窓口で発行した電子証明書があるかどうかは分かりません。',
    en: 'The CA could not be asked (offline). Whether another counter issued certificates for this card is not known.',
  },
  'clerk.caRecords.none': { ja: '認証局には、このカードの電子証明書の記録がありません。', en: 'The CA holds no certificate for this card.' },
  'clerk.caRecords.waitingNotice': {
    ja: '発行済みで、まだカードに書き込まれていない電子証明書があります。新しく発行すると、これらは失効します。先に受取（後日交付）をしてください。',
    en: 'Certificates were issued and are not on the card yet. A new issuance revokes them: do the pick-up first.',
  },
  'clerk.caRecords.kind': { ja: '種類', en: 'Kind' },
  'clerk.caRecords.status': { ja: '認証局での状態', en: 'At the CA' },
  'clerk.caRecords.serial': { ja: 'シリアル番号', en: 'Serial number' },
  'clerk.caRecords.expiry': { ja: '有効期限', en: 'Valid until' },
  'clerk.caRecords.status.waitingForPickUp': { ja: '発行済み・未受取', en: 'Issued, not picked up' },
  'clerk.caRecords.status.onCard': { ja: '有効（カードに記録済み）', en: 'Valid (on the card)' },
  'clerk.caRecords.status.notOnCard': { ja: '有効（このカードの鍵ではない）', en: 'Valid (not for the key on this card)' },
  'clerk.caRecords.status.revoked': { ja: '失効', en: 'Revoked' },
  'clerk.caRecords.status.expired': { ja: '有効期限切れ', en: 'Expired' },
} as const satisfies Catalogue;
