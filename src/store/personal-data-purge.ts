/**
 * The personal-data purge (docs/rules.md R-RET): applications the terminal has nothing more to
 * do for lose their basic 4 information and the CSR, response and certificate bytes that carry
 * the name and address; what the terminal needs later (ids, serials, hashes, expiry) stays.
 *
 * One transaction per application with its audit entry, so a kill mid-run leaves every
 * application either whole or purged, and the next run finishes the rest. The connection runs
 * with `secure_delete` (open-database.ts), so freed cells and pages are zeroed; the WAL, which
 * still holds the old page images, is checkpointed and truncated at the end of a run.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { retentionCutoffs } from '../domain/retention';
import type { AuditLog } from './audit-log';
import { statement } from './statement-cache';

export interface PurgeOptions {
  readonly actor?: string;
}

/** R-RET-1..4: which applications are due, by state and age; never one still owed to the CA. */
const dueSql = `
  SELECT a.id, a.state FROM applications a
   WHERE a.personal_data_purged_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_id = a.id
                       AND (o.state NOT IN ('done', 'failed_permanent')
                            OR (o.state = 'failed_permanent' AND o.updated_at > :failed)))
     AND (   (a.state IN ('completed', 'rejected', 'cancelled') AND a.updated_at <= :finished)
          OR (a.state = 'failed' AND a.updated_at <= :failed)
          OR (a.state = 'issued' AND a.updated_at <= :uncollected))
   ORDER BY a.updated_at, a.id`;

const ruleOf: Record<string, string> = { completed: 'R-RET-2', rejected: 'R-RET-2', cancelled: 'R-RET-2', failed: 'R-RET-3', issued: 'R-RET-4' };

const dueRow = z.object({ id: z.string(), state: z.string() });
const outboxRow = z.object({ id: z.string(), certificate_der: z.instanceof(Uint8Array).nullable() });

export function purgePersonalData(db: Database, audit: AuditLog, now: () => number, options: PurgeOptions = {}): string[] {
  const at = now();
  const due = z.array(dueRow).parse(statement(db, dueSql).all(retentionCutoffs(at)));
  const purged: string[] = [];
  for (const { id, state } of due) {
    // The audit log's own unit: it writes the checkpoint of the new head around the COMMIT.
    const done = audit.transaction(() => {
      // Re-checked inside the write lock: another process may have moved the application on.
      const still = z.array(dueRow).parse(statement(db, dueSql).all(retentionCutoffs(at))).some((r) => r.id === id);
      if (!still) return false;
      statement(db, 'UPDATE applications SET basic_info_json = NULL, personal_data_purged_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
      const rows = z.array(outboxRow).parse(
        statement(db, "SELECT id, certificate_der FROM outbox WHERE application_id = ? AND state IN ('done', 'failed_permanent') AND personal_data_purged_at IS NULL").all(id),
      );
      const clear = statement(db, "UPDATE outbox SET csr_der = X'', response_der = NULL, certificate_der = NULL, certificate_sha256 = ?, personal_data_purged_at = ? WHERE id = ?");
      for (const row of rows) {
        const certificateSha256 = row.certificate_der === null ? null : createHash('sha256').update(row.certificate_der).digest('hex');
        clear.run(certificateSha256, at, row.id);
      }
      audit.append({ actor: options.actor ?? 'system', action: 'personalData.purge', subject: id, details: { rule: ruleOf[state] ?? 'R-RET-1', state, outboxRows: rows.length } });
      return true;
    });
    if (done) purged.push(id);
  }
  // R-RET-6: the old page images in the WAL go too. A reader holding a snapshot may keep part
  // of it until the next run; the pages themselves were already zeroed by secure_delete.
  if (purged.length > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return purged;
}
