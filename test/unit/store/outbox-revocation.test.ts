/**
 * A revocation owed to the CA is an outbox row of kind `revoke` (migration 002), delivered by
 * the sync engine through the transport's `revoke`; older databases keep their owed reports.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { CaLabel } from '../../../src/domain/vocabulary';
import { legacyAuditHash } from '../../../src/store/audit-entry';
import { canonicalJson, genesisHash } from '../../../src/store/audit-log';
import { migration001Initial } from '../../../src/store/migrations/001-initial';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { estError } from '../../../src/sync/est-errors';
import { SyncEngine, type EnrollTransport } from '../../../src/sync/sync-engine';
import { fakeCsr, sampleApplication, tempDir } from './fixtures';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

function revocationApplication(store: Store, serials: readonly string[]): { appId: string; rows: string[] } {
  const app = store.recordNewApplication(sampleApplication({ procedure: 'revoke', state: 'draft', basicInfo: null, certificateKinds: ['auth'] }), { actor: 'clerk-1', action: 'application.recorded' });
  const rows = serials.map(() => randomUUID());
  store.recordTransition({
    applicationId: app.id,
    from: 'draft',
    to: 'card_prepared',
    revocations: serials.map((serial, i) => ({ id: rows[i] ?? '', certificateKind: 'auth' as const, serial, reason: 'keyCompromise' })),
    audit: { actor: 'clerk-1', action: 'revocation.requested' },
  });
  return { appId: app.id, rows };
}

function recordingTransport(fail?: (serial: string) => Error | undefined): EnrollTransport & { revoked: { label: CaLabel; serial: string; reason: string }[] } {
  const revoked: { label: CaLabel; serial: string; reason: string }[] = [];
  return {
    revoked,
    simpleEnroll: () => Promise.reject(estError('EST_NETWORK', 'no enrolment expected here')),
    revoke: (label, r) => {
      const error = fail?.(r.serial);
      if (error !== undefined) return Promise.reject(error);
      revoked.push({ label, serial: r.serial, reason: r.reason });
      return Promise.resolve();
    },
  };
}

describe('outbox rows of kind revoke', () => {
  test('are queued with the transition, carry serial and reason, and no CSR', () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const { rows } = revocationApplication(store, ['0a1b', 'FF00']);
    const [first, second] = rows.map((id) => store.outbox.get(id));
    expect(first).toMatchObject({ kind: 'revoke', caLabel: 'jpki-auth', state: 'pending', revocation: { serial: '0A1B', reason: 'keyCompromise' } });
    expect(first?.csrDer).toHaveLength(0);
    expect(second?.revocation?.serial).toBe('FF00');
    db.close();
  });

  test('the engine delivers them by kind and the store completes the revocation application', async () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const { appId, rows } = revocationApplication(store, ['0A1B', '0C2D']);
    const transport = recordingTransport();
    const result = await new SyncEngine({ store, transport }).syncNow();
    expect(result).toMatchObject({ attempted: 2, revoked: 2, issued: 0, permanent: 0 });
    expect(transport.revoked.map((r) => r.serial).sort()).toEqual(['0A1B', '0C2D']);
    expect(transport.revoked.every((r) => r.label === 'jpki-auth' && r.reason === 'keyCompromise')).toBe(true);
    for (const id of rows) expect(store.outbox.get(id).state).toBe('done');
    expect(store.applications.stateOf(appId)).toBe('completed');
    expect(store.audit.list({ subject: appId }).rows.map((e) => e.action)).toContain('revocation.reported');
    db.close();
  });

  test('one confirmed and one unreachable: the application waits for the other', async () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const { appId, rows } = revocationApplication(store, ['0A1B', '0C2D']);
    const transport = recordingTransport((serial) => (serial === '0C2D' ? estError('EST_SERVER_ERROR', 'busy') : undefined));
    await new SyncEngine({ store, transport, concurrency: 1 }).syncNow();
    expect(store.outbox.get(rows[0] ?? '').state).toBe('done');
    expect(store.outbox.get(rows[1] ?? '').state).toBe('failed_retryable');
    expect(store.applications.stateOf(appId)).toBe('card_prepared');
    db.close();
  });

  test('a transport that cannot revoke leaves the row queued, never done', async () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const { rows } = revocationApplication(store, ['0A1B']);
    const transport: EnrollTransport = { simpleEnroll: () => Promise.reject(new Error('unused')) };
    const result = await new SyncEngine({ store, transport }).syncNow();
    expect(result).toMatchObject({ revoked: 0, retryable: 1 });
    expect(store.outbox.get(rows[0] ?? '').state).toBe('failed_retryable');
    db.close();
  });

  test('a CSR answer is never stored on a revocation row, and a revocation is never rewritten', () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const { rows } = revocationApplication(store, ['0A1B']);
    const id = rows[0] ?? '';
    expect(() => store.completeOutboxRow(id, { responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([1]), certificateSerial: '01', notAfter: '2030-01-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'STORE_INVALID_INPUT' }),
    );
    expect(() => db.prepare("UPDATE outbox SET revoke_serial = 'DEAD' WHERE id = ?").run(id)).toThrow(/never rewritten/);
    expect(() => db.prepare("UPDATE outbox SET kind = 'enroll' WHERE id = ?").run(id)).toThrow(/never rewritten/);
    db.close();
  });

  test('a row whose kind and request fields disagree is reported corrupt and parked, not sent', async () => {
    const { db } = openDatabase(join(t.dir, 'q.sqlite'));
    const store = new Store(db);
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const csrRow = randomUUID();
    store.recordTransition({ applicationId: app.id, event: 'queue', outbox: [{ id: csrRow, certificateKind: 'auth', csrDer: fakeCsr('x') }], audit: { actor: 'c', action: 'q' } });
    // Planted by hand, past the trigger: a CSR row that also names a serial to revoke.
    db.exec('DROP TRIGGER outbox_revocation_immutable');
    db.prepare("UPDATE outbox SET revoke_serial = '0A', revoke_reason = 'unspecified' WHERE id = ?").run(csrRow);
    const transport = recordingTransport();
    const result = await new SyncEngine({ store, transport }).syncNow();
    expect(result.permanent).toBe(1);
    expect(transport.revoked).toEqual([]);
    expect(store.outbox.list().corrupt.map((c) => c.message).join(' ')).toMatch(/wrong request fields/);
    db.close();
  });

  test('a revocation owed before migration 002 (only in the audit entry) becomes a queued row', () => {
    const file = join(t.dir, 'old.sqlite');
    const { db: old } = openDatabase(file, { migrations: [migration001Initial] });
    // Written as that version wrote them: today's Store no longer fits a schema this old.
    const appId = randomUUID();
    old
      .prepare(
        `INSERT INTO applications (id, procedure, applicant_type, documents_json, clerk_id, certificate_kinds_json, state, created_at, updated_at)
         VALUES (?, 'revoke', 'self', '[]', 'clerk-1', '["sign","auth"]', 'card_prepared', 1, 1)`,
      )
      .run(appId);
    const fields = { seq: 1, at: 1, actor: 'clerk-1', action: 'revocation.requested', subject: appId, details: { targets: [{ kind: 'auth', serial: '0A1B' }, { kind: 'sign', serial: '0C2D' }], reason: 'keyCompromise' } };
    old
      .prepare('INSERT INTO audit (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (1, 1, ?, ?, ?, ?, ?, ?)')
      .run(fields.actor, fields.action, appId, canonicalJson(fields.details), genesisHash, legacyAuditHash({ ...fields, prevHash: genesisHash }));
    const app = { id: appId };
    old.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare("SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = 'kind'").pluck().get()).toBe(0);
    raw.close();

    const { db, migrationsApplied } = openDatabase(file);
    expect(migrationsApplied).toEqual(['002-outbox-revocation-kind', '003-audit-keyed-chain', '004-personal-data-purge', '005-receipt-number', '006-clerk-sign-in-failures', '007-outbox-acknowledged', '008-visit-search-indexes', '009-receipt-number-reservations']);
    const store = new Store(db);
    const rows = store.outbox.list({ applicationId: app.id }).rows;
    expect(rows.map((r) => ({ kind: r.kind, label: r.caLabel, state: r.state, revocation: r.revocation })).sort((a, b) => a.label.localeCompare(b.label))).toEqual([
      { kind: 'revoke', label: 'jpki-auth', state: 'pending', revocation: { serial: '0A1B', reason: 'keyCompromise' } },
      { kind: 'revoke', label: 'jpki-sign', state: 'pending', revocation: { serial: '0C2D', reason: 'keyCompromise' } },
    ]);
    db.close();
  });
});
