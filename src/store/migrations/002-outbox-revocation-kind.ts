import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { caLabels, certificateKinds } from '../../domain/vocabulary';
import type { Migration } from './migration';

const owedRequestSchema = z.object({
  targets: z.array(z.object({ kind: z.enum(certificateKinds), serial: z.string().regex(/^[0-9A-F]{1,64}$/) })).min(1),
  reason: z.string().min(1).max(64),
});

/**
 * A revocation owed to the CA becomes an outbox row of its own kind (`kind = 'revoke'`,
 * `revoke_serial`, `revoke_reason`), delivered by the sync engine like a CSR. Such a row has no
 * CSR: `csr_der` is empty (the column stays NOT NULL; a table rebuild is not worth it).
 *
 * Reports owed before this version lived only in the `revocation.requested` audit entry of a
 * `card_prepared` revocation; they are moved into rows here, once, so none is lost.
 */
export const migration002OutboxRevocationKind: Migration = {
  id: 2,
  name: '002-outbox-revocation-kind',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'enroll';
      ALTER TABLE outbox ADD COLUMN revoke_serial TEXT;
      ALTER TABLE outbox ADD COLUMN revoke_reason TEXT;
      CREATE TRIGGER outbox_revocation_immutable BEFORE UPDATE OF kind, revoke_serial, revoke_reason ON outbox
        WHEN NEW.kind IS NOT OLD.kind OR NEW.revoke_serial IS NOT OLD.revoke_serial OR NEW.revoke_reason IS NOT OLD.revoke_reason
        BEGIN SELECT RAISE(ABORT, 'a queued request is never rewritten'); END;
    `);
    const owed = z
      .array(z.object({ id: z.string(), updated_at: z.number() }))
      .parse(
        db
          .prepare(
            `SELECT a.id, a.updated_at FROM applications a WHERE a.procedure = 'revoke' AND a.state = 'card_prepared'
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_id = a.id) ORDER BY a.id`,
          )
          .all(),
      );
    const entry = db.prepare("SELECT details_json FROM audit WHERE subject = ? AND action = 'revocation.requested' ORDER BY seq DESC LIMIT 1").pluck();
    const insert = db.prepare(
      `INSERT INTO outbox (id, application_id, certificate_kind, ca_label, csr_der, csr_sha256, state, attempts, next_attempt_at,
         created_at, updated_at, kind, revoke_serial, revoke_reason)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, 'revoke', ?, ?)`,
    );
    const empty = Buffer.alloc(0);
    const emptySha = createHash('sha256').update(empty).digest('hex');
    for (const application of owed) {
      const text: unknown = entry.get(application.id);
      let details: unknown;
      try {
        details = typeof text === 'string' ? JSON.parse(text) : undefined;
      } catch {
        details = undefined;
      }
      const parsed = owedRequestSchema.safeParse(details);
      // Without a readable request there is nothing to send; recovery shows it to the clerk.
      if (!parsed.success) continue;
      const at = application.updated_at;
      for (const target of parsed.data.targets) {
        insert.run(randomUUID(), application.id, target.kind, caLabels[target.kind], empty, emptySha, at, at, at, target.serial, parsed.data.reason);
      }
    }
  },
};
