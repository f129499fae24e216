/**
 * What `madoguchi config check` reports (src/host/config-check.ts): a code per problem, with the
 * config.json field or file at fault. Here, below host/, so renderer/i18n can word every code.
 */
export const configCheckCodes = [
  'DATA_DIR_MISSING',
  'DATA_DIR_NOT_WRITABLE',
  'CONFIG_MISSING',
  'CONFIG_UNREADABLE',
  'CONFIG_INVALID',
  'CONFIG_TRAINING',
  'CA_NOT_CONFIGURED',
  'FILE_MISSING',
  'FILE_UNREADABLE',
  'TRUST_ANCHOR_INVALID',
  'TRUST_ANCHOR_NOT_CA',
  'TRUST_ANCHOR_EXPIRED',
  'CLIENT_CERT_INVALID',
  'CLIENT_CERT_EXPIRED',
  'CLIENT_CERT_NOT_YET_VALID',
  'CLIENT_KEY_INVALID',
  'CLIENT_KEY_MISMATCH',
  'ISSUER_KEY_NOT_CONFIGURED',
  'ISSUER_KEY_INVALID',
  'ISSUER_KEY_WRONG_TYPE',
  'KEY_FILE_SYMLINK',
  'KEY_FILE_MODE',
  'KEY_FILE_OWNER',
  'STORE_UNOPENABLE',
] as const;
export type ConfigCheckCode = (typeof configCheckCodes)[number];

export interface ConfigCheckProblem {
  readonly code: ConfigCheckCode;
  /** The config.json field at fault (dotted), when there is one. */
  readonly field?: string;
  /** The file at fault, when there is one. */
  readonly file?: string;
  /** A short machine detail (a schema message, a mode, a date); never key material. */
  readonly detail?: string;
}
