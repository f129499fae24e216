/**
 * The reference CA's records for self-service resets: one-use nonces, cards reported
 * lost, and the audit of every challenge and authorisation (serial, terminal, time, outcome;
 * never a password: none ever reaches the CA). Tables live in the CA's own `ca.sqlite`.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { certificateKinds, type CertificateKind } from '../domain/vocabulary';

const schema = `
CREATE TABLE IF NOT EXISTS reset_nonces (
  nonce TEXT PRIMARY KEY,
  card_serial TEXT NOT NULL,
  reset_kind TEXT NOT NULL CHECK (reset_kind IN ('sign', 'auth')),
  -- The proving kind's key (SPKI SHA-256) the signature must verify with.
  spki_sha256 TEXT NOT NULL,
  -- The proving certificate when it came with the challenge (checked again at authorisation).
  certificate BLOB,
  terminal TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS reset_nonces_by_card ON reset_nonces (card_serial, issued_at);
CREATE INDEX IF NOT EXISTS reset_nonces_by_terminal ON reset_nonces (terminal, issued_at);
CREATE TABLE IF NOT EXISTS lost_cards (
  card_serial TEXT PRIMARY KEY,
  reported_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS reset_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('challenge', 'authorize')),
  terminal TEXT NOT NULL,
  terminal_id TEXT,
  card_serial TEXT,
  certificate_serial TEXT,
  reset_kind TEXT,
  outcome TEXT NOT NULL
) STRICT;
`;

export interface NonceRow {
  readonly nonce: string;
  readonly cardSerial: string;
  readonly resetKind: CertificateKind;
  readonly spkiSha256: string;
  readonly certificate: Uint8Array | null;
  /** The proving certificate (from the CA's records) the proof must name; null on rows from before. */
  readonly certificateSerial: string | null;
  readonly terminal: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

export interface ResetAuditRow {
  readonly at: string;
  readonly step: 'challenge' | 'authorize';
  /** The client certificate's SHA-256 fingerprint: who connected, whatever the body says. */
  readonly terminal: string;
  readonly terminalId: string | null;
  readonly cardSerial: string | null;
  readonly certificateSerial: string | null;
  readonly resetKind: CertificateKind | null;
  /** `ok` or the CA error code. */
  readonly outcome: string;
}

const nonceRowSchema = z.object({
  nonce: z.string(),
  card_serial: z.string(),
  reset_kind: z.enum(certificateKinds),
  spki_sha256: z.string(),
  certificate: z.instanceof(Buffer).nullable(),
  certificate_serial: z.string().nullable(),
  terminal: z.string(),
  issued_at: z.string(),
  expires_at: z.string(),
  used_at: z.string().nullable(),
});

const auditRowSchema = z.object({
  at: z.string(),
  step: z.enum(['challenge', 'authorize']),
  terminal: z.string(),
  terminal_id: z.string().nullable(),
  card_serial: z.string().nullable(),
  certificate_serial: z.string().nullable(),
  reset_kind: z.enum(certificateKinds).nullable(),
  outcome: z.string(),
});

export class ResetStore {
  constructor(private readonly db: Database) {
    db.exec(schema);
    // Added later: which proving certificate a nonce is bound to. Older rows stay NULL and are
    // refused at authorisation (they expire within minutes anyway).
    const columns = z.array(z.object({ name: z.string() })).parse(db.prepare('PRAGMA table_info(reset_nonces)').all());
    if (!columns.some((c) => c.name === 'certificate_serial')) db.exec('ALTER TABLE reset_nonces ADD COLUMN certificate_serial TEXT');
  }

  insertNonce(row: Omit<NonceRow, 'usedAt'>): void {
    this.db
      .prepare('INSERT INTO reset_nonces (nonce, card_serial, reset_kind, spki_sha256, certificate, certificate_serial, terminal, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.nonce, row.cardSerial, row.resetKind, row.spkiSha256, row.certificate === null ? null : Buffer.from(row.certificate), row.certificateSerial, row.terminal, row.issuedAt, row.expiresAt);
  }

  nonce(nonce: string): NonceRow | undefined {
    const raw: unknown = this.db.prepare('SELECT * FROM reset_nonces WHERE nonce = ?').get(nonce);
    if (raw === undefined) return undefined;
    const r = nonceRowSchema.parse(raw);
    return { nonce: r.nonce, cardSerial: r.card_serial, resetKind: r.reset_kind, spkiSha256: r.spki_sha256, certificate: r.certificate === null ? null : new Uint8Array(r.certificate), certificateSerial: r.certificate_serial, terminal: r.terminal, issuedAt: r.issued_at, expiresAt: r.expires_at, usedAt: r.used_at };
  }

  /** Marks the nonce used; false when it was used already (a concurrent replay loses). */
  useNonce(nonce: string, at: string): boolean {
    return this.db.prepare('UPDATE reset_nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL').run(at, nonce).changes === 1;
  }

  challengesForCardSince(cardSerial: string, since: string): number {
    return z.number().int().parse((this.db.prepare('SELECT COUNT(*) AS n FROM reset_nonces WHERE card_serial = ? AND issued_at > ?').get(cardSerial, since) as { n: unknown }).n);
  }

  /** Proofs submitted for the card (nonces used, whatever the outcome) since `since`. */
  proofsForCardSince(cardSerial: string, since: string): number {
    return z.number().int().parse((this.db.prepare('SELECT COUNT(*) AS n FROM reset_nonces WHERE card_serial = ? AND used_at IS NOT NULL AND used_at > ?').get(cardSerial, since) as { n: unknown }).n);
  }

  challengesForTerminalSince(terminal: string, since: string): number {
    return z.number().int().parse((this.db.prepare('SELECT COUNT(*) AS n FROM reset_nonces WHERE terminal = ? AND issued_at > ?').get(terminal, since) as { n: unknown }).n);
  }

  reportLost(cardSerial: string, at: string): void {
    this.db.prepare('INSERT INTO lost_cards (card_serial, reported_at) VALUES (?, ?) ON CONFLICT (card_serial) DO NOTHING').run(cardSerial, at);
  }

  isLost(cardSerial: string): boolean {
    return this.db.prepare('SELECT 1 FROM lost_cards WHERE card_serial = ?').get(cardSerial) !== undefined;
  }

  /** Returns the row's id (the reference a resident's notice shows). */
  audit(row: ResetAuditRow): number {
    return Number(this.db
      .prepare('INSERT INTO reset_audit (at, step, terminal, terminal_id, card_serial, certificate_serial, reset_kind, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.at, row.step, row.terminal, row.terminalId, row.cardSerial, row.certificateSerial, row.resetKind, row.outcome).lastInsertRowid);
  }

  auditRows(): ResetAuditRow[] {
    return this.db
      .prepare('SELECT at, step, terminal, terminal_id, card_serial, certificate_serial, reset_kind, outcome FROM reset_audit ORDER BY id')
      .all()
      .map((raw) => {
        const r = auditRowSchema.parse(raw);
        return { at: r.at, step: r.step, terminal: r.terminal, terminalId: r.terminal_id, cardSerial: r.card_serial, certificateSerial: r.certificate_serial, resetKind: r.reset_kind, outcome: r.outcome };
      });
  }
}
