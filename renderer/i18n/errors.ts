/**
 * Words for every code the core returns (src/api/errors.ts), in Japanese and English. The core
 * speaks only in codes; this table is where a clerk's sentence comes from, in the renderer and
 * in the CLI alike. Exhaustive by type: a new code without words does not compile.
 */
import type { ErrorCode } from '../../src/api/errors';

export interface Words {
  readonly ja: string;
  readonly en: string;
}

export const errorMessages = {
  // The card (PC/SC and the card's own answers)
  CARD_WRONG_PIN: { ja: '暗証番号が違います。', en: 'The PIN is not correct.' },
  CARD_PIN_BLOCKED: { ja: '暗証番号がロックされています。窓口で初期化の手続きができます。', en: 'The PIN is locked. It can be reset at the counter.' },
  CARD_SECURITY_STATUS: { ja: 'カードがこの操作を許可しませんでした。最初からやり直してください。', en: 'The card did not allow this operation. Start again.' },
  CARD_FILE_NOT_FOUND: { ja: 'カードに必要な情報が見つかりません。カードの種類を確認してください。', en: 'The card does not hold the expected data. Check the type of card.' },
  CARD_WRONG_LENGTH: { ja: 'カードとの通信で不正な長さの応答がありました。カードを置き直してください。', en: 'The card answered with a wrong length. Place the card again.' },
  CARD_WRONG_PARAMETERS: { ja: 'カードがこの操作に対応していません。管理者に連絡してください。', en: 'The card does not support this operation. Contact the administrator.' },
  CARD_WRONG_DATA: { ja: 'カードが送った内容を受け付けませんでした。', en: 'The card refused the data sent to it.' },
  CARD_INS_NOT_SUPPORTED: { ja: 'カードがこの操作に対応していません。カードの種類を確認してください。', en: 'The card does not support this operation. Check the type of card.' },
  CARD_CLA_NOT_SUPPORTED: { ja: 'カードがこの操作に対応していません。カードの種類を確認してください。', en: 'The card does not support this operation. Check the type of card.' },
  CARD_CONDITIONS_NOT_SATISFIED: { ja: 'カードの状態がこの操作の条件を満たしていません。', en: 'The card is not in a state that allows this operation.' },
  CARD_AUTHENTICATION_FAILED: { ja: 'カードが端末を発行者として認めませんでした。管理者に連絡してください。', en: 'The card did not accept this terminal as issuer. Contact the administrator.' },
  CARD_UNEXPECTED_STATUS: { ja: 'カードから想定外の応答がありました。カードを置き直してください。', en: 'The card gave an unexpected answer. Place the card again.' },
  CARD_MALFORMED_RESPONSE: { ja: 'カードの応答が壊れていました。カードを置き直してください。', en: 'The card answer was damaged. Place the card again.' },
  CARD_INVALID_DATA: { ja: 'カードの記録内容を読み取れませんでした。', en: 'The data on the card could not be read.' },
  CARD_INVALID_ARGUMENT: { ja: '入力内容がカードの形式に合いません。', en: 'The input does not fit the card format.' },
  CARD_REMOVED: { ja: 'カードが取り外されました。カードをリーダーに置いてください。', en: 'The card was removed. Place the card on the reader.' },
  CARD_TIMEOUT: { ja: 'カードの応答がありません。カードを置き直してください。', en: 'The card did not answer. Place the card again.' },
  CARD_TRANSPORT: { ja: 'カードリーダーとの通信に失敗しました。リーダーの接続を確認してください。', en: 'Communication with the card reader failed. Check the reader connection.' },
  CARD_IN_USE: { ja: 'カードが別の処理で使用中です。しばらくしてからやり直してください。', en: 'The card is in use by another task. Try again shortly.' },
  CARD_NO_READER: { ja: 'カードリーダーが見つかりません。接続を確認してください。', en: 'No card reader found. Check the connection.' },
  CARD_NO_CARD: { ja: 'カードがリーダーに置かれていません。', en: 'There is no card on the reader.' },
  CARD_CLOSED: { ja: 'カードとの接続が終了しています。カードを置き直してください。', en: 'The card connection was closed. Place the card again.' },
  // Input the rules cannot judge
  'invalid-date': { ja: '日付が正しくありません。', en: 'The date is not valid.' },
  'birth-after-issue': { ja: '生年月日が発行日より後になっています。', en: 'The date of birth is after the issue date.' },
  'birth-in-future': { ja: '生年月日が未来の日付です。', en: 'The date of birth is in the future.' },
  'invalid-time': { ja: '時刻が正しくありません。', en: 'The time is not valid.' },
  'invalid-tries-left': { ja: '残り回数が正しくありません。', en: 'The number of tries left is not valid.' },
  'unknown-event': { ja: 'この手続きではできない操作です。', en: 'This step is not possible in this procedure.' },
  // Procedures
  ISSUE_NOT_ELIGIBLE: { ja: 'この申請は受け付けられません。理由を確認してください。', en: 'This application cannot be accepted. See the reasons.' },
  ISSUE_MISSING_DOCUMENTS: { ja: '必要な書類がそろっていません。', en: 'Required documents are missing.' },
  ISSUE_BAD_PASSWORD: { ja: 'パスワードが規則に合っていません。', en: 'The password does not meet the rules.' },
  ISSUE_WRONG_PROCEDURE: { ja: 'この手続きは選んだ内容では行えません。', en: 'This procedure cannot be done with the choices made.' },
  ISSUE_CARD_MISMATCH: { ja: '申請時とは別のカードです。', en: 'This is not the card the application was filed for.' },
  ISSUE_NOT_FOUND: { ja: '申請が見つかりません。', en: 'The application was not found.' },
  ISSUE_NOTHING_TO_PICK_UP: { ja: 'このカードに書き込む電子証明書はありません。', en: 'There are no certificates waiting for this card.' },
  ISSUE_KEY_MISMATCH: { ja: '発行された証明書がカードの鍵と一致しません。管理者に連絡してください。', en: 'The issued certificate does not match the key on the card. Contact the administrator.' },
  ISSUE_NO_CA: { ja: 'この端末には認証局の接続設定がありません。', en: 'This terminal has no CA connection configured.' },
  ISSUE_NOTHING_TO_REVOKE: { ja: '失効させる電子証明書が見つかりません。', en: 'No certificate was found to revoke.' },
  // The local database
  STORE_SCHEMA_TOO_NEW: { ja: 'データベースが新しい版のソフトウェアで作られています。ソフトウェアを更新してください。', en: 'The database was made by a newer version. Update the software.' },
  STORE_SCHEMA_MISMATCH: { ja: 'データベースの構成が想定と異なります。管理者に連絡してください。', en: 'The database layout is not as expected. Contact the administrator.' },
  STORE_CORRUPT_ROW: { ja: 'データベースの記録が壊れています。管理者に連絡してください。', en: 'A database record is damaged. Contact the administrator.' },
  STORE_NOT_FOUND: { ja: '記録が見つかりません。', en: 'The record was not found.' },
  STORE_STATE_CONFLICT: { ja: '記録が別の処理で更新されました。画面を更新してください。', en: 'The record was changed by another task. Refresh the screen.' },
  STORE_ILLEGAL_TRANSITION: { ja: 'この申請の状態ではこの操作はできません。', en: 'This is not possible in the application’s current state.' },
  STORE_AUDIT_SECRET_REJECTED: { ja: '記録に秘密情報が含まれていたため保存しませんでした。管理者に連絡してください。', en: 'A record held secret data and was not saved. Contact the administrator.' },
  STORE_INVALID_INPUT: { ja: '保存する内容が正しくありません。', en: 'The data to save is not valid.' },
  STORE_AUDIT_TAMPERED: {
    ja: '操作記録（監査ログ）が最後の控えと一致しません。改ざんまたは古い複製への置き換えの恐れがあります。この端末を使わず、管理者に連絡してください。',
    en: 'The audit log does not match its last checkpoint: it may have been altered or replaced by an old copy. Stop using this terminal and contact the administrator.',
  },
  STORE_DATABASE_MISSING: {
    ja: 'この端末のデータベースがないか空になっています。新しく始めずに止めました。バックアップからの復元を管理者に依頼してください。',
    en: 'This terminal’s database is missing or empty. The terminal did not start afresh; ask the administrator to restore it from a backup.',
  },
  STORE_AUDIT_KEY_MISSING: {
    ja: '操作記録（監査ログ）の鍵ファイルがありません。記録を確かめられないため止めました。管理者に連絡してください。',
    en: 'The audit log’s key file is missing, so the log cannot be checked. Contact the administrator.',
  },
  STORE_AUDIT_CHECKPOINT_FAILED: {
    ja: '操作記録の控えを保存できなかったため、この操作は保存していません。空き容量と保存先を確かめてから、もう一度行ってください。',
    en: 'The audit checkpoint could not be saved, so this action was not saved either. Check the free space and the data folder, then try again.',
  },
  STORE_FILE_CORRUPT: {
    ja: '端末のデータベースファイルが壊れています。ファイルは削除も移動もせずそのまま残し、この端末での受付を止めて管理者に連絡してください。',
    en: "The terminal's database file is damaged. Do not delete or move it; stop serving on this terminal and contact the administrator.",
  },
  STORE_READ_ONLY: {
    ja: '端末のデータ保存先に書き込めません（読み取り専用）。この操作は記録されていません。管理者に書き込みできるようにしてもらってから、やり直してください。',
    en: "The terminal's data directory cannot be written (read-only). This operation was not recorded. Ask the administrator to make it writable, then do it again.",
  },
  STORE_DISK_FULL: {
    ja: 'ディスクの空きがありません。この操作は記録されていませんが、それまでの記録は失われていません。管理者に空きを作ってもらってから、やり直してください。',
    en: 'The disk is full. This operation was not recorded; everything recorded before is kept. Ask the administrator to free space, then do it again.',
  },
  // The central CA (EST)
  EST_NETWORK: { ja: '認証局に接続できません。ネットワークの復旧後に自動で再送します。', en: 'Cannot reach the CA. It will be sent again automatically when the network is back.' },
  EST_TIMEOUT: { ja: '認証局の応答がありません。自動で再送します。', en: 'The CA did not answer in time. It will be sent again automatically.' },
  EST_SERVER_ERROR: { ja: '認証局で一時的な障害が発生しています。自動で再送します。', en: 'The CA has a temporary problem. It will be sent again automatically.' },
  EST_RATE_LIMITED: { ja: '認証局が混み合っています。時間をおいて自動で再送します。', en: 'The CA is busy. It will be sent again automatically later.' },
  EST_IN_PROGRESS: { ja: '認証局で処理中です。自動で確認します。', en: 'The CA is still processing this request. It will be checked again automatically.' },
  EST_PENDING: { ja: '認証局で発行待ちです。自動で確認します。', en: 'The CA accepted the request and has not issued yet. It will be checked again automatically.' },
  EST_BAD_RESPONSE: { ja: '認証局の応答が壊れていました。自動で再送します。', en: 'The CA answer was damaged. It will be sent again automatically.' },
  EST_BAD_REQUEST: { ja: '認証局が申請内容を受け付けませんでした。管理者に連絡してください。', en: 'The CA refused the request content. Contact the administrator.' },
  EST_UNAUTHORIZED: { ja: 'この端末は認証局に認証されませんでした。端末証明書の設定を確認してください。', en: 'The CA did not accept this terminal. Check the terminal certificate settings.' },
  EST_IDEMPOTENCY_CONFLICT: { ja: '同じ申請番号で異なる内容が送られました。管理者に連絡してください。', en: 'The same request id was sent with different content. Contact the administrator.' },
  EST_DUPLICATE_KEY: { ja: 'このカードの鍵にはすでに有効な証明書があります。', en: 'A valid certificate already exists for this card key.' },
  EST_REJECTED: { ja: '認証局が申請を拒否しました。管理者に連絡してください。', en: 'The CA rejected the request. Contact the administrator.' },
  EST_KEY_MISMATCH: { ja: '発行された証明書がカードの鍵と一致しません。管理者に連絡してください。', en: 'The issued certificate does not match the card key. Contact the administrator.' },
  EST_WRONG_CHAIN: { ja: '発行された証明書が正しい認証局のものではありません。管理者に連絡してください。', en: 'The issued certificate does not come from the expected CA. Contact the administrator.' },
  EST_TLS: { ja: '認証局との安全な接続を確立できません（端末証明書の期限切れ・未登録など）。端末証明書と接続設定を確認してください。', en: 'Cannot establish a secure connection to the CA (e.g. the terminal certificate expired or is not registered). Check the terminal certificate and the connection settings.' },
  EST_TRUST: { ja: '認証局の証明書が、この端末に設定された認証局のものと一致しません。通信は遮断しました。管理者に連絡してください。', en: 'The CA certificate does not match the CA this terminal is configured to trust. Nothing was sent. Contact the administrator.' },
  EST_CONFIG: { ja: '認証局の接続設定が正しくありません。', en: 'The CA connection settings are invalid.' },
  // The terminal itself
  CONFIG_DATA_DIR: { ja: 'データ保存先のフォルダを使えません。管理者に連絡してください。', en: 'The data folder cannot be used. Contact the administrator.' },
  CONFIG_UNREADABLE: { ja: '端末の設定ファイルを読めません。管理者に連絡してください。', en: 'The terminal settings file cannot be read. Contact the administrator.' },
  CONFIG_INVALID: { ja: '端末の設定に誤りがあります。管理者に連絡してください。', en: 'The terminal settings have an error. Contact the administrator.' },
  CONFIG_NO_CA: { ja: '認証局の接続設定がありません。', en: 'No CA connection is configured.' },
  PRINT_FAILED: { ja: '印刷できませんでした。プリンターを確認して、もう一度印刷してください。', en: 'Printing failed. Check the printer and print again.' },
  CONFIG_MISSING: {
    ja: 'この端末には設定ファイル（config.json）がありません。本番用の端末は設定なしでは起動しません。管理者に連絡してください。',
    en: 'This terminal has no settings file (config.json). A production terminal does not start without it. Contact the administrator.',
  },
  TERMINAL_BUSY: { ja: 'この端末のデータは別の画面またはコマンドが使用中です。そちらで操作するか、終了してから再度実行してください。', en: 'This terminal’s data is in use by another screen or command. Use that one, or stop it and try again.' },
  TERMINAL_NO_ISSUER_KEY: { ja: '発行者の鍵が設定されていません。管理者に連絡してください。', en: 'No issuer key is configured. Contact the administrator.' },
  CLERK_NOT_SIGNED_IN: { ja: '職員のサインインが必要です。', en: 'A clerk must sign in.' },
  CLERK_SIGN_IN_FAILED: { ja: '職員番号または暗証番号が違います。', en: 'The clerk ID or PIN is not correct.' },
  CLERK_LOCKED_OUT: { ja: 'サインインの失敗が続いたため、しばらくサインインできません。', en: 'Too many failed sign-ins. Sign-in is paused for a while.' },
  VISIT_WRONG_STEP: { ja: 'この画面ではその操作はできません。', en: 'That is not possible on this screen.' },
  VISIT_BUSY: { ja: 'カードの処理中です。終わるまでお待ちください。', en: 'The card is being processed. Please wait until it finishes.' },
  VISIT_BAD_SECRET: { ja: '入力された暗証番号が規則に合っていません。', en: 'The PIN entered does not meet the rules.' },
  TRAINING_ONLY: { ja: 'この操作は研修モードでのみ使えます。', en: 'This is available in training mode only.' },
  API_BAD_REQUEST: { ja: '画面から送られた内容が正しくありません。画面を更新してください。', en: 'The screen sent invalid data. Refresh the screen.' },
  API_UNKNOWN_CHANNEL: { ja: '画面とソフトウェアの版が合っていません。再起動してください。', en: 'The screen and the software do not match. Restart the terminal.' },
  API_UNAUTHORIZED: { ja: 'この画面は端末に接続する権限がありません。端末を再起動してください。', en: 'This screen is not allowed to talk to the terminal. Restart the terminal.' },
  API_SHUTTING_DOWN: { ja: '端末を終了しています。', en: 'The terminal is shutting down.' },
  INTERNAL: { ja: '想定外の問題が発生しました。管理者に連絡してください。', en: 'An unexpected problem occurred. Contact the administrator.' },
} as const satisfies Record<ErrorCode, Words>;
