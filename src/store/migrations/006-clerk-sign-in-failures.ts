import { sqlMigration, type Migration } from './migration';

/**
 * A clerk's failed sign-ins in a row and the end of their lockout, kept in the database so that
 * restarting the terminal does not give a PIN guesser a fresh set of tries. No PIN, only counts.
 */
export const migration006ClerkSignInFailures: Migration = sqlMigration(6, '006-clerk-sign-in-failures', `
  CREATE TABLE clerk_sign_in_failures (
    clerk_id TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    locked_until INTEGER NOT NULL CHECK (locked_until >= 0),
    updated_at INTEGER NOT NULL
  ) STRICT;
`);
