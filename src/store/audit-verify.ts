/**
 * Verification of the audit log from its stored bytes: every link of the chain, then the head
 * against the checkpoint kept outside SQLite. Reads only; never writes.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { auditDetailsSchema, canonicalJson, genesisHash, legacyAuditHash, parseCanonicalJson, parseKeyedEntry, type AuditHead, type AuditSigner } from './audit-entry';

/** The head as last recorded outside the database (see the host's checkpoint file). */
export interface AuditCheckpoint {
  /** First sequence number of the keyed chain; entries before it are the unkeyed chain of before migration 003. */
  readonly keyedFrom: number;
  readonly head: AuditHead;
  /** Set while a transaction that moves the head to it may or may not have committed. */
  readonly pending: AuditHead | null;
}

export type AuditBreak =
  /** A row that cannot be read, or whose entry text is not the canonical JSON (e.g. a duplicate key). */
  | 'corrupt_entry'
  /** The row's columns disagree with the entry text its MAC covers. */
  | 'column_mismatch'
  | 'mac_mismatch'
  | 'prev_mac_mismatch'
  | 'sequence_gap'
  /** The log ends before the checkpointed head: rows were removed from its end. */
  | 'truncated'
  /** The entry at the checkpointed head is not the one checkpointed: rewritten. */
  | 'checkpoint_mismatch'
  /** More entries than the checkpoint allows: forged, or an older checkpoint put back. */
  | 'ahead_of_checkpoint';

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly head: AuditHead; readonly anchored: boolean }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: AuditBreak };

const rowSchema = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details_json: z.string(),
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  // Absent in a database that predates migration 003 (verified read-only, so never migrated).
  entry_json: z.string().nullable().optional(),
});
type Row = z.infer<typeof rowSchema>;

type LinkCheck = { ok: true } | { ok: false; reason: AuditBreak };

function checkLegacy(row: Row): LinkCheck {
  if (row.entry_json !== null && row.entry_json !== undefined) return { ok: false, reason: 'corrupt_entry' };
  const json = parseCanonicalJson(row.details_json);
  const details = json.ok ? auditDetailsSchema.safeParse(json.value) : undefined;
  if (details === undefined || !details.success) return { ok: false, reason: 'corrupt_entry' };
  const hash = legacyAuditHash({ seq: row.seq, at: row.at, actor: row.actor, action: row.action, subject: row.subject, details: details.data, prevHash: row.prev_hash });
  return hash === row.hash ? { ok: true } : { ok: false, reason: 'mac_mismatch' };
}

function checkKeyed(row: Row, signer: AuditSigner): LinkCheck {
  if (row.entry_json === null || row.entry_json === undefined) return { ok: false, reason: 'corrupt_entry' };
  const entry = parseKeyedEntry(row.entry_json);
  if (entry === undefined) return { ok: false, reason: 'corrupt_entry' };
  // The MAC is over the stored text itself, byte for byte.
  if (signer.mac(row.prev_hash, Buffer.from(row.entry_json, 'utf8')) !== row.hash) return { ok: false, reason: 'mac_mismatch' };
  const same =
    entry.seq === row.seq && entry.at === row.at && entry.actor === row.actor && entry.action === row.action && entry.subject === row.subject && canonicalJson(entry.details) === row.details_json;
  return same ? { ok: true } : { ok: false, reason: 'column_mismatch' };
}

/** Walks every row in order and reports the first broken link, then compares the head with `checkpoint`. */
export function verifyAuditRows(db: Database, signer: AuditSigner, checkpoint: AuditCheckpoint | undefined): AuditVerification {
  const keyedFrom = checkpoint?.keyedFrom ?? 1;
  let prev = genesisHash;
  let expectedSeq = 1;
  let count = 0;
  for (const raw of db.prepare('SELECT * FROM audit ORDER BY seq').iterate()) {
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, entries: count, brokenAtSeq: expectedSeq, reason: 'corrupt_entry' };
    const row = parsed.data;
    if (row.seq !== expectedSeq) return { ok: false, entries: count, brokenAtSeq: expectedSeq, reason: 'sequence_gap' };
    if (row.prev_hash !== prev) return { ok: false, entries: count, brokenAtSeq: row.seq, reason: 'prev_mac_mismatch' };
    const link = row.seq < keyedFrom ? checkLegacy(row) : checkKeyed(row, signer);
    if (!link.ok) return { ok: false, entries: count, brokenAtSeq: row.seq, reason: link.reason };
    if (checkpoint !== undefined && row.seq === checkpoint.head.seq && row.hash !== checkpoint.head.mac) {
      return { ok: false, entries: count, brokenAtSeq: row.seq, reason: 'checkpoint_mismatch' };
    }
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head: AuditHead = { seq: count, mac: prev };
  if (checkpoint === undefined) return { ok: true, entries: count, head, anchored: false };
  const headCheck = compareHead(head, checkpoint);
  return headCheck.ok ? { ok: true, entries: count, head, anchored: true } : { ok: false, entries: count, brokenAtSeq: headCheck.brokenAtSeq, reason: headCheck.reason };
}

/**
 * The database's head against the checkpoint: equal to its head, or to its pending head (a
 * transaction committed and the process died before confirming). Anything else is tampering.
 */
export function compareHead(head: AuditHead, checkpoint: AuditCheckpoint): { ok: true } | { ok: false; brokenAtSeq: number; reason: AuditBreak } {
  const { pending } = checkpoint;
  if (head.seq === checkpoint.head.seq) return head.mac === checkpoint.head.mac ? { ok: true } : { ok: false, brokenAtSeq: head.seq, reason: 'checkpoint_mismatch' };
  if (pending !== null && head.seq === pending.seq) return head.mac === pending.mac ? { ok: true } : { ok: false, brokenAtSeq: head.seq, reason: 'checkpoint_mismatch' };
  if (head.seq < checkpoint.head.seq) return { ok: false, brokenAtSeq: head.seq + 1, reason: 'truncated' };
  const limit = Math.max(checkpoint.head.seq, pending?.seq ?? 0);
  if (head.seq < limit) return { ok: false, brokenAtSeq: head.seq + 1, reason: 'truncated' };
  return { ok: false, brokenAtSeq: limit + 1, reason: 'ahead_of_checkpoint' };
}
