import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CaLabel } from '../domain/vocabulary';
import { revocationReasonNames, type RevocationReason } from '../pki/crl';

/** The reference CA's own database (`<data>/ca.sqlite`): separate from any terminal's. */
const schema = `
CREATE TABLE IF NOT EXISTS certificates (
  serial TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  spki_sha256 TEXT NOT NULL,
  csr_sha256 TEXT NOT NULL,
  application_id TEXT NOT NULL,
  der BLOB NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  issued_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS certificates_by_key ON certificates (spki_sha256, label);
CREATE INDEX IF NOT EXISTS certificates_by_application ON certificates (application_id);
CREATE TABLE IF NOT EXISTS revocations (
  serial TEXT PRIMARY KEY REFERENCES certificates (serial),
  label TEXT NOT NULL,
  revoked_at TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
-- Kept indefinitely: a kiosk may resend after days offline (docs/ca-protocol.md §5).
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  csr_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'pending', 'done')),
  polls INTEGER NOT NULL DEFAULT 0,
  status INTEGER,
  content_type TEXT,
  body BLOB,
  serial TEXT,
  created_at TEXT NOT NULL
) STRICT;
-- Each terminal's audit-log head as sent with its syncs (docs/design.md §5), append-only: the
-- record a terminal cannot roll back, whatever happens to its own disk.
CREATE TABLE IF NOT EXISTS audit_heads (
  terminal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  mac TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (terminal_id, seq)
) STRICT;
-- Heads refused because they went back (or forked): the evidence of a rolled-back terminal.
CREATE TABLE IF NOT EXISTS audit_head_refusals (
  terminal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  mac TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  received_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS audit_heads_append_only_d BEFORE DELETE ON audit_heads BEGIN SELECT RAISE(ABORT, 'audit heads are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_heads_append_only_u BEFORE UPDATE ON audit_heads BEGIN SELECT RAISE(ABORT, 'audit heads are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_refusals_append_only_d BEFORE DELETE ON audit_head_refusals BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_refusals_append_only_u BEFORE UPDATE ON audit_head_refusals BEGIN SELECT RAISE(ABORT, 'append-only'); END;
-- Requests refused by policy (a terminal asking for another's CSR, …): who, what, why.
CREATE TABLE IF NOT EXISTS policy_refusals (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  operation TEXT NOT NULL,
  code TEXT NOT NULL,
  details TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS crl_state (
  label TEXT PRIMARY KEY,
  crl_number INTEGER NOT NULL,
  der BLOB,
  next_update TEXT
) STRICT;
`;

export interface CertificateRow {
  readonly serial: string;
  readonly label: CaLabel;
  readonly spkiSha256: string;
  readonly csrSha256: string;
  readonly applicationId: string;
  readonly der: Uint8Array;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  /** The municipality of the terminal that requested it; null for rows from before scoping. */
  readonly municipalityCode: string | null;
  /**
   * The card it was issued for, as the card signed it into the CSR; null for rows from before
   * the CA recorded it (and for CSRs without it): such a certificate proves no self-service reset.
   */
  readonly cardSerial: string | null;
  readonly revokedAt: string | null;
  readonly reason: RevocationReason | null;
}

export interface IdempotencyRow {
  readonly key: string;
  readonly label: string;
  readonly csrSha256: string;
  readonly state: 'in_progress' | 'pending' | 'done';
  readonly polls: number;
  readonly status: number | null;
  readonly contentType: string | null;
  readonly body: Uint8Array | null;
}

// Rows are re-validated on the way out: the file may have been edited or come from elsewhere.
const certificateRowSchema = z.object({
  serial: z.string(),
  label: z.enum(['jpki-sign', 'jpki-auth']),
  spki_sha256: z.string(),
  csr_sha256: z.string(),
  application_id: z.string(),
  der: z.instanceof(Buffer),
  not_before: z.string(),
  not_after: z.string(),
  issued_at: z.string(),
  municipality_code: z.string().nullable(),
  card_serial: z.string().nullable(),
  revoked_at: z.string().nullable(),
  reason: z.enum(revocationReasonNames).nullable(),
});

const idempotencyRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  csr_sha256: z.string(),
  state: z.enum(['in_progress', 'pending', 'done']),
  polls: z.number().int(),
  status: z.number().int().nullable(),
  content_type: z.string().nullable(),
  body: z.instanceof(Buffer).nullable(),
});

function toCertificate(raw: unknown): CertificateRow {
  const r = certificateRowSchema.parse(raw);
  return {
    serial: r.serial,
    label: r.label,
    spkiSha256: r.spki_sha256,
    csrSha256: r.csr_sha256,
    applicationId: r.application_id,
    der: new Uint8Array(r.der),
    notBefore: r.not_before,
    notAfter: r.not_after,
    issuedAt: r.issued_at,
    municipalityCode: r.municipality_code,
    cardSerial: r.card_serial,
    revokedAt: r.revoked_at,
    reason: r.reason,
  };
}

const certificateSelect = `SELECT c.*, r.revoked_at, r.reason FROM certificates c LEFT JOIN revocations r ON r.serial = c.serial`;

/**
 * Additive steps for databases created by earlier versions (the schema above is for new ones):
 * the issuing municipality per certificate (rows from before stay NULL and belong to no
 * municipality, so no terminal can list or revoke them through the scoped endpoints), and the
 * card each certificate is for (rows from before stay NULL and prove no self-service reset).
 */
function migrateCaStore(db: Database): void {
  const columns = z.array(z.object({ name: z.string() })).parse(db.prepare('PRAGMA table_info(certificates)').all());
  if (!columns.some((c) => c.name === 'municipality_code')) db.exec('ALTER TABLE certificates ADD COLUMN municipality_code TEXT');
  if (!columns.some((c) => c.name === 'card_serial')) db.exec('ALTER TABLE certificates ADD COLUMN card_serial TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS certificates_by_card ON certificates (card_serial, label)');
}

export class CaStore {
  readonly db: Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new BetterSqlite3(join(dataDir, 'ca.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(schema);
    migrateCaStore(this.db);
    // An in-progress key whose process died never produced an answer: let the resend redo it.
    this.db.prepare(`DELETE FROM idempotency_keys WHERE state = 'in_progress'`).run();
  }

  close(): void {
    this.db.close();
  }

  /** The highest audit head recorded for a terminal. */
  lastAuditHead(terminalId: string): { seq: number; mac: string } | undefined {
    const raw: unknown = this.db.prepare('SELECT seq, mac FROM audit_heads WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1').get(terminalId);
    return raw === undefined ? undefined : z.object({ seq: z.number().int(), mac: z.string() }).parse(raw);
  }

  insertAuditHead(terminalId: string, seq: number, mac: string, now: string): void {
    this.db.prepare('INSERT INTO audit_heads (terminal_id, seq, mac, received_at) VALUES (?, ?, ?, ?)').run(terminalId, seq, mac, now);
  }

  insertAuditHeadRefusal(terminalId: string, seq: number, mac: string, lastSeq: number, now: string): void {
    this.db.prepare('INSERT INTO audit_head_refusals (terminal_id, seq, mac, last_seq, received_at) VALUES (?, ?, ?, ?, ?)').run(terminalId, seq, mac, lastSeq, now);
  }

  auditHeads(terminalId: string): { seq: number; mac: string; receivedAt: string }[] {
    return z
      .array(z.object({ seq: z.number().int(), mac: z.string(), received_at: z.string() }))
      .parse(this.db.prepare('SELECT seq, mac, received_at FROM audit_heads WHERE terminal_id = ? ORDER BY seq').all(terminalId))
      .map((r) => ({ seq: r.seq, mac: r.mac, receivedAt: r.received_at }));
  }

  auditHeadRefusals(terminalId: string): { seq: number; lastSeq: number }[] {
    return z
      .array(z.object({ seq: z.number().int(), last_seq: z.number().int() }))
      .parse(this.db.prepare('SELECT seq, last_seq FROM audit_head_refusals WHERE terminal_id = ? ORDER BY rowid').all(terminalId))
      .map((r) => ({ seq: r.seq, lastSeq: r.last_seq }));
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  getKey(key: string): IdempotencyRow | undefined {
    const raw: unknown = this.db.prepare('SELECT * FROM idempotency_keys WHERE key = ?').get(key);
    if (raw === undefined) return undefined;
    const r = idempotencyRowSchema.parse(raw);
    return { key: r.key, label: r.label, csrSha256: r.csr_sha256, state: r.state, polls: r.polls, status: r.status, contentType: r.content_type, body: r.body === null ? null : new Uint8Array(r.body) };
  }

  insertKey(key: string, label: string, csrSha256: string, state: 'in_progress' | 'pending', now: string): void {
    this.db.prepare('INSERT INTO idempotency_keys (key, label, csr_sha256, state, polls, created_at) VALUES (?, ?, ?, ?, 0, ?)').run(key, label, csrSha256, state, now);
  }

  setKeyState(key: string, state: 'in_progress' | 'pending', polls: number): void {
    this.db.prepare('UPDATE idempotency_keys SET state = ?, polls = ? WHERE key = ?').run(state, polls, key);
  }

  completeKey(key: string, status: number, contentType: string, body: Uint8Array, serial: string | null): void {
    this.db.prepare(`UPDATE idempotency_keys SET state = 'done', status = ?, content_type = ?, body = ?, serial = ? WHERE key = ?`).run(status, contentType, Buffer.from(body), serial, key);
  }

  deleteKey(key: string): void {
    this.db.prepare('DELETE FROM idempotency_keys WHERE key = ?').run(key);
  }

  insertCertificate(row: Omit<CertificateRow, 'revokedAt' | 'reason' | 'cardSerial'> & { readonly cardSerial?: string | null }): void {
    this.db
      .prepare('INSERT INTO certificates (serial, label, spki_sha256, csr_sha256, application_id, der, not_before, not_after, issued_at, municipality_code, card_serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.serial, row.label, row.spkiSha256, row.csrSha256, row.applicationId, Buffer.from(row.der), row.notBefore, row.notAfter, row.issuedAt, row.municipalityCode, row.cardSerial ?? null);
  }

  /** Every certificate recorded for a card, oldest first, with its revocation if any. */
  certificatesForCard(cardSerial: string): CertificateRow[] {
    return this.db.prepare(`${certificateSelect} WHERE c.card_serial = ? ORDER BY c.issued_at, c.serial`).all(cardSerial).map(toCertificate);
  }

  /** Not revoked and not expired at `now`: the "one live certificate per key and profile" guard. */
  liveCertificates(label: CaLabel, spkiSha256: string, now: string): CertificateRow[] {
    return this.db
      .prepare(`${certificateSelect} WHERE c.label = ? AND c.spki_sha256 = ? AND r.serial IS NULL AND c.not_after > ? ORDER BY c.issued_at`)
      .all(label, spkiSha256, now)
      .map(toCertificate);
  }

  certificatesForKey(label: CaLabel, spkiSha256: string): CertificateRow[] {
    return this.db.prepare(`${certificateSelect} WHERE c.label = ? AND c.spki_sha256 = ? ORDER BY c.issued_at`).all(label, spkiSha256).map(toCertificate);
  }

  certificate(serial: string): CertificateRow | undefined {
    const raw: unknown = this.db.prepare(`${certificateSelect} WHERE c.serial = ?`).get(serial);
    return raw === undefined ? undefined : toCertificate(raw);
  }

  liveByApplication(label: CaLabel, applicationId: string): CertificateRow[] {
    return this.db.prepare(`${certificateSelect} WHERE c.label = ? AND c.application_id = ? AND r.serial IS NULL`).all(label, applicationId).map(toCertificate);
  }

  revoke(serial: string, label: CaLabel, revokedAt: string, reason: RevocationReason): void {
    this.db.prepare('INSERT INTO revocations (serial, label, revoked_at, reason) VALUES (?, ?, ?, ?)').run(serial, label, revokedAt, reason);
  }

  revocations(label: CaLabel): { serial: string; revokedAt: string; reason: RevocationReason }[] {
    const rows = this.db.prepare('SELECT serial, revoked_at, reason FROM revocations WHERE label = ? ORDER BY revoked_at, serial').all(label);
    return z
      .array(z.object({ serial: z.string(), revoked_at: z.string(), reason: z.enum(revocationReasonNames) }))
      .parse(rows)
      .map((r) => ({ serial: r.serial, revokedAt: r.revoked_at, reason: r.reason }));
  }

  crlState(label: CaLabel): { crlNumber: number; der: Uint8Array | null; nextUpdate: string | null } | undefined {
    const raw: unknown = this.db.prepare('SELECT crl_number, der, next_update FROM crl_state WHERE label = ?').get(label);
    if (raw === undefined) return undefined;
    const r = z.object({ crl_number: z.number().int(), der: z.instanceof(Buffer).nullable(), next_update: z.string().nullable() }).parse(raw);
    return { crlNumber: r.crl_number, der: r.der === null ? null : new Uint8Array(r.der), nextUpdate: r.next_update };
  }

  saveCrl(label: CaLabel, crlNumber: number, der: Uint8Array, nextUpdate: string): void {
    this.db
      .prepare('INSERT INTO crl_state (label, crl_number, der, next_update) VALUES (?, ?, ?, ?) ON CONFLICT (label) DO UPDATE SET crl_number = excluded.crl_number, der = excluded.der, next_update = excluded.next_update')
      .run(label, crlNumber, Buffer.from(der), nextUpdate);
  }

  recordRefusal(refusal: { at: string; terminalId: string; municipalityCode: string; operation: string; code: string; details: Readonly<Record<string, string>> }): void {
    this.db
      .prepare('INSERT INTO policy_refusals (at, terminal_id, municipality_code, operation, code, details) VALUES (?, ?, ?, ?, ?, ?)')
      .run(refusal.at, refusal.terminalId, refusal.municipalityCode, refusal.operation, refusal.code, JSON.stringify(refusal.details));
  }

  refusals(): { terminalId: string; municipalityCode: string; operation: string; code: string; details: Record<string, string> }[] {
    const rows = z
      .array(z.object({ terminal_id: z.string(), municipality_code: z.string(), operation: z.string(), code: z.string(), details: z.string() }))
      .parse(this.db.prepare('SELECT terminal_id, municipality_code, operation, code, details FROM policy_refusals ORDER BY seq').all());
    return rows.map((r) => ({ terminalId: r.terminal_id, municipalityCode: r.municipality_code, operation: r.operation, code: r.code, details: z.record(z.string(), z.string()).parse(JSON.parse(r.details)) }));
  }

  /** Marks the cached CRL stale so the next fetch signs a new one with the next number. */
  invalidateCrl(label: CaLabel): void {
    this.db.prepare('UPDATE crl_state SET der = NULL WHERE label = ?').run(label);
  }
}
