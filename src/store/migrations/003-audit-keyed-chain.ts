import type { Migration } from './migration';

/**
 * The audit chain becomes keyed (docs/design.md §5): every entry from now on stores the exact bytes
 * its HMAC covers in `entry_json`, and `prev_hash`/`hash` hold MACs instead of plain SHA-256.
 * Rows written before this migration keep `entry_json` NULL and their unkeyed hashes; the first
 * keyed entry's MAC covers the last unkeyed hash, so the old chain is anchored from here on
 * (an attacker can no longer rewrite it without changing that hash). Which sequence number
 * starts the keyed part is recorded outside SQLite, in the signed checkpoint, so a row cannot
 * be downgraded to the unkeyed form by clearing its `entry_json`.
 */
export const migration003AuditKeyedChain: Migration = {
  id: 3,
  name: '003-audit-keyed-chain',
  up(db) {
    db.exec('ALTER TABLE audit ADD COLUMN entry_json TEXT');
  },
};
