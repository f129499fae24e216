import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { auditHeadReporter, type AuditHeadAnswer, type AuditHeadMessage } from '../../../src/sync/audit-head';
import { estError } from '../../../src/sync/est-errors';
import { SyncEngine } from '../../../src/sync/sync-engine';

let dir: string;
let db: Database;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-audit-head-'));
  db = openDatabase(join(dir, 'q.sqlite')).db;
  store = new Store(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function transport(answer: AuditHeadAnswer) {
  const sent: AuditHeadMessage[] = [];
  return { sent, sendAuditHead: (head: AuditHeadMessage) => Promise.resolve(answer).then((a) => (sent.push(head), a)) };
}

const refusedRows = () => db.prepare("SELECT details_json FROM audit WHERE action = 'audit.headRefused'").pluck().all();

test('sends the current head; a rollback refusal is noted in the log once, a CA without the extension is ignored', async () => {
  store.audit.append({ actor: 'clerk-1', action: 'one' });
  const head = store.audit.head();
  const refusing = transport({ kind: 'refused', httpStatus: 409, caErrorCode: 'CA_AUDIT_ROLLBACK' });
  const report = auditHeadReporter(store, refusing);
  await report();
  await report();
  expect(refusing.sent[0]).toEqual({ seq: 1, mac: head.mac, count: 1 });
  expect(refusing.sent[1]?.seq).toBe(2);
  expect(refusedRows()).toEqual([JSON.stringify({ code: 'CA_AUDIT_ROLLBACK', httpStatus: 409, seq: 1 })]);

  const plain = transport({ kind: 'refused', httpStatus: 404, caErrorCode: null });
  await auditHeadReporter(store, plain)();
  expect(refusedRows()).toHaveLength(1);
});

test('the engine reports the head once per round that reached the CA, and never when the CA is unreachable', async () => {
  let probeFails = false;
  const calls: string[] = [];
  const engine = new SyncEngine({
    store,
    transport: { simpleEnroll: () => Promise.reject(new Error('no rows are queued')) },
    probe: () => (probeFails ? Promise.reject(estError('EST_NETWORK', 'down')) : Promise.resolve()),
    afterRound: () => {
      calls.push('head');
      return Promise.reject(new Error('a failed report does not fail the round'));
    },
  });
  await engine.syncNow();
  await engine.syncNow();
  probeFails = true;
  await engine.syncNow();
  expect(calls).toEqual(['head', 'head']);
});
