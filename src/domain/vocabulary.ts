/**
 * The words the whole terminal shares (docs/glossary.md code column). Each list is data so that
 * schemas (zod enums), the database and the UI derive from one place.
 */

/** R-CERT-1: the signing certificate and the user authentication certificate. */
export const certificateKinds = ['sign', 'auth'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** R-PROC-1..5, R-PROC-7 (changing a password the holder knows). */
export const procedures = ['issue', 'renew', 'resetPin', 'pickUp', 'revoke', 'changePin'] as const;
export type Procedure = (typeof procedures)[number];

/** R-APP-1..3 */
export const applicantTypes = ['self', 'legalRepresentative', 'proxy'] as const;
export type ApplicantType = (typeof applicantTypes)[number];

/** R-ELIG-3, R-VAL-2 */
export const cardTypes = ['myNumberCard', 'jukiCard'] as const;
export type CardType = (typeof cardTypes)[number];

/** docs/design.md §5 application states. */
export const applicationStates = [
  'draft',
  'awaiting_reply',
  'card_prepared',
  'queued',
  'issued',
  'written',
  'completed',
  'rejected',
  'cancelled',
  'failed',
] as const;
export type ApplicationState = (typeof applicationStates)[number];

/** docs/design.md §5 outbox row states. */
export const outboxStates = ['pending', 'sending', 'done', 'failed_retryable', 'failed_permanent'] as const;
export type OutboxState = (typeof outboxStates)[number];
/** What an outbox row asks of the CA: a certificate for a CSR, or the revocation of a serial. */
export const outboxKinds = ['enroll', 'revoke'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/** docs/design.md §6 EST CA labels, one per certificate kind. */
export const caLabels = { sign: 'jpki-sign', auth: 'jpki-auth' } as const satisfies Record<CertificateKind, string>;
export type CaLabel = (typeof caLabels)[CertificateKind];

/** JIS X 0303 sex codes as the card-info AP stores them (docs/jpki-card.md §6). */
export const sexCodes = ['0', '1', '2', '9'] as const;
export type SexCode = (typeof sexCodes)[number];

/** The basic 4 information (基本4情報), as read from the card-info AP. */
export interface BasicInfo {
  readonly name: string;
  readonly address: string;
  /** ISO date YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: SexCode;
}
