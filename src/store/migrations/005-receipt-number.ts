import { sqlMigration, type Migration } from './migration';

/**
 * The receipt number a resident reads and a clerk searches by: the day (JST) and that day's
 * sequence on this terminal, kept with the application. Older applications have none.
 */
export const migration005ReceiptNumber: Migration = sqlMigration(5, '005-receipt-number', `
  ALTER TABLE applications ADD COLUMN receipt_number TEXT;
  CREATE UNIQUE INDEX applications_receipt_number ON applications (receipt_number) WHERE receipt_number IS NOT NULL;
`);
