import type { Migration } from './migration';

/**
 * A receipt number handed out before its application exists: the application form is printed
 * (with the number on it) before the passwords, and the application is filed only when the
 * procedure runs. A reserved number is never handed out again, even when the visit is then
 * cancelled, so a signed form's number names one visit only.
 */
export const migration009ReceiptNumberReservations: Migration = {
  id: 9,
  name: '009-receipt-number-reservations',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_number_reservations (
        receipt_number TEXT PRIMARY KEY NOT NULL,
        reserved_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
