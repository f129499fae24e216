import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { fakeCsr, sampleApplication, useTestStore } from './fixtures';

let dir: string;
let db: Database;
let store: Store;
let clock = 1_700_000_000_000;
useTestStore({ file: 'q.sqlite', now: () => clock, ready: (s) => ({ dir, db, store } = s) });

const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

function queueApplication() {
  const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  const rows = [
    { id: randomUUID(), certificateKind: 'sign' as const, csrDer: fakeCsr(`${app.id}-sign`) },
    { id: randomUUID(), certificateKind: 'auth' as const, csrDer: fakeCsr(`${app.id}-auth`) },
  ];
  store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
  return { app, rows };
}

describe('recordTransition', () => {
  test('writes the state, the outbox rows (exact CSR bytes) and the audit entry together', () => {
    const { app, rows } = queueApplication();
    expect(store.applications.get(app.id).state).toBe('queued');
    const outbox = store.outbox.list({ applicationId: app.id }).rows;
    expect(outbox.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const sign = outbox.find((r) => r.certificateKind === 'sign');
    expect(sign?.caLabel).toBe('jpki-sign');
    expect(Buffer.from(sign?.csrDer ?? []).equals(Buffer.from(rows[0]?.csrDer ?? [1]))).toBe(true);
    expect(sign?.state).toBe('pending');
    expect(store.audit.list({ subject: app.id }).rows.map((e) => e.action)).toEqual(['application.create', 'application.queue']);
  });

  test('a failure in the middle leaves nothing written (one transaction)', () => {
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const before = { outbox: count('outbox'), audit: count('audit') };
    const goodId = randomUUID();
    expect(() =>
      store.recordTransition({
        applicationId: app.id,
        event: 'queue',
        // The second row reuses the first id: the insert fails after the state and one row were written.
        outbox: [
          { id: goodId, certificateKind: 'sign', csrDer: fakeCsr('1') },
          { id: goodId, certificateKind: 'auth', csrDer: fakeCsr('2') },
        ],
        audit: { actor: 'clerk-1', action: 'application.queue' },
      }),
    ).toThrow(/UNIQUE/);
    expect(store.applications.get(app.id).state).toBe('card_prepared');
    expect({ outbox: count('outbox'), audit: count('audit') }).toEqual(before);
  });

  test('a secret-looking audit key aborts the whole change', () => {
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    expect(() =>
      store.recordTransition({
        applicationId: app.id,
        event: 'queue',
        outbox: [{ id: randomUUID(), certificateKind: 'auth', csrDer: fakeCsr('x') }],
        audit: { actor: 'clerk-1', action: 'application.queue', details: { authPin: '1234' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'STORE_AUDIT_SECRET_REJECTED' }));
    expect(store.applications.get(app.id).state).toBe('card_prepared');
    expect(count('outbox')).toBe(0);
  });

  test('a stale expected state is a typed conflict', () => {
    const { app } = queueApplication();
    expect(() => store.recordTransition({ applicationId: app.id, event: 'fail', expectedState: 'card_prepared', audit: { actor: 'c', action: 'again' } })).toThrow(expect.objectContaining({ code: 'STORE_STATE_CONFLICT' }));
    expect(() => store.recordTransition({ applicationId: app.id, from: 'card_prepared', to: 'queued', audit: { actor: 'c', action: 'again' } })).toThrow(expect.objectContaining({ code: 'STORE_STATE_CONFLICT' }));
  });

  test('an event the state machine does not allow writes nothing', () => {
    const { app } = queueApplication();
    const audits = count('audit');
    expect(() =>
      store.recordTransition({ applicationId: app.id, event: 'queue', outbox: [{ id: randomUUID(), certificateKind: 'sign', csrDer: fakeCsr('again') }], audit: { actor: 'c', action: 'again' } }),
    ).toThrow(expect.objectContaining({ code: 'DOMAIN_ILLEGAL_TRANSITION' }));
    expect(() => store.recordTransition({ applicationId: app.id, from: 'queued', to: 'completed', audit: { actor: 'c', action: 'skip' } })).toThrow(
      expect.objectContaining({ code: 'STORE_ILLEGAL_TRANSITION' }),
    );
    expect(store.applications.get(app.id).state).toBe('queued');
    expect(count('outbox')).toBe(2);
    expect(count('audit')).toBe(audits);
  });

  test('the audit entry records the event and both states', () => {
    const { app } = queueApplication();
    const entry = store.audit.list({ subject: app.id }).rows.at(-1);
    expect(entry?.details).toMatchObject({ event: 'queue', from: 'card_prepared', to: 'queued' });
  });
});

describe('outbox', () => {
  test('rows are never deleted and a queued CSR is never rebuilt', () => {
    const { rows } = queueApplication();
    expect(() => db.prepare('DELETE FROM outbox').run()).toThrow(/never deleted/);
    expect(() => db.prepare('UPDATE outbox SET csr_der = ? WHERE id = ?').run(Buffer.from('other'), rows[0]?.id)).toThrow(/never rebuilt/);
  });

  test('claimDue → done moves the application to issued once all its rows are done', () => {
    const { app, rows } = queueApplication();
    const claimed = store.outbox.claimDue(10).rows;
    expect(claimed.map((r) => r.state)).toEqual(['sending', 'sending']);
    expect(claimed.every((r) => r.attempts === 1)).toBe(true);
    expect(store.outbox.claimDue(10).rows).toEqual([]);
    const issued = (serial: string) => ({ responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: serial, notAfter: '2031-05-10T14:59:59.000Z' });
    expect(store.completeOutboxRow(rows[0]?.id ?? '', issued('01')).applicationIssued).toBe(false);
    expect(store.applications.get(app.id).state).toBe('queued');
    expect(store.completeOutboxRow(rows[1]?.id ?? '', issued('02')).applicationIssued).toBe(true);
    const after = store.applications.get(app.id);
    expect(after.state).toBe('issued');
    expect(after.expiry).toEqual({ sign: '2031-05-10', auth: '2031-05-10' });
    expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: 2 }, lastDoneAt: clock });
  });

  test('rows left sending by a killed process are pending again on open', () => {
    queueApplication();
    store.outbox.claimDue(10);
    db.close();
    const reopened = openDatabase(join(dir, 'q.sqlite'));
    db = reopened.db;
    store = new Store(db, () => clock);
    expect(reopened.recoveredOutboxRows).toBe(2);
    expect(store.outbox.stats().counts).toMatchObject({ pending: 2, sending: 0 });
  });

  test('an answer that arrives after another process reset the row still lands; a done row is final', () => {
    const { app, rows } = queueApplication();
    store.outbox.claimDue(10);
    // Another process opened the database meanwhile and put the in-flight rows back.
    db.prepare("UPDATE outbox SET state = 'pending'").run();
    const issued = { responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: '0A', notAfter: '2031-05-10T14:59:59.000Z' };
    for (const r of rows) store.completeOutboxRow(r.id, issued);
    expect(store.applications.get(app.id).state).toBe('issued');
    expect(() => store.outbox.markRetryable(rows[0]?.id ?? '', 'EST_NETWORK', 'late', clock)).toThrow(expect.objectContaining({ code: 'STORE_STATE_CONFLICT' }));
    expect(() => store.completeOutboxRow(rows[0]?.id ?? '', issued)).toThrow(expect.objectContaining({ code: 'STORE_STATE_CONFLICT' }));
    expect(store.outbox.get(rows[0]?.id ?? '').state).toBe('done');
  });

  test('retryable rows wait for their due time; the clerk can retry a permanent failure', () => {
    const { rows } = queueApplication();
    const [a, b] = store.outbox.claimDue(10).rows;
    store.outbox.markRetryable(a?.id ?? '', 'CA_UNAVAILABLE', 'down', clock + 60_000);
    store.outbox.markPermanent(b?.id ?? '', 'CA_REJECTED', 'no');
    expect(store.outbox.claimDue(10).rows).toEqual([]);
    clock += 60_000;
    expect(store.outbox.claimDue(10).rows.map((r) => r.id)).toEqual([a?.id]);
    store.retryOutboxRow(b?.id ?? '', 'clerk-1');
    const again = store.outbox.claimDue(10).rows;
    expect(again.map((r) => r.id)).toEqual([b?.id]);
    expect(again[0]?.attempts).toBe(2);
    expect(rows.length).toBe(2);
  });

  test('a corrupt row is reported with its column; the others stay readable and sendable', () => {
    const first = queueApplication();
    const second = queueApplication();
    const badId = first.rows[0]?.id ?? '';
    db.prepare("UPDATE outbox SET ca_label = 'jpki-bogus' WHERE id = ?").run(badId);
    const listed = store.outbox.list();
    expect(listed.rows).toHaveLength(3);
    expect(listed.corrupt).toHaveLength(1);
    expect(listed.corrupt[0]).toEqual(expect.objectContaining({ code: 'STORE_CORRUPT_ROW' }));
    expect(listed.corrupt[0]).toMatchObject({ code: 'STORE_CORRUPT_ROW', facts: { rowId: badId, column: 'ca_label' } });
    expect(() => store.outbox.get(badId)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT_ROW' }));
    const claimed = store.outbox.claimDue(10);
    expect(claimed.rows).toHaveLength(3);
    expect(claimed.corrupt.map((c) => c.id)).toEqual([badId]);
    expect(second.rows.every((r) => claimed.rows.some((c) => c.id === r.id))).toBe(true);
  });

  test('a corrupt application column is reported, the rest of the list still reads', () => {
    const good = queueApplication();
    const bad = queueApplication();
    db.prepare("UPDATE applications SET documents_json = '[not json' WHERE id = ?").run(bad.app.id);
    const listed = store.applications.list();
    expect(listed.rows.map((r) => r.id)).toEqual([good.app.id]);
    expect(listed.corrupt[0]).toMatchObject({ facts: { rowId: bad.app.id, column: 'documents_json' } });
  });
});

describe('purgePersonalData', () => {
  test('purges only completed applications whose CA requests are all done', () => {
    const done = queueApplication();
    const waiting = queueApplication();
    const issued = { responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: '01', notAfter: '2031-05-10T14:59:59.000Z' };
    store.outbox.claimDue(10);
    for (const r of done.rows) store.completeOutboxRow(r.id, issued);
    for (const [from, to] of [['issued', 'written'], ['written', 'completed']] as const) {
      store.recordTransition({ applicationId: done.app.id, from, to, audit: { actor: 'clerk-1', action: `application.${to}` } });
    }
    // Completed on paper but a request still undelivered: the data must stay.
    db.prepare("UPDATE applications SET state = 'completed' WHERE id = ?").run(waiting.app.id);
    expect(store.purgePersonalData()).toEqual([done.app.id]);
    expect(store.applications.get(done.app.id).basicInfo).toBeNull();
    expect(store.applications.get(waiting.app.id).basicInfo).not.toBeNull();
    expect(store.purgePersonalData()).toEqual([]);
  });
});
