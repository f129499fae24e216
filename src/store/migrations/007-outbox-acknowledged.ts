import { sqlMigration, type Migration } from './migration';

/**
 * A request the CA refused for good stays on the queue until a clerk deals with it: retried,
 * or acknowledged as needing nothing more (who and when, and an audit entry). Until then it
 * counts as needing attention; a retry, or a new refusal, asks again.
 */
export const migration007OutboxAcknowledged: Migration = sqlMigration(7, '007-outbox-acknowledged', `
  ALTER TABLE outbox ADD COLUMN acknowledged_at INTEGER;
  ALTER TABLE outbox ADD COLUMN acknowledged_by TEXT;
`);
