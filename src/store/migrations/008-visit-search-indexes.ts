import type { Migration } from './migration';

/**
 * A clerk finds past visits by day (a date range over `created_at`) and opens one to read its
 * history (the audit entries whose subject is the application or one of its CA requests):
 * both without reading the whole table.
 */
export const migration008VisitSearchIndexes: Migration = {
  id: 8,
  name: '008-visit-search-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX applications_created_at ON applications (created_at);
      CREATE INDEX audit_subject ON audit (subject) WHERE subject IS NOT NULL;
    `);
  },
};
