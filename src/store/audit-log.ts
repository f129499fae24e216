import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { StoreError } from './errors';
import { statement } from './statement-cache';
import { decodeRows, epochMsColumn, jsonColumn, sha256HexColumn } from './row-codec';

export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
export type AuditDetails = { readonly [key: string]: AuditValue };

export interface AuditEntryInput {
  /** Clerk id, `system`, `sync` … */
  readonly actor: string;
  readonly action: string;
  /** Usually an application or outbox id. */
  readonly subject?: string | null;
  readonly details?: AuditDetails;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: AuditDetails;
  readonly prevHash: string;
  readonly hash: string;
}

export const genesisHash = '0'.repeat(64);

/** Keys that could only hold a secret; audit details never carry one (design.md §7). */
const secretKey = /(pin|password|passwd|passphrase|secret|private.?key)/i;

function rejectSecrets(value: AuditValue, path: string): void {
  // NaN and Infinity would read back as null and break the entry's own hash.
  if (typeof value === 'number' && !Number.isFinite(value)) throw new StoreError('STORE_INVALID_INPUT', `audit detail '${path}' is not a finite number`);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v: AuditValue, i: number) => rejectSecrets(v, `${path}[${i}]`));
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (secretKey.test(key)) throw new StoreError('STORE_AUDIT_SECRET_REJECTED', `audit detail key '${path}${key}' looks like a secret`);
    rejectSecrets(inner, `${path}${key}.`);
  }
}

/** JSON with sorted object keys, so the same entry always hashes the same. */
export function canonicalJson(value: AuditValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: AuditValue) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = canonicalJson([entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details, entry.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const auditValueSchema: z.ZodType<AuditValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(auditValueSchema), z.record(z.string(), auditValueSchema)]),
);
const columns = {
  seq: z.number().int().positive(),
  at: epochMsColumn,
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details_json: jsonColumn(z.record(z.string(), auditValueSchema)),
  prev_hash: sha256HexColumn,
  hash: sha256HexColumn,
};

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'corrupt_row' };

export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Appends one entry; call inside the transaction of the change it records. On its own it
   * takes the write lock first, so two processes never read the same head and fork the chain.
   */
  append(input: AuditEntryInput): AuditEntry {
    const details = input.details ?? {};
    rejectSecrets(details, '');
    if (this.db.inTransaction) return this.appendChecked(input, details);
    return this.db.transaction(() => this.appendChecked(input, details)).immediate();
  }

  private appendChecked(input: AuditEntryInput, details: AuditDetails): AuditEntry {
    const head = z
      .object({ seq: z.number(), hash: z.string() })
      .optional()
      .parse(statement(this.db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get());
    const unsigned = {
      seq: (head?.seq ?? 0) + 1,
      at: this.now(),
      actor: input.actor,
      action: input.action,
      subject: input.subject ?? null,
      details,
      prevHash: head?.hash ?? genesisHash,
    };
    const entry: AuditEntry = { ...unsigned, hash: auditHash(unsigned) };
    statement(this.db, 'INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entry.seq, entry.at, entry.actor, entry.action, entry.subject, canonicalJson(details), entry.prevHash, entry.hash);
    return entry;
  }

  list(filter: { subject?: string; limit?: number } = {}) {
    const sql = `SELECT * FROM audit ${filter.subject === undefined ? '' : 'WHERE subject = ?'} ORDER BY seq LIMIT ?`;
    const params: (string | number)[] = filter.subject === undefined ? [] : [filter.subject];
    params.push(filter.limit ?? -1);
    return decodeRows('audit', statement(this.db, sql).all(...params), columns, (r): AuditEntry => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details: r.details_json,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /** Walks the whole chain and reports the first broken link. */
  verifyChain(): AuditVerification {
    let prevHash = genesisHash;
    let expectedSeq = 1;
    let count = 0;
    for (const raw of statement(this.db, 'SELECT * FROM audit ORDER BY seq').iterate()) {
      const seqOf = z.object({ seq: z.number() }).safeParse(raw).data?.seq ?? expectedSeq;
      const decoded = decodeRows('audit', [raw], columns, (r) => r);
      const r = decoded.rows[0];
      if (r === undefined) return { ok: false, entries: count, brokenAtSeq: seqOf, reason: 'corrupt_row' };
      if (r.seq !== expectedSeq) return { ok: false, entries: count, brokenAtSeq: expectedSeq, reason: 'sequence_gap' };
      if (r.prev_hash !== prevHash) return { ok: false, entries: count, brokenAtSeq: r.seq, reason: 'prev_hash_mismatch' };
      const recomputed = auditHash({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details_json, prevHash: r.prev_hash });
      if (recomputed !== r.hash) return { ok: false, entries: count, brokenAtSeq: r.seq, reason: 'hash_mismatch' };
      prevHash = r.hash;
      expectedSeq += 1;
      count += 1;
    }
    return { ok: true, entries: count, headHash: prevHash };
  }
}

export function verifyAuditChain(db: Database): AuditVerification {
  return new AuditLog(db).verifyChain();
}
