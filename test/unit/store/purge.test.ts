/**
 * R-RET: the personal-data purge on a real SQLite file. A purged application's name and address
 * must be nowhere in the bytes of the database, its free pages or its WAL — in UTF-8, UTF-16LE
 * or UTF-16BE — while an application still owed to the CA keeps everything.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { retention } from '../../../src/domain/retention';
import type { BasicInfo } from '../../../src/domain/vocabulary';

import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, tempDir } from './fixtures';

let t: ReturnType<typeof tempDir>;
let db: Database;
let store: Store;
let file: string;
let clock = 1_700_000_000_000;
const dayMs = 24 * 60 * 60 * 1000;

beforeEach(() => {
  t = tempDir();
  file = join(t.dir, 'terminal.sqlite');
  db = openDatabase(file).db;
  store = new Store(db, () => clock);
});
afterEach(() => {
  db.close();
  t.cleanup();
});

const encodings = ['utf8', 'utf16le', 'utf16be'] as const;
function encode(text: string, encoding: (typeof encodings)[number]): Buffer {
  if (encoding !== 'utf16be') return Buffer.from(text, encoding);
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
  return le;
}

/** Blob standing in for a CSR / PKCS#7 / certificate: the facts in every encoding, padded past a page. */
function blobWith(info: BasicInfo, tag: string): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`30-${tag}-${randomUUID()}`)];
  for (const e of encodings) parts.push(encode(info.name, e), Buffer.from([0]), encode(info.address, e), Buffer.from([0]));
  parts.push(Buffer.alloc(3000, 0x5a));
  return new Uint8Array(Buffer.concat(parts));
}

/** Where in the data directory's files each encoding of `text` occurs. */
function findInFiles(text: string): string[] {
  const hits: string[] = [];
  for (const f of [file, `${file}-wal`, `${file}-journal`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    for (const e of encodings) if (bytes.includes(encode(text, e))) hits.push(`${f}:${e}`);
  }
  return hits;
}

const ascii: BasicInfo = { name: 'Qwzx Purgeable-Kanemaru', address: '77 Vanishing Lane, Xyloville', birthDate: '1985-03-04', sex: '1' };
const japanese: BasicInfo = { name: '鏑木 魁斗', address: '岐阜県各務原市蘇原希望町九丁目八十七番地', birthDate: '1979-11-30', sex: '1' };
const owed: BasicInfo = { name: 'Still Owed Canary', address: '1 Pending Street, Keepton', birthDate: '1990-01-01', sex: '2' };

/** An application through the whole life: queued → CA answered → written → completed. */
function completed(info: BasicInfo) {
  const app = store.recordNewApplication(sampleApplication({ basicInfo: info }), { actor: 'clerk-1', action: 'application.create' });
  const rows = (['sign', 'auth'] as const).map((kind) => ({ id: randomUUID(), certificateKind: kind, csrDer: blobWith(info, `csr-${kind}`) }));
  store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
  store.outbox.claimIds(rows.map((r) => r.id));
  for (const r of rows) {
    store.completeOutboxRow(r.id, { responseDer: blobWith(info, 'p7'), certificateDer: blobWith(info, 'cert'), certificateSerial: `0${r.certificateKind === 'sign' ? 1 : 2}`, notAfter: '2031-05-10T14:59:59.000Z' });
  }
  store.recordTransition({ applicationId: app.id, from: 'issued', to: 'written', audit: { actor: 'clerk-1', action: 'application.written' } });
  store.recordTransition({ applicationId: app.id, from: 'written', to: 'completed', audit: { actor: 'clerk-1', action: 'application.completed' } });
  return { app, rows };
}

function queued(info: BasicInfo) {
  const app = store.recordNewApplication(sampleApplication({ basicInfo: info }), { actor: 'clerk-1', action: 'application.create' });
  const rows = (['sign', 'auth'] as const).map((kind) => ({ id: randomUUID(), certificateKind: kind, csrDer: blobWith(info, `csr-${kind}`) }));
  store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
  return { app, rows };
}

describe('R-RET purge on a real file', () => {
  test('R-RET-6 a purged name and address (ASCII and Japanese, UTF-8 and UTF-16) are in no byte of the database, its free pages or its WAL', () => {
    const a = completed(ascii);
    const j = completed(japanese);
    const keep = queued(owed);
    // Before: the scanner finds them (so finding nothing later means something).
    for (const info of [ascii, japanese, owed]) for (const text of [info.name, info.address]) expect(findInFiles(text).length).toBeGreaterThan(0);

    expect(store.purgePersonalData().sort()).toEqual([a.app.id, j.app.id].sort());

    for (const info of [ascii, japanese]) for (const text of [info.name, info.address]) expect(findInFiles(text)).toEqual([]);
    // R-RET-1: still owed to the CA → untouched, and the scanner still sees it.
    expect(findInFiles(owed.name).length).toBeGreaterThan(0);
    expect(store.applications.get(keep.app.id).basicInfo).toEqual(owed);
    expect(store.outbox.get(keep.rows[0]?.id ?? '').csrDer).toEqual(keep.rows[0]?.csrDer);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  test('R-RET-5 what stays: ids, serials, hashes, expiry; the CSR hash and a certificate hash', () => {
    const a = completed(ascii);
    store.purgePersonalData();
    const app = store.applications.get(a.app.id);
    expect(app).toMatchObject({ basicInfo: null, state: 'completed', cardSerial: 'SERIAL0001', spkiSha256: { sign: 'a'.repeat(64) }, expiry: { sign: '2031-05-10', auth: '2031-05-10' } });
    expect(app.personalDataPurgedAt).toBe(clock);
    for (const row of store.outbox.list({ applicationId: a.app.id }).rows) {
      expect(row).toMatchObject({ state: 'done', responseDer: null, certificateDer: null, notAfter: '2031-05-10T14:59:59.000Z', personalDataPurgedAt: clock });
      expect(row.csrDer).toHaveLength(0);
      expect(row.csrSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.certificateSerial).toMatch(/^0[12]$/);
    }
    const entries = store.audit.list({ subject: a.app.id }).rows.filter((e) => e.action === 'personalData.purge');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toMatchObject({ rule: 'R-RET-2', state: 'completed' });
    expect(store.audit.verifyChain().ok).toBe(true);
  });

  test('R-RET-1 an application still owed to the CA is never purged, whatever its state or age', () => {
    const q = queued(owed);
    // Completed on paper (as a crash could leave it) with a request still undelivered.
    const c = completed(ascii);
    db.prepare("UPDATE outbox SET state = 'failed_retryable' WHERE id = ?").run(c.rows[0]?.id);
    db.prepare("UPDATE applications SET state = 'completed' WHERE id = ?").run(q.app.id);
    clock += 10 * 365 * dayMs;
    expect(store.purgePersonalData()).toEqual([]);
    expect(store.applications.get(q.app.id).basicInfo).toEqual(owed);
    expect(store.applications.get(c.app.id).basicInfo).toEqual(ascii);
  });

  test('R-RET-2 refused and cancelled applications are purged; open ones are not', () => {
    const rejected = store.recordNewApplication(sampleApplication({ state: 'rejected', basicInfo: ascii }), { actor: 'clerk-1', action: 'application.rejected' });
    const draft = store.recordNewApplication(sampleApplication({ state: 'draft', basicInfo: japanese }), { actor: 'clerk-1', action: 'application.recorded' });
    const cancelled = store.recordNewApplication(sampleApplication({ state: 'draft', basicInfo: japanese }), { actor: 'clerk-1', action: 'application.recorded' });
    store.recordTransition({ applicationId: cancelled.id, from: 'draft', to: 'cancelled', audit: { actor: 'clerk-1', action: 'application.cancelled' } });
    const awaiting = store.recordNewApplication(sampleApplication({ state: 'awaiting_reply', basicInfo: japanese }), { actor: 'clerk-1', action: 'application.recorded' });
    expect(store.purgePersonalData().sort()).toEqual([rejected.id, cancelled.id].sort());
    expect(store.applications.get(draft.id).basicInfo).toEqual(japanese);
    expect(store.applications.get(awaiting.id).basicInfo).toEqual(japanese);
  });

  test('R-RET-3 a failed application waits 30 days (the clerk may retry); after the purge its request cannot be sent again', () => {
    const q = queued(ascii);
    store.outbox.claimIds(q.rows.map((r) => r.id));
    for (const r of q.rows) store.outbox.markPermanent(r.id, 'EST_REJECTED', 'refused');
    store.recordTransition({ applicationId: q.app.id, from: 'queued', to: 'failed', audit: { actor: 'sync', action: 'application.failed' } });
    clock += retention.failedMs - 1;
    expect(store.purgePersonalData()).toEqual([]);
    clock += 1;
    expect(store.purgePersonalData()).toEqual([q.app.id]);
    const row = q.rows[0]?.id ?? '';
    expect(() => store.retryOutboxRow(row, 'clerk-1')).toThrow(expect.objectContaining({ code: expect.stringMatching(/^STORE_/) }));
    expect(() => db.prepare("UPDATE outbox SET state = 'pending' WHERE id = ?").run(row)).toThrow(/never sent again/);
    expect(store.outbox.get(row).state).toBe('failed_permanent');
  });

  test('R-RET-4 an issued application never picked up here is purged after 90 days', () => {
    const q = queued(japanese);
    store.outbox.claimIds(q.rows.map((r) => r.id));
    for (const r of q.rows) store.completeOutboxRow(r.id, { responseDer: blobWith(japanese, 'p7'), certificateDer: blobWith(japanese, 'cert'), certificateSerial: '0A', notAfter: '2031-05-10T14:59:59.000Z' });
    expect(store.applications.get(q.app.id).state).toBe('issued');
    clock += retention.uncollectedMs - 1;
    expect(store.purgePersonalData()).toEqual([]);
    clock += 1;
    expect(store.purgePersonalData()).toEqual([q.app.id]);
    expect(findInFiles(japanese.name)).toEqual([]);
  });

  test('idempotent: a second run purges nothing and changes nothing', () => {
    completed(ascii);
    expect(store.purgePersonalData()).toHaveLength(1);
    const audit = store.audit.list().rows.length;
    expect(store.purgePersonalData()).toEqual([]);
    expect(store.audit.list().rows.length).toBe(audit);
  });

  test('a CSR of a request still owed can never be emptied, even by hand', () => {
    const q = queued(owed);
    expect(() => db.prepare("UPDATE outbox SET csr_der = X'', personal_data_purged_at = 1 WHERE id = ?").run(q.rows[0]?.id)).toThrow(/never rebuilt/);
  });
});
