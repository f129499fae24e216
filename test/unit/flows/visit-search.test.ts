/**
 * Finding a past visit through the contract's handlers over a real SQLite store: clerk-only,
 * each search, opened visit and reprint audited with the clerk and the query kind (never the
 * searched card serial), states in the clerk's words, purged data said to be removed, and the
 * documents rebuilt for a reprint (a letter only for a proxy's visit, and only while its
 * addressee is kept).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dispatch } from '../../../src/api/dispatch';
import type { VisitDetailView, VisitSearchResult } from '../../../src/api/contract';
import { hostError, type Result } from '../../../src/api/errors';
import { createHandlers } from '../../../src/flows/handlers/index';
import type { Host } from '../../../src/host/host-types';
import { VisitController } from '../../../src/flows/visit-controller';
import { openDatabase } from '../../../src/store/open-database';
import { purgePersonalData } from '../../../src/store/personal-data-purge';
import { Store } from '../../../src/store/unit-of-work';
import { fakeCsr, sampleApplication, tempDir } from '../store/fixtures';

const clerk = { id: 'c01', name: 'Clerk One' };
const status = { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: null, lastError: null, terminalError: null };

let cleanup: () => void;
let store: Store;
let closeDb: () => void;
let controller: VisitController;
let done: string;
let proxy: string;
let queued: string;
let purgedAt: number;

beforeAll(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  const { db } = openDatabase(join(temp.dir, 'terminal.sqlite'));
  closeDb = () => db.close();
  store = new Store(db);
  const add = (over: Parameters<typeof sampleApplication>[0]) => store.recordNewApplication(sampleApplication(over), { actor: 'c02', action: 'application.recorded' }).id;
  done = add({ state: 'completed', cardSerial: 'CARD0001' });
  proxy = add({ state: 'awaiting_reply', applicantType: 'proxy', cardSerial: 'CARD0002' });
  queued = add({ state: 'card_prepared', cardSerial: 'CARD0001' });
  store.recordTransition({ applicationId: queued, event: 'queue', outbox: [{ id: randomUUID(), certificateKind: 'sign', csrDer: fakeCsr('q') }], audit: { actor: 'c02', action: 'application.queued' } });
  purgedAt = Date.now();
  // R-RET-2: the completed visit loses its personal data; the other two are still open.
  expect(purgePersonalData(db, store.audit, () => purgedAt)).toEqual([done]);
});
afterAll(() => {
  closeDb();
  cleanup();
});
afterEach(async () => {
  await controller.close();
});

function host(): Host {
  return {
    paths: { dir: '/nonexistent', database: '/nonexistent/db', config: '/nonexistent/config.json', logs: '/nonexistent/logs' },
    terminal: { terminalId: 't1', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: false },
    timeouts: { applicantIdleMs: 60_000, applicantWarningMs: 20_000, clerkIdleMs: 600_000 },
    store,
    sync: { status: () => status, onStatus: () => () => undefined, syncNow: () => Promise.resolve(status), retry: () => status, acknowledge: () => status },
    readers: { list: () => [], onChange: () => () => undefined },
    verifyClerk: (clerkId, pin) => (clerkId === clerk.id && Buffer.from(pin).toString('latin1') === '9999' ? Promise.resolve(clerk) : Promise.reject(hostError('CLERK_SIGN_IN_FAILED', 'wrong PIN'))),
    clerks: [clerk],
    openCard: () => Promise.reject(hostError('INTERNAL', 'no card in this test')),
    runProcedure: () => Promise.reject(hostError('INTERNAL', 'no procedure in this test')),
    recover: () => Promise.reject(hostError('INTERNAL', 'no recovery in this test')),
    close: () => Promise.resolve(),
  };
}

async function signedIn() {
  const h = host();
  controller = new VisitController(h);
  const handlers = createHandlers(h, controller);
  await handlers['clerk.signIn']({ clerkId: clerk.id, pin: Uint8Array.of(0x39, 0x39, 0x39, 0x39) });
  return handlers;
}

/** The answer of a call expected to succeed, typed as its channel's answer. */
function valueOf<T>(answer: Result<unknown>): T {
  if (!answer.ok) throw new Error(`expected an answer, got ${answer.error.code}`);
  return answer.value as T;
}

const lastAudit = () => store.audit.list().rows.at(-1);
const receiptOf = (id: string) => store.applications.get(id).receiptNumber ?? '';

test('before sign-in nothing is searched, opened or reprinted, and nothing is written to the audit log', async () => {
  const h = host();
  controller = new VisitController(h);
  const handlers = createHandlers(h, controller);
  const seq = lastAudit()?.seq;
  for (const [channel, request] of [
    ['visits.find', { query: { by: 'dates' } }],
    ['visits.get', { applicationId: done }],
    ['visits.reprint', { applicationId: done, document: 'receipt' }],
  ] as const) {
    expect(await dispatch(handlers, channel, request)).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
  }
  expect(lastAudit()?.seq).toBe(seq);
});

test("today's visits by default, newest first, each in the clerk's words; the search is audited with the days", async () => {
  const handlers = await signedIn();
  const answer = { value: valueOf<VisitSearchResult>(await dispatch(handlers, 'visits.find', { query: { by: 'dates' } })) };
  expect(answer.value.visits.map((v) => [v.applicationId, v.standing])).toEqual([
    [queued, 'waitingForCa'],
    [proxy, 'waitingForReply'],
    [done, 'done'],
  ]);
  expect(answer.value.visits[2]?.personalDataRemovedAt).toBe(purgedAt);
  expect(answer.value.days?.from).toBe(answer.value.days?.to);
  expect(lastAudit()).toMatchObject({ actor: clerk.id, action: 'visits.searched', details: { by: 'dates', from: answer.value.days?.from, to: answer.value.days?.to, found: 3, more: false } });
});

test('a receipt number finds its visit; a card serial finds its visits but is not written to the audit log', async () => {
  const handlers = await signedIn();
  const byNumber = await dispatch(handlers, 'visits.find', { query: { by: 'receiptNumber', receiptNumber: receiptOf(proxy) } });
  expect(byNumber).toMatchObject({ ok: true, value: { visits: [{ applicationId: proxy, receiptNumber: receiptOf(proxy) }] } });
  expect(lastAudit()).toMatchObject({ actor: clerk.id, action: 'visits.searched', details: { by: 'receiptNumber', receiptNumber: receiptOf(proxy), found: 1 } });

  const bySerial = { value: valueOf<VisitSearchResult>(await dispatch(handlers, 'visits.find', { query: { by: 'cardSerial', cardSerial: 'CARD0001' } })) };
  expect(bySerial.value.visits.map((v) => v.applicationId)).toEqual([queued, done]);
  const entry = lastAudit();
  expect(entry).toMatchObject({ actor: clerk.id, action: 'visits.searched', details: { by: 'cardSerial', found: 2 } });
  expect(JSON.stringify(entry)).not.toContain('CARD0001');
});

test('a malformed query is refused before the store is read', async () => {
  const handlers = await signedIn();
  const seq = lastAudit()?.seq;
  for (const query of [{ by: 'receiptNumber', receiptNumber: '2026-1' }, { by: 'dates', from: '2026-12-05', to: '2026-12-04' }, { by: 'dates', from: '2026-02-30' }, { by: 'name', name: 'x' }]) {
    expect(await dispatch(handlers, 'visits.find', { query } as never)).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  }
  expect(await dispatch(handlers, 'visits.find', { query: { by: 'dates', from: '2024-01-01', to: '2026-01-01' } })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  expect(lastAudit()?.seq).toBe(seq);
});

test('an opened visit says what was removed and when, lists its history, and is audited', async () => {
  const handlers = await signedIn();
  const answer = { value: valueOf<VisitDetailView>(await dispatch(handlers, 'visits.get', { applicationId: done })) };
  expect(answer.value).toMatchObject({ applicantName: null, personalDataRemovedAt: purgedAt, cardSerial: 'CARD0001', reprints: { receipt: 'available', 'inquiry-letter': 'none' } });
  expect(answer.value.history.map((e) => e.action)).toEqual(expect.arrayContaining(['application.recorded', 'personalData.purge']));
  expect(lastAudit()).toMatchObject({ actor: clerk.id, action: 'visits.opened', subject: done });

  const open = await dispatch(handlers, 'visits.get', { applicationId: queued });
  expect(open).toMatchObject({ ok: true, value: { applicantName: '研修 太郎', personalDataRemovedAt: null, requests: [{ kind: 'enroll', certificateKind: 'sign', phase: 'waiting' }] } });
});

test('reprints: the receipt under its number, the letter only for a proxy and only while its addressee is kept; each audited', async () => {
  const handlers = await signedIn();
  const receipt = await dispatch(handlers, 'visits.reprint', { applicationId: done, document: 'receipt' });
  expect(receipt).toMatchObject({ ok: true, value: { document: 'receipt', content: { receiptNumber: receiptOf(done), applicantName: null, state: 'completed' } } });
  expect(lastAudit()).toMatchObject({ actor: clerk.id, action: 'document.reprinted', subject: done, details: { document: 'receipt' } });

  const letter = await dispatch(handlers, 'visits.reprint', { applicationId: proxy, document: 'inquiry-letter' });
  expect(letter).toMatchObject({ ok: true, value: { document: 'inquiry-letter', content: { receiptNumber: receiptOf(proxy), addresseeName: '研修 太郎' } } });
  expect(lastAudit()).toMatchObject({ action: 'document.reprinted', subject: proxy, details: { document: 'inquiry-letter' } });

  const seq = lastAudit()?.seq;
  expect(await dispatch(handlers, 'visits.reprint', { applicationId: queued, document: 'inquiry-letter' })).toMatchObject({ ok: false, error: { code: 'VISIT_DOCUMENT_NONE' } });
  expect(lastAudit()?.seq).toBe(seq);
});

test("a purged proxy's letter is said to be removed, not printed empty", async () => {
  const { dir, cleanup: done2 } = tempDir();
  const { db } = openDatabase(join(dir, 'terminal.sqlite'));
  const other = new Store(db);
  const id = other.recordNewApplication(sampleApplication({ state: 'rejected', applicantType: 'proxy' }), { actor: 'c02', action: 'application.rejected', details: { refusals: ['juki-card'] } }).id;
  purgePersonalData(db, other.audit, () => Date.now());
  const h = { ...host(), store: other };
  controller = new VisitController(h);
  const handlers = createHandlers(h, controller);
  await handlers['clerk.signIn']({ clerkId: clerk.id, pin: Uint8Array.of(0x39, 0x39, 0x39, 0x39) });
  expect(await dispatch(handlers, 'visits.get', { applicationId: id })).toMatchObject({ ok: true, value: { standing: 'refused', reasons: ['juki-card'], reprints: { 'inquiry-letter': 'removed' } } });
  expect(await dispatch(handlers, 'visits.reprint', { applicationId: id, document: 'inquiry-letter' })).toMatchObject({ ok: false, error: { code: 'VISIT_DOCUMENT_REMOVED' } });
  db.close();
  done2();
});
