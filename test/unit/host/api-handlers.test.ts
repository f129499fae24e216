/**
 * The handler map behind every shell: only `session.get` and `clerk.signIn` answer before a clerk
 * signs in (design.md §7); everything else is CLERK_NOT_SIGNED_IN and touches nothing. After
 * sign-in the channels reach the host; PIN bytes from the request are zeroed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelNames, type ChannelName, type RequestOf, type SyncStatusView } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { HostError } from '../../../src/api/errors';
import { createHandlers } from '../../../src/host/api-handlers';
import type { Host } from '../../../src/host/host-types';
import { VisitController } from '../../../src/host/visit-controller';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';

const clerk = { id: 'c01', name: 'Clerk One' };
const status: SyncStatusView = { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: null, lastError: null };
const uuid = '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';

/** A request each channel's schema accepts. */
const samples: { readonly [C in ChannelName]: RequestOf<C> } = {
  'session.get': {},
  'clerk.signIn': { clerkId: 'nobody', pin: [0x31] },
  'clerk.signOut': {},
  'visit.get': {},
  'visit.send': { command: { type: 'cancel' } },
  'visit.cardInfoPin': { pin: [0x31, 0x32, 0x33, 0x34], confirmLastTry: false },
  'visit.passwords': { auth: [0x31, 0x32, 0x33, 0x34] },
  'readers.list': {},
  'queue.status': {},
  'queue.list': {},
  'queue.retry': { outboxId: uuid },
  'queue.syncNow': {},
  'receipt.get': { applicationId: uuid },
  'training.get': {},
  'training.insertCard': { slot: 0, residentId: 'r01-ordinary' },
  'training.removeCard': { slot: 0 },
  'selfService.get': {},
  'selfService.send': { command: { type: 'cancel' } },
  'selfService.provingPassword': { password: [0x31, 0x32, 0x33, 0x34], confirmLastTry: false },
  'selfService.newPassword': { password: [0x31, 0x32, 0x33, 0x34], confirmation: [0x31, 0x32, 0x33, 0x34] },
};

let dir: string;
let store: Store;
let closeDb: () => void;
let hostCalls: string[];
let controller: VisitController;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-handlers-'));
  const { db } = openDatabase(join(dir, 'madoguchi.sqlite'));
  store = new Store(db);
  closeDb = () => db.close();
});
afterAll(() => {
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await controller.close();
});

function fakeHost(): Host {
  hostCalls = [];
  const called = <T>(name: string, value: T): T => {
    hostCalls.push(name);
    return value;
  };
  return {
    paths: { dir, database: join(dir, 'madoguchi.sqlite'), config: join(dir, 'config.json'), logs: join(dir, 'logs') },
    terminal: { terminalId: 't1', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: false },
    timeouts: { applicantIdleMs: 60_000, applicantWarningMs: 20_000, clerkIdleMs: 600_000 },
    store,
    sync: {
      status: () => called('sync.status', status),
      onStatus: () => () => undefined,
      syncNow: () => Promise.resolve(called('sync.syncNow', status)),
      retry: () => called('sync.retry', status),
    },
    readers: { list: () => called('readers.list', []), onChange: () => () => undefined },
    verifyClerk: (clerkId, pin) => {
      hostCalls.push('verifyClerk');
      const isRight = clerkId === clerk.id && Buffer.from(pin).toString('latin1') === '9999';
      return isRight ? Promise.resolve(clerk) : Promise.reject(new HostError('CLERK_SIGN_IN_FAILED', 'wrong PIN'));
    },
    clerks: [clerk],
    openCard: () => Promise.reject(new HostError('INTERNAL', 'no card in this test')),
    runProcedure: () => Promise.reject(new HostError('INTERNAL', 'no procedure in this test')),
    recover: () => Promise.reject(new HostError('INTERNAL', 'no recovery in this test')),
    close: () => Promise.resolve(),
  };
}

const open = (name: ChannelName) => name === 'session.get' || name === 'clerk.signIn' || name.startsWith('selfService.');

test.each(channelNames.filter((name) => !open(name)))('%s before sign-in: CLERK_NOT_SIGNED_IN, the host untouched', async (name) => {
  const host = fakeHost();
  controller = new VisitController(host);
  const answer = await dispatch(createHandlers(host, controller), name, structuredClone(samples[name]));
  expect(answer).toEqual({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN', retryable: false, details: {} } });
  expect(hostCalls.filter((c) => c !== 'readers.list')).toEqual([]);
});

test('session.get answers before sign-in; a wrong clerk PIN is refused', async () => {
  const host = fakeHost();
  controller = new VisitController(host);
  const handlers = createHandlers(host, controller);
  expect(await dispatch(handlers, 'session.get', {})).toMatchObject({ ok: true, value: { clerk: null, clerks: [clerk] } });
  expect(await dispatch(handlers, 'clerk.signIn', { clerkId: clerk.id, pin: [0x30, 0x30, 0x30, 0x30] })).toMatchObject({ ok: false, error: { code: 'CLERK_SIGN_IN_FAILED' } });
});

test('after sign-in the channels reach the host, the PIN array is zeroed, training channels refuse off training', async () => {
  const host = fakeHost();
  controller = new VisitController(host);
  const handlers = createHandlers(host, controller);
  const pin = [0x39, 0x39, 0x39, 0x39];
  expect(await handlers['clerk.signIn']({ clerkId: clerk.id, pin })).toMatchObject({ clerk });
  expect(pin).toEqual([0, 0, 0, 0]);
  expect(await dispatch(handlers, 'queue.status', {})).toEqual({ ok: true, value: status });
  expect(await dispatch(handlers, 'queue.retry', { outboxId: uuid })).toEqual({ ok: true, value: status });
  expect(await dispatch(handlers, 'visit.get', {})).toMatchObject({ ok: true, value: { step: 'awaitingCard', clerk } });
  expect(await dispatch(handlers, 'queue.list', {})).toEqual({ ok: true, value: [] });
  expect(await dispatch(handlers, 'training.get', {})).toMatchObject({ ok: false, error: { code: 'TRAINING_ONLY' } });
  expect(await dispatch(handlers, 'visit.passwords', { auth: [0x31, 0x32, 0x33, 0x34] })).toMatchObject({ ok: false, error: { code: 'VISIT_WRONG_STEP' } });
  expect(hostCalls).toEqual(expect.arrayContaining(['verifyClerk', 'sync.status', 'sync.retry']));
  expect(await dispatch(handlers, 'clerk.signOut', {})).toMatchObject({ ok: true, value: { clerk: null } });
  expect(await dispatch(handlers, 'visit.get', {})).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
});
