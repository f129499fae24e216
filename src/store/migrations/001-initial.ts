import type { Migration } from './migration';

/**
 * The first schema. Enumerated columns carry no CHECK lists on purpose: a CHECK can only be
 * widened by rebuilding the table, and migrations only ever add. Values are validated with zod
 * on every write and read instead. Outbox and audit rows are protected by triggers because
 * docs/design.md §5 promises they are never deleted (and audit rows never changed).
 */
export const migration001Initial: Migration = {
  id: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE applications (
        id TEXT PRIMARY KEY NOT NULL,
        procedure TEXT NOT NULL,
        applicant_type TEXT NOT NULL,
        documents_json TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        card_serial TEXT,
        certificate_kinds_json TEXT NOT NULL,
        state TEXT NOT NULL,
        fee_yen INTEGER NOT NULL DEFAULT 0,
        basic_info_json TEXT,
        spki_sha256_sign TEXT,
        spki_sha256_auth TEXT,
        expiry_sign TEXT,
        expiry_auth TEXT,
        error_code TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX applications_state ON applications(state);
      CREATE INDEX applications_card ON applications(card_serial);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications(id),
        certificate_kind TEXT NOT NULL,
        ca_label TEXT NOT NULL,
        csr_der BLOB NOT NULL,
        csr_sha256 TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error_code TEXT,
        last_error_message TEXT,
        response_der BLOB,
        certificate_der BLOB,
        certificate_serial TEXT,
        not_after TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
      CREATE INDEX outbox_application ON outbox(application_id);
      CREATE TRIGGER outbox_never_deleted BEFORE DELETE ON outbox
        BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted'); END;
      CREATE TRIGGER outbox_csr_immutable BEFORE UPDATE OF csr_der, csr_sha256 ON outbox
        WHEN NEW.csr_der IS NOT OLD.csr_der OR NEW.csr_sha256 IS NOT OLD.csr_sha256
        BEGIN SELECT RAISE(ABORT, 'a queued CSR is never rebuilt'); END;

      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    `);
  },
};
