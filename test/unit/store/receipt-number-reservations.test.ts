/**
 * A receipt number reserved for a visit's application form (printed before the application is
 * filed): the next application of the day does not take it, the visit's application is filed
 * under it, and one never filed (the visit cancelled) is not handed out again. Migration 009
 * adds the table to a database from before it, keeping its applications and their numbers.
 */
import { join } from 'node:path';
import { knownMigrations } from '../../../src/store/migrations/index';
import { ApplicationsRepo } from '../../../src/store/applications-repo';
import { openDatabase } from '../../../src/store/open-database';
import { sampleApplication, tempDir } from './fixtures';

// 2026-12-05 10:00 in Japan.
const morning = Date.UTC(2026, 11, 5, 1, 0);

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

describe('reserved receipt numbers', () => {
  test('the application filed for the form takes the reserved number; no other application gets it', () => {
    const { db } = openDatabase(join(t.dir, 'r.sqlite'));
    try {
      const repo = new ApplicationsRepo(db, () => morning);
      const before = repo.insert(sampleApplication());
      const reserved = repo.reserveReceiptNumber();
      const other = repo.insert(sampleApplication());
      const filed = repo.insert(sampleApplication({ receiptNumber: reserved }));
      expect([before.receiptNumber, reserved, other.receiptNumber]).toEqual(['20261205-001', '20261205-002', '20261205-003']);
      expect(filed.receiptNumber).toBe('20261205-002');
      expect(repo.findByReceiptNumber(reserved)?.id).toBe(filed.id);
    } finally {
      db.close();
    }
  });

  test('a number reserved for a visit that was then cancelled is never handed out again', () => {
    const { db } = openDatabase(join(t.dir, 'r.sqlite'));
    try {
      const repo = new ApplicationsRepo(db, () => morning);
      const abandoned = repo.reserveReceiptNumber();
      const next = repo.reserveReceiptNumber();
      const filed = repo.insert(sampleApplication());
      expect([abandoned, next, filed.receiptNumber]).toEqual(['20261205-001', '20261205-002', '20261205-003']);
      expect(repo.findByReceiptNumber(abandoned)).toBeNull();
    } finally {
      db.close();
    }
  });

  test('a malformed, unreserved or already filed number is refused, and nothing more is filed', () => {
    const { db } = openDatabase(join(t.dir, 'r.sqlite'));
    try {
      const repo = new ApplicationsRepo(db, () => morning);
      expect(() => repo.insert(sampleApplication({ receiptNumber: '2026-12-05/1' }))).toThrow(expect.objectContaining({ code: 'STORE_INVALID_INPUT' }));
      expect(() => repo.insert(sampleApplication({ receiptNumber: '20261205-777' }))).toThrow(expect.objectContaining({ code: 'STORE_INVALID_INPUT' }));
      const reserved = repo.reserveReceiptNumber();
      repo.insert(sampleApplication({ receiptNumber: reserved }));
      expect(() => repo.insert(sampleApplication({ receiptNumber: reserved }))).toThrow(expect.objectContaining({ code: 'STORE_INVALID_INPUT' }));
      expect(db.prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});

test('migration 009 adds the reservations to a database from before it, keeping its numbers', () => {
  const file = join(t.dir, 'old.sqlite');
  const upTo008 = knownMigrations.filter((m) => m.id <= 8);
  const old = openDatabase(file, { migrations: upTo008 });
  expect(old.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'receipt_number_reservations'").pluck().get()).toBe(0);
  // Filed and numbered as that version did (its repository knew no reservations).
  const kept = sampleApplication();
  old.db
    .prepare(
      `INSERT INTO applications (id, procedure, applicant_type, documents_json, clerk_id, card_serial, certificate_kinds_json, state, fee_yen,
         basic_info_json, spki_sha256_sign, spki_sha256_auth, expiry_sign, expiry_auth, error_code, created_at, updated_at, receipt_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?)`,
    )
    .run(kept.id, kept.procedure, kept.applicantType, JSON.stringify(kept.documents), kept.clerkId, kept.cardSerial, JSON.stringify(kept.certificateKinds), kept.state, kept.feeYen, morning, morning, '20261205-001');
  old.db.close();

  const migrated = openDatabase(file);
  try {
    expect(migrated.migrationsApplied).toEqual(['009-receipt-number-reservations']);
    const repo = new ApplicationsRepo(migrated.db, () => morning);
    expect(repo.get(kept.id).receiptNumber).toBe('20261205-001');
    expect(repo.reserveReceiptNumber()).toBe('20261205-002');
  } finally {
    migrated.db.close();
  }
});
