import { migration001Initial } from './001-initial';
import { migration002OutboxRevocationKind } from './002-outbox-revocation-kind';
import { migration003AuditKeyedChain } from './003-audit-keyed-chain';
import { migration004PersonalDataPurge } from './004-personal-data-purge';
import { migration005ReceiptNumber } from './005-receipt-number';
import { migration006ClerkSignInFailures } from './006-clerk-sign-in-failures';
import { migration007OutboxAcknowledged } from './007-outbox-acknowledged';
import { migration008VisitSearchIndexes } from './008-visit-search-indexes';
import { migration009ReceiptNumberReservations } from './009-receipt-number-reservations';
import type { Migration } from './migration';

/** Every migration this version knows, in order. Append only; never edit a shipped one. */
export const knownMigrations: readonly Migration[] = [
  migration001Initial,
  migration002OutboxRevocationKind,
  migration003AuditKeyedChain,
  migration004PersonalDataPurge,
  migration005ReceiptNumber,
  migration006ClerkSignInFailures,
  migration007OutboxAcknowledged,
  migration008VisitSearchIndexes,
  migration009ReceiptNumberReservations,
];
export type { Migration } from './migration';
