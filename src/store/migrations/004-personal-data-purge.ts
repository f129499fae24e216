import { sqlMigration, type Migration } from './migration';

/**
 * The personal-data purge (docs/rules.md R-RET): when an application and its CA requests were
 * purged, what stays (hashes, serials, expiry) and a CSR that may become empty — only then,
 * only once, and only for a request the CA is owed nothing more for.
 */
export const migration004PersonalDataPurge: Migration = sqlMigration(4, '004-personal-data-purge', `
  ALTER TABLE applications ADD COLUMN personal_data_purged_at INTEGER;
  ALTER TABLE outbox ADD COLUMN personal_data_purged_at INTEGER;
  ALTER TABLE outbox ADD COLUMN certificate_sha256 TEXT;
  DROP TRIGGER outbox_csr_immutable;
  CREATE TRIGGER outbox_csr_immutable BEFORE UPDATE OF csr_der, csr_sha256 ON outbox
    WHEN NEW.csr_sha256 IS NOT OLD.csr_sha256
      OR (NEW.csr_der IS NOT OLD.csr_der AND NOT (
            OLD.state IN ('done', 'failed_permanent') AND NEW.state = OLD.state
            AND OLD.personal_data_purged_at IS NULL AND NEW.personal_data_purged_at IS NOT NULL
            AND length(NEW.csr_der) = 0))
    BEGIN SELECT RAISE(ABORT, 'a queued CSR is never rebuilt'); END;
  CREATE TRIGGER outbox_purged_stays_purged BEFORE UPDATE ON outbox
    WHEN OLD.personal_data_purged_at IS NOT NULL AND (NEW.state IS NOT OLD.state OR NEW.personal_data_purged_at IS NOT OLD.personal_data_purged_at)
    BEGIN SELECT RAISE(ABORT, 'a purged CA request is never sent again'); END;
`);
