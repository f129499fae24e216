import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  canonicalJson,
  auditDetailsSchema,
  ephemeralAuditSigner,
  genesisHash,
  keyedEntryText,
  type AuditDetails,
  type KeyedEntryFields,
  type AuditHead,
  type AuditSigner,
  type AuditValue,
} from './audit-entry';
import { verifyAuditRows, type AuditCheckpoint, type AuditVerification } from './audit-verify';
import { storeError } from './errors';
import { statement } from './statement-cache';
import { decodeRows, epochMsColumn, jsonColumn, sha256HexColumn } from './row-codec';

export { canonicalJson, genesisHash } from './audit-entry';
export type { AuditDetails, AuditHead, AuditSigner, AuditValue } from './audit-entry';
export type { AuditCheckpoint, AuditVerification } from './audit-verify';

export interface AuditEntryInput {
  /** Clerk id, `system`, `sync` … */
  readonly actor: string;
  readonly action: string;
  /** Usually an application or outbox id. */
  readonly subject?: string | null;
  readonly details?: AuditDetails;
}

export interface AuditEntry extends KeyedEntryFields {
  /** The previous entry's MAC (its hash, for entries older than the keyed chain). */
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Where the head goes once it is outside SQLite (the host's signed checkpoint file). Both calls
 * run while this process holds the database's write lock, so two writers never reorder them.
 */
export interface AuditCheckpointSink {
  /**
   * Before COMMIT: the transaction moves the head from `base` to `next`. Throwing rolls the
   * transaction back (the head outside could not be recorded, or `base` is not the head the
   * checkpoint knows: the database was changed behind the terminal's back).
   */
  prepare(base: AuditHead, next: AuditHead): void;
  /** After COMMIT: `head` is durable. A failure here only leaves the checkpoint one transaction behind. */
  committed(head: AuditHead): void;
}

export interface AuditAnchor {
  readonly signer: AuditSigner;
  /** Absent for a log nobody keeps (tests, tools): then only the chain itself is checked. */
  readonly checkpoints?: AuditCheckpointSink;
}

/** Keys that could only hold a secret; audit details never carry one (docs/design.md §7). */
const secretKey = /(pin|password|passwd|passphrase|secret|private.?key)/i;

function rejectSecrets(value: AuditValue, path: string): void {
  // NaN and Infinity would read back as null and break the entry's own MAC.
  if (typeof value === 'number' && !Number.isFinite(value)) throw storeError('STORE_INVALID_INPUT', `audit detail '${path}' is not a finite number`);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v: AuditValue, i: number) => rejectSecrets(v, `${path}[${i}]`));
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (secretKey.test(key)) throw storeError('STORE_AUDIT_SECRET_REJECTED', `audit detail key '${path}${key}' looks like a secret`);
    rejectSecrets(inner, `${path}${key}.`);
  }
}

const columns = {
  seq: z.number().int().positive(),
  at: epochMsColumn,
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details_json: jsonColumn(auditDetailsSchema),
  prev_hash: sha256HexColumn,
  hash: sha256HexColumn,
};

function toEntry(r: { seq: number; at: number; actor: string; action: string; subject: string | null; details_json: AuditEntry['details']; prev_hash: string; hash: string }): AuditEntry {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details_json, prevHash: r.prev_hash, hash: r.hash };
}

const headSchema = z.object({ seq: z.number().int().positive(), hash: z.string() }).optional();

export class AuditLog {
  readonly #signer: AuditSigner;
  readonly #checkpoints: AuditCheckpointSink | undefined;
  /** Units of work of this log currently open (nested ones are savepoints). */
  #depth = 0;
  /** The head before the first entry of the open unit of work, once it appended one. */
  #base: AuditHead | undefined;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
    anchor: AuditAnchor = { signer: ephemeralAuditSigner() },
  ) {
    this.#signer = anchor.signer;
    this.#checkpoints = anchor.checkpoints;
  }

  /** The committed (or, inside a unit of work, the current) head. */
  head(): AuditHead {
    const row = headSchema.parse(statement(this.db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get());
    return row === undefined ? { seq: 0, mac: genesisHash } : { seq: row.seq, mac: row.hash };
  }

  /**
   * Runs `work` in one IMMEDIATE transaction; when it appended entries, the new head is handed
   * to the checkpoint before COMMIT (as pending) and again after it (as committed), each time
   * under the write lock. A crash between the two leaves a checkpoint whose pending head is the
   * database's: verification accepts exactly that, and nothing further.
   */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) {
      // Inside a bare transaction nobody would write the checkpoint: appends there are refused.
      if (this.#depth === 0) return this.db.transaction(work)();
      // Nested: a savepoint inside the open unit, whose outer level writes the checkpoint.
      this.#depth += 1;
      try {
        return this.db.transaction(work)();
      } finally {
        this.#depth -= 1;
      }
    }
    const done: { head?: AuditHead } = {};
    const result = this.db
      .transaction(() => {
        this.#depth = 1;
        this.#base = undefined;
        try {
          const value = work();
          const base = this.unitBase();
          if (base !== undefined) {
            const next = this.head();
            if (next.seq !== base.seq) {
              this.#checkpoints?.prepare(base, next);
              done.head = next;
            }
          }
          return value;
        } finally {
          this.#depth = 0;
          this.#base = undefined;
        }
      })
      .immediate();
    if (done.head !== undefined) this.confirm(done.head);
    return result;
  }

  /** Read through a method: TypeScript would keep the narrowing of the reset above across `work()`. */
  private unitBase(): AuditHead | undefined {
    return this.#base;
  }

  private confirm(head: AuditHead): void {
    const sink = this.#checkpoints;
    if (sink === undefined) return;
    try {
      this.db
        .transaction(() => {
          // Another writer may have appended since our COMMIT; then its own confirmation covers ours.
          const current = this.head();
          if (current.seq === head.seq && current.mac === head.mac) sink.committed(head);
        })
        .immediate();
    } catch {
      // The entries are committed; the checkpoint's pending head already names them.
    }
  }

  /**
   * Appends one entry; call inside the unit of work of the change it records. On its own it
   * opens one, which takes the write lock first, so two processes never fork the chain.
   */
  append(input: AuditEntryInput): AuditEntry {
    const details = input.details ?? {};
    rejectSecrets(details, '');
    if (this.#depth === 0) {
      if (this.db.inTransaction) throw storeError('STORE_INVALID_INPUT', 'audit entries are appended in a unit of work, not a bare transaction');
      return this.transaction(() => this.appendChecked(input, details));
    }
    return this.appendChecked(input, details);
  }

  private appendChecked(input: AuditEntryInput, details: AuditDetails): AuditEntry {
    const head = this.head();
    this.#base ??= head;
    const fields = { seq: head.seq + 1, at: this.now(), actor: input.actor, action: input.action, subject: input.subject ?? null, details };
    const text = keyedEntryText(fields);
    const entry: AuditEntry = { ...fields, prevHash: head.mac, hash: this.#signer.mac(head.mac, Buffer.from(text, 'utf8')) };
    statement(this.db, 'INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash, entry_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.subject,
      canonicalJson(details),
      entry.prevHash,
      entry.hash,
      text,
    );
    return entry;
  }

  /** The entries of one action written in [from, before) (epoch ms), in order. */
  listByAction(action: string, from: number, before: number) {
    return decodeRows('audit', statement(this.db, 'SELECT * FROM audit WHERE action = ? AND at >= ? AND at < ? ORDER BY seq').all(action, from, before), columns, toEntry);
  }

  list(filter: { subject?: string; limit?: number } = {}) {
    const sql = `SELECT * FROM audit ${filter.subject === undefined ? '' : 'WHERE subject = ?'} ORDER BY seq LIMIT ?`;
    const params: (string | number)[] = filter.subject === undefined ? [] : [filter.subject];
    params.push(filter.limit ?? -1);
    return decodeRows('audit', statement(this.db, sql).all(...params), columns, toEntry);
  }

  /** Walks the whole chain from the stored bytes and, given one, compares its head with the checkpoint. */
  verifyChain(checkpoint?: AuditCheckpoint): AuditVerification {
    return verifyAuditRows(this.db, this.#signer, checkpoint);
  }
}
