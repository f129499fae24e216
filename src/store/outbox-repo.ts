import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { nextOutboxState, outboxEventTarget, outboxStatesAllowing, type OutboxEvent } from '../domain/outbox-state-machine';
import { caLabels, certificateKinds, outboxKinds, outboxStates, type CaLabel, type CertificateKind, type OutboxKind, type OutboxState } from '../domain/vocabulary';
import { storeError, isStoreError, stateConflict, corruptRow, notFound } from './errors';
import { statement } from './statement-cache';
import { conditionIf, inList, whereClause } from './sql-where';
import { blobColumn, decodeRow, decodeRows, epochMsColumn, nullableBlobColumn, sha256HexColumn } from './row-codec';

export interface OutboxRecord {
  /** Also the Idempotency-Key sent on every attempt. */
  readonly id: string;
  readonly applicationId: string;
  readonly certificateKind: CertificateKind;
  readonly caLabel: CaLabel;
  /** `enroll`: a CSR to certify; `revoke`: a revocation owed to the CA (no CSR, empty bytes). */
  readonly kind: OutboxKind;
  /** The certificate to revoke and why, for `revoke` rows; null for `enroll` rows. */
  readonly revocation: RevocationRequest | null;
  /** Exactly the bytes the card signed; never rebuilt. */
  readonly csrDer: Uint8Array;
  readonly csrSha256: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastErrorCode: string | null;
  readonly lastErrorMessage: string | null;
  /** The CA's PKCS#7 certs-only answer, as received. */
  readonly responseDer: Uint8Array | null;
  readonly certificateDer: Uint8Array | null;
  readonly certificateSerial: string | null;
  readonly notAfter: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly doneAt: number | null;
  /** Set once the CSR, response and certificate bytes were purged (R-RET-5); `csrDer` is then empty. */
  readonly personalDataPurgedAt: number | null;
  /** SHA-256 hex of the certificate, kept when its bytes were purged. */
  readonly certificateSha256: string | null;
  /** A clerk acknowledged a request refused for good (epoch ms), or null. */
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
}

/** A row moved to `sending`, with what it was before, so a stopped round can put it back as it was. */
export interface ClaimedRow extends OutboxRecord {
  readonly claimedFrom: { readonly state: OutboxState; readonly attempts: number; readonly updatedAt: number };
}

export interface ClaimResult {
  readonly rows: ClaimedRow[];
  readonly corrupt: { id: string; code: string; message: string }[];
}

export interface NewOutboxRow {
  readonly id: string;
  readonly certificateKind: CertificateKind;
  readonly csrDer: Uint8Array;
}

export interface RevocationRequest {
  /** Upper-case hex. */
  readonly serial: string;
  /** An RFC 5280 reason name. */
  readonly reason: string;
}

export interface NewRevocationRow {
  readonly id: string;
  readonly certificateKind: CertificateKind;
  readonly serial: string;
  readonly reason: string;
}

export interface IssuedCertificate {
  readonly responseDer: Uint8Array;
  readonly certificateDer: Uint8Array;
  readonly certificateSerial: string;
  /** ISO timestamp. */
  readonly notAfter: string;
}

const caLabelValues = Object.values(caLabels);
const columns = {
  id: z.uuid(),
  application_id: z.string(),
  certificate_kind: z.enum(certificateKinds),
  ca_label: z.string().refine((s): s is CaLabel => caLabelValues.some((l) => l === s), 'unknown CA label'),
  csr_der: blobColumn,
  csr_sha256: sha256HexColumn,
  state: z.enum(outboxStates),
  attempts: z.number().int().nonnegative(),
  next_attempt_at: epochMsColumn,
  last_error_code: z.string().nullable(),
  last_error_message: z.string().nullable(),
  response_der: nullableBlobColumn,
  certificate_der: nullableBlobColumn,
  certificate_serial: z.string().nullable(),
  not_after: z.string().nullable(),
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
  done_at: epochMsColumn.nullable(),
  personal_data_purged_at: epochMsColumn.nullable(),
  acknowledged_at: epochMsColumn.nullable(),
  acknowledged_by: z.string().min(1).max(64).nullable(),
  certificate_sha256: sha256HexColumn.nullable(),
  kind: z.enum(outboxKinds),
  revoke_serial: z.string().regex(/^[0-9A-F]{1,64}$/).nullable(),
  revoke_reason: z.string().min(1).max(64).nullable(),
};

function toRecord(r: ReturnType<typeof decodeRow<typeof columns>>): OutboxRecord {
  // A purged row's CSR is gone on purpose (R-RET-5); its hash stays as the record.
  if (r.personal_data_purged_at === null && createHash('sha256').update(r.csr_der).digest('hex') !== r.csr_sha256) {
    // A CSR whose bytes no longer match their hash would be sent under a key the CA already
    // bound to other bytes; reporting it is better than a 422 much later.
    throw corruptRow('outbox', r.id, 'csr_sha256', 'does not match csr_der');
  }
  const revocation = r.revoke_serial !== null && r.revoke_reason !== null ? { serial: r.revoke_serial, reason: r.revoke_reason } : null;
  // Each kind carries exactly its own request: a revocation without a serial, or a CSR row that
  // also names one, would send something nobody asked for.
  // A revocation carries no CSR; an enrolment always does, until the purge took it (R-RET-5).
  const csrAsKindSays = r.kind === 'revoke' ? r.csr_der.length === 0 : r.csr_der.length > 0 || r.personal_data_purged_at !== null;
  if ((r.kind === 'revoke') !== (revocation !== null) || !csrAsKindSays) {
    throw corruptRow('outbox', r.id, 'kind', `a '${r.kind}' row with the wrong request fields`);
  }
  return {
    id: r.id,
    applicationId: r.application_id,
    certificateKind: r.certificate_kind,
    caLabel: r.ca_label,
    kind: r.kind,
    revocation,
    csrDer: r.csr_der,
    csrSha256: r.csr_sha256,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    responseDer: r.response_der,
    certificateDer: r.certificate_der,
    certificateSerial: r.certificate_serial,
    notAfter: r.not_after,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    doneAt: r.done_at,
    personalDataPurgedAt: r.personal_data_purged_at,
    certificateSha256: r.certificate_sha256,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

export interface QueueStats {
  readonly counts: Readonly<Record<OutboxState, number>>;
  /** Rows still to be delivered: pending, sending and failed_retryable. */
  readonly depth: number;
  /** Creation time of the oldest undelivered row, or null. */
  readonly oldestUndeliveredAt: number | null;
  readonly lastDoneAt: number | null;
  /** Refused for good and not yet dealt with by a clerk (retried or acknowledged). */
  readonly needsClerk: number;
}

/** `state IN (…)` for the states an event of the table starts from; the states are the table's own words. */
function statesAllowingSql(event: OutboxEvent): string {
  return `state IN (${outboxStatesAllowing(event).map((state) => `'${state}'`).join(', ')})`;
}

const newRevocationSchema = z.object({
  id: z.uuid(),
  certificateKind: z.enum(certificateKinds),
  serial: z.string().regex(/^[0-9A-Fa-f]{1,64}$/).transform((v) => v.toUpperCase()),
  reason: z.string().min(1).max(64),
});

const newRowSchema = z.object({ id: z.uuid(), certificateKind: z.enum(certificateKinds), csrDer: z.instanceof(Uint8Array).refine((b) => b.length > 0) });

export class OutboxRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  insert(applicationId: string, row: NewOutboxRow): void {
    const parsed = newRowSchema.safeParse(row);
    if (!parsed.success) throw storeError('STORE_INVALID_INPUT', `invalid outbox row: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const at = this.now();
    const der = Buffer.from(row.csrDer);
    statement(this.db, 
        `INSERT INTO outbox (id, application_id, certificate_kind, ca_label, csr_der, csr_sha256, state, attempts,
           next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(row.id, applicationId, row.certificateKind, caLabels[row.certificateKind], der, createHash('sha256').update(der).digest('hex'), at, at, at);
  }

  /** A revocation owed to the CA; delivered by the sync engine like a CSR. */
  insertRevocation(applicationId: string, row: NewRevocationRow): void {
    const parsed = newRevocationSchema.safeParse(row);
    if (!parsed.success) throw storeError('STORE_INVALID_INPUT', `invalid revocation row: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const at = this.now();
    const empty = Buffer.alloc(0);
    statement(
      this.db,
      `INSERT INTO outbox (id, application_id, certificate_kind, ca_label, csr_der, csr_sha256, state, attempts,
         next_attempt_at, created_at, updated_at, kind, revoke_serial, revoke_reason)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, 'revoke', ?, ?)`,
    ).run(row.id, applicationId, row.certificateKind, caLabels[row.certificateKind], empty, createHash('sha256').update(empty).digest('hex'), at, at, at, parsed.data.serial, parsed.data.reason);
  }

  get(id: string): OutboxRecord {
    const raw = statement(this.db, 'SELECT * FROM outbox WHERE id = ?').get(id);
    if (raw === undefined) throw notFound('outbox', id);
    return toRecord(decodeRow('outbox', raw, columns));
  }

  list(filter: { states?: readonly OutboxState[]; applicationId?: string } = {}) {
    const { where, params } = whereClause([inList('state', filter.states), conditionIf('application_id = ?', filter.applicationId)]);
    const sql = `SELECT * FROM outbox ${where} ORDER BY created_at, id`;
    return decodeRows('outbox', statement(this.db, sql).all(...params), columns, toRecord);
  }

  /**
   * Moves up to `limit` due rows to `sending` (attempts + 1) in one transaction and returns
   * them; corrupt rows are reported and parked as failed_permanent so they stop coming back.
   */
  claimDue(limit: number): ClaimResult {
    return this.db.transaction(() => {
      const at = this.now();
      const raws = statement(this.db, 
          `SELECT * FROM outbox WHERE ${statesAllowingSql('claim')} AND next_attempt_at <= ?
           ORDER BY next_attempt_at, created_at LIMIT ?`,
        )
        .all(at, limit);
      return this.claim(raws, at);
    })();
  }

  /**
   * Claims the named rows that wait to be sent, due or not: a visit's own requests go before
   * the backlog while the applicant is at the counter.
   */
  claimIds(ids: readonly string[]): ClaimResult {
    return this.db.transaction(() => {
      const at = this.now();
      const select = statement(this.db, `SELECT * FROM outbox WHERE id = ? AND ${statesAllowingSql('claim')}`);
      const raws = ids.flatMap((id) => {
        const raw = select.get(id);
        return raw === undefined ? [] : [raw];
      });
      return this.claim(raws, at);
    })();
  }

  private claim(raws: readonly unknown[], at: number): ClaimResult {
    const rows: ClaimedRow[] = [];
    const corrupt: { id: string; code: string; message: string }[] = [];
    const claim = statement(this.db, `UPDATE outbox SET state = '${outboxEventTarget('claim')}', attempts = attempts + 1, updated_at = ? WHERE id = ? AND ${statesAllowingSql('claim')}`);
    const park = statement(this.db, `UPDATE outbox SET state = '${outboxEventTarget('park')}', last_error_code = 'STORE_CORRUPT_ROW', last_error_message = ?, updated_at = ? WHERE id = ? AND ${statesAllowingSql('park')}`);
    for (const raw of raws) {
      const id = z.object({ id: z.string() }).safeParse(raw).data?.id ?? '';
      try {
        const record = toRecord(decodeRow('outbox', raw, columns));
        claim.run(at, record.id);
        rows.push({ ...record, state: outboxEventTarget('claim'), attempts: record.attempts + 1, updatedAt: at, claimedFrom: { state: record.state, attempts: record.attempts, updatedAt: record.updatedAt } });
      } catch (error) {
        if (!(isStoreError(error))) throw error;
        park.run(error.message, at, id);
        corrupt.push({ id, code: error.code, message: error.message });
      }
    }
    return { rows, corrupt };
  }

  /**
   * Puts claimed rows back exactly as they were (state, attempts, time): the round stopped for a
   * reason that is not theirs. A row no longer `sending` as claimed (another process recovered
   * or finished it meanwhile) is left as it is. Returns how many were put back. It is the reverse
   * of a claim: a row said to come from a state no claim starts from refuses the whole call.
   */
  release(rows: readonly ClaimedRow[]): number {
    if (rows.length === 0) return 0;
    for (const row of rows) {
      const from = row.claimedFrom.state;
      if (nextOutboxState(from, 'claim') !== row.state) {
        throw storeError('STORE_ILLEGAL_TRANSITION', `outbox row ${row.id} cannot go back from '${row.state}' to '${from}': no claim moves a row from '${from}'`, { table: 'outbox', rowId: row.id });
      }
    }
    const restore = statement(this.db, "UPDATE outbox SET state = ?, attempts = ?, updated_at = ? WHERE id = ? AND state = 'sending' AND attempts = ?");
    return this.db.transaction(() => rows.reduce((n, row) => n + restore.run(row.claimedFrom.state, row.claimedFrom.attempts, row.claimedFrom.updatedAt, row.id, row.attempts).changes, 0))();
  }

  /** When the earliest waiting row falls due (epoch ms), or null when none waits. */
  nextDueAt(): number | null {
    const value = this.db.prepare(`SELECT MIN(next_attempt_at) FROM outbox WHERE ${statesAllowingSql('claim')}`).pluck().get();
    return typeof value === 'number' ? value : null;
  }

  /**
   * Rows waiting to be sent become due now; attempts are kept. `lastErrorCodes` limits it to
   * rows whose last failure was one of them (the CA back after an outage); without it, every
   * waiting row (an explicit "send now"). Returns how many rows changed.
   */
  makeDue(lastErrorCodes?: readonly string[]): number {
    const at = this.now();
    const byCode = lastErrorCodes === undefined ? '' : ` AND last_error_code IN (${lastErrorCodes.map(() => '?').join(', ') || 'NULL'})`;
    return statement(this.db, `UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE ${statesAllowingSql('claim')} AND next_attempt_at > ?${byCode}`).run(at, at, at, ...(lastErrorCodes ?? [])).changes;
  }

  /** A transient failure: back to the queue with a due time. */
  markRetryable(id: string, code: string, message: string, nextAttemptAt: number): void {
    this.move(id, 'retryLater', 'last_error_code = ?, last_error_message = ?, next_attempt_at = ?', [code, message, nextAttemptAt]);
  }

  /** The CA said no for good; the row stays visible and the clerk may retry it. */
  markPermanent(id: string, code: string, message: string): void {
    // A new refusal needs a clerk again, whatever was acknowledged before.
    this.move(id, 'refuse', 'last_error_code = ?, last_error_message = ?, acknowledged_at = NULL, acknowledged_by = NULL', [code, message]);
  }

  /** Low-level; `completeOutboxRow` in unit-of-work also moves the application. */
  writeDone(id: string, issued: IssuedCertificate): void {
    const at = this.now();
    // A certificate is real whatever the row says meanwhile (even a late answer after the
    // clerk saw a failure); only a second answer for a done row is refused.
    this.move(
      id,
      'deliver',
      'response_der = ?, certificate_der = ?, certificate_serial = ?, not_after = ?, done_at = ?, last_error_code = NULL, last_error_message = NULL',
      [Buffer.from(issued.responseDer), Buffer.from(issued.certificateDer), issued.certificateSerial, issued.notAfter, at],
    );
  }

  /** The CA confirmed a revocation row. */
  writeRevoked(id: string): void {
    const at = this.now();
    this.move(id, 'deliver', 'done_at = ?, last_error_code = NULL, last_error_message = NULL', [at]);
  }

  /** The clerk's retry: a failed row becomes due now. Attempts are kept for the record. */
  requeue(id: string): void {
    const purged = statement(this.db, 'SELECT personal_data_purged_at AS at FROM outbox WHERE id = ?').get(id);
    if (z.object({ at: z.number() }).safeParse(purged).success) throw storeError('STORE_STATE_CONFLICT', `outbox row ${id} was purged (R-RET): its CSR is gone and it cannot be sent again`);
    this.move(id, 'requeue', 'next_attempt_at = ?, acknowledged_at = NULL, acknowledged_by = NULL', [this.now()]);
  }

  /** A clerk saw a request refused for good and decided nothing more is to be done with it. */
  acknowledge(id: string, actor: string): void {
    this.move(id, 'acknowledge', 'acknowledged_at = ?, acknowledged_by = ?', [this.now(), actor]);
  }

  stats(): QueueStats {
    const counts: Record<OutboxState, number> = { pending: 0, sending: 0, done: 0, failed_retryable: 0, failed_permanent: 0 };
    const rows = z.array(z.object({ state: z.string(), n: z.number() })).parse(statement(this.db, 'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all());
    for (const r of rows) {
      const state = z.enum(outboxStates).safeParse(r.state);
      if (state.success) counts[state.data] = r.n;
    }
    const agg = z
      .object({ oldest: z.number().nullable(), lastDone: z.number().nullable(), needsClerk: z.number() })
      .parse(
        statement(this.db, 
            `SELECT (SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending', 'failed_retryable')) AS oldest,
                    (SELECT MAX(done_at) FROM outbox WHERE state = 'done') AS lastDone,
                    (SELECT COUNT(*) FROM outbox WHERE state = 'failed_permanent' AND acknowledged_at IS NULL) AS needsClerk`,
          )
          .get(),
      );
    return { counts, depth: counts.pending + counts.sending + counts.failed_retryable, oldestUndeliveredAt: agg.oldest, lastDoneAt: agg.lastDone, needsClerk: agg.needsClerk };
  }

  /**
   * One event of the outbox transition table: the row moves to the event's state if it is in a
   * state the event starts from. Otherwise nothing is written and the caller learns the row moved
   * on meanwhile (another process, a late answer): STORE_STATE_CONFLICT, as for applications.
   */
  private move(id: string, event: OutboxEvent, sets: string, params: readonly (string | number | Buffer)[]): void {
    const from = outboxStatesAllowing(event);
    const result = statement(this.db, `UPDATE outbox SET state = ?, ${sets}, updated_at = ? WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`)
      .run(outboxEventTarget(event), ...params, this.now(), id, ...from);
    if (result.changes === 1) return;
    const current = statement(this.db, 'SELECT state FROM outbox WHERE id = ?').get(id);
    if (current === undefined) throw notFound('outbox', id);
    const state = z.object({ state: z.string() }).parse(current).state;
    throw stateConflict('outbox', id, state, from);
  }
}
