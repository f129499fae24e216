/**
 * Words for `madoguchi config check` (src/host/config-check.ts), in Japanese and English: the
 * core names a problem by its code; what IT reads comes from here. Exhaustive by type.
 */
import type { ConfigCheckCode } from '../api/config-check';
import type { Words } from './errors';

export const configCheckMessages = {
  DATA_DIR_MISSING: { ja: 'データディレクトリがありません。', en: 'The data directory does not exist.' },
  DATA_DIR_NOT_WRITABLE: { ja: 'データディレクトリに書き込めません。端末を動かすユーザーの権限を確認してください。', en: 'The data directory is not writable by the user the terminal runs as.' },
  CONFIG_MISSING: { ja: 'config.json がありません。本番端末は config.json なしでは起動しません。', en: 'config.json is missing. A production terminal does not start without it.' },
  CONFIG_UNREADABLE: { ja: 'config.json を読み取れません（JSON として正しくありません）。', en: 'config.json cannot be read as JSON.' },
  CONFIG_INVALID: { ja: 'config.json の項目が正しくありません。', en: 'A field of config.json is not valid.' },
  CONFIG_TRAINING: { ja: 'config.json が研修用（training: true）になっています。', en: 'config.json is marked as a training terminal (training: true).' },
  CA_NOT_CONFIGURED: { ja: '認証局の接続先（ca）が設定されていません。', en: 'No CA connection ("ca") is configured.' },
  FILE_MISSING: { ja: '設定で指定されたファイルがありません。', en: 'A file named in config.json does not exist.' },
  FILE_UNREADABLE: { ja: '設定で指定されたファイルを読み取れません。', en: 'A file named in config.json cannot be read.' },
  TRUST_ANCHOR_INVALID: { ja: '認証局のトラストアンカーが証明書（PEM）として読み取れません。', en: 'The CA trust anchor is not a readable PEM certificate.' },
  TRUST_ANCHOR_NOT_CA: { ja: 'トラストアンカーが CA 証明書ではありません。', en: 'The trust anchor is not a CA certificate.' },
  TRUST_ANCHOR_EXPIRED: { ja: 'トラストアンカーの有効期限が切れています。', en: 'The trust anchor has expired.' },
  CLIENT_CERT_INVALID: { ja: '端末のクライアント証明書が証明書（PEM）として読み取れません。', en: "The terminal's client certificate is not a readable PEM certificate." },
  CLIENT_CERT_EXPIRED: { ja: '端末のクライアント証明書の有効期限が切れています。', en: "The terminal's client certificate has expired." },
  CLIENT_CERT_NOT_YET_VALID: { ja: '端末のクライアント証明書はまだ有効期間に入っていません。端末の時刻も確認してください。', en: "The terminal's client certificate is not valid yet. Check the terminal's clock too." },
  CLIENT_KEY_INVALID: { ja: '端末の秘密鍵が読み取れません（暗号化されていない PEM が必要です）。', en: "The terminal's private key cannot be read (an unencrypted PEM key is needed)." },
  CLIENT_KEY_MISMATCH: { ja: '端末の秘密鍵がクライアント証明書と対になっていません。', en: "The terminal's private key does not match its client certificate." },
  ISSUER_KEY_NOT_CONFIGURED: { ja: '発行者鍵（issuerKeyPem）が設定されていません。', en: 'No issuer key ("issuerKeyPem") is configured.' },
  ISSUER_KEY_INVALID: { ja: '発行者鍵が秘密鍵（PEM）として読み取れません。', en: 'The issuer key is not a readable PEM private key.' },
  ISSUER_KEY_WRONG_TYPE: { ja: '発行者鍵の種類が違います（EC P-256 が必要です）。', en: 'The issuer key is of the wrong type (EC P-256 is needed).' },
  KEY_FILE_SYMLINK: { ja: '秘密鍵のファイルがシンボリックリンクです。実体のファイルを置いてください。', en: 'A private key file is a symbolic link. Put the file itself in place.' },
  KEY_FILE_MODE: { ja: '秘密鍵のファイルが他のユーザーから読めます。権限を 0600 にしてください。', en: 'A private key file is readable by other users. Set its mode to 0600.' },
  KEY_FILE_OWNER: { ja: '秘密鍵のファイルの所有者が、端末を動かすユーザーではありません。', en: 'A private key file is not owned by the user the terminal runs as.' },
  STORE_UNOPENABLE: { ja: '端末のデータベースを開けないか、壊れています。', en: "The terminal's database cannot be opened or is damaged." },
} as const satisfies Record<ConfigCheckCode, Words>;
