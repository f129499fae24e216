/** Words for each named procedure step (src/issuance/steps.ts), as the working screen lists them. */
import type { VisitState } from '../../../src/api/visit';
import type { Words } from '../../../src/words/errors';

/** The core's step names, as the working state carries them. */
type ProcedureStep = Extract<VisitState, { step: 'working' }>['progress'][number];

export const clerkProgressMessages = {
  'clerk.progress.issue-after-draft': { ja: '申請を記録しました', en: 'Application recorded' },
  'clerk.progress.issue-after-issuer-auth': { ja: 'カードが端末を発行者として認めました', en: 'The card accepted the terminal as issuer' },
  'clerk.progress.issue-after-keygen-sign': { ja: '署名用の鍵をカード内で作りました', en: 'Signing key generated on the card' },
  'clerk.progress.issue-after-setpin-sign': { ja: '署名用パスワードを設定しました', en: 'Signing password set' },
  'clerk.progress.issue-after-keygen-auth': { ja: '利用者証明用の鍵をカード内で作りました', en: 'Authentication key generated on the card' },
  'clerk.progress.issue-after-setpin-auth': { ja: '利用者証明用暗証番号を設定しました', en: 'Authentication PIN set' },
  'clerk.progress.issue-after-card-prepared': { ja: 'カードの準備ができました', en: 'Card prepared' },
  'clerk.progress.issue-after-csr-sign': { ja: '署名用電子証明書の発行要求をカードが署名しました', en: 'The card signed the signing-certificate request' },
  'clerk.progress.issue-after-csr-auth': { ja: '利用者証明用電子証明書の発行要求をカードが署名しました', en: 'The card signed the authentication-certificate request' },
  'clerk.progress.issue-after-queue': { ja: '発行要求を端末に保存しました', en: 'Requests saved on the terminal' },
  'clerk.progress.sync-before-enroll': { ja: '認証局に送信しています', en: 'Sending to the CA' },
  'clerk.progress.sync-after-enroll': { ja: '認証局が電子証明書を発行しました', en: 'The CA issued the certificates' },
  'clerk.progress.sync-after-complete-row': { ja: '送信を記録しました', en: 'Delivery recorded' },
  'clerk.progress.issue-after-delivery': { ja: '電子証明書を受け取りました', en: 'Certificates received' },
  'clerk.progress.write-before-certificate': { ja: 'カードに書き込んでいます', en: 'Writing onto the card' },
  'clerk.progress.write-after-certificate-sign': { ja: '署名用電子証明書を書き込みました', en: 'Signing certificate written' },
  'clerk.progress.write-after-certificate-auth': { ja: '利用者証明用電子証明書を書き込みました', en: 'Authentication certificate written' },
  'clerk.progress.write-after-ca-certificates': { ja: '認証局の証明書を書き込みました', en: 'CA certificates written' },
  'clerk.progress.write-after-written': { ja: 'カードへの書き込みが終わりました', en: 'Writing finished' },
  'clerk.progress.issue-after-completed': { ja: '手続きが完了しました', en: 'Procedure completed' },
  'clerk.progress.pickup-after-recover': { ja: '保存済みの申請を確認しました', en: 'Saved applications checked' },
  'clerk.progress.pickup-after-sync': { ja: '認証局から電子証明書を受け取りました', en: 'Certificates fetched from the CA' },
  'clerk.progress.reset-after-draft': { ja: '初期化の申請を記録しました', en: 'Reset recorded' },
  'clerk.progress.reset-after-setpin': { ja: '新しいパスワードを設定しました', en: 'New password set' },
  'clerk.progress.change-after-card': { ja: 'カードが新しいパスワードを受け付けました', en: 'The card accepted the new password' },
  'clerk.progress.change-after-card-prepared': { ja: '変更を記録しました', en: 'Change recorded' },
  'clerk.progress.revoke-after-record': { ja: '失効の申請を記録しました', en: 'Revocation recorded' },
  'clerk.progress.revoke-after-report': { ja: '失効を認証局に届け出ました', en: 'Revocation reported to the CA' },
} as const satisfies Record<`clerk.progress.${ProcedureStep}`, Words>;
