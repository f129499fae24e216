/**
 * The handler map behind every shell: only `session.get` and `clerk.signIn` answer before a clerk
 * signs in (docs/design.md §7); everything else is CLERK_NOT_SIGNED_IN and touches nothing. After
 * sign-in the channels reach the host; PIN bytes from the request are zeroed.
 */
import { join } from 'node:path';
import { channelNames, type ChannelName, type RequestOf, type SyncStatusView } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { hostError } from '../../../src/api/errors';
import { createHandlers } from '../../../src/flows/handlers/index';
import type { SelfServiceState } from '../../../src/api/self-service';
import type { Host, SelfServiceFlow } from '../../../src/host/host-types';
import { VisitController } from '../../../src/flows/visit-controller';
import type { Store } from '../../../src/store/unit-of-work';
import { useFileStore } from '../store/fixtures';

const clerk = { id: 'c01', name: 'Clerk One' };
const status: SyncStatusView = { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: null, lastError: null, terminalError: null };
const uuid = '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';

/** A request each channel's schema accepts. */
const samples: { readonly [C in ChannelName]: RequestOf<C> } = {
  'session.get': {},
  'clerk.signIn': { clerkId: 'nobody', pin: Uint8Array.of(0x31) },
  'clerk.signOut': {},
  'visit.get': {},
  'visit.send': { command: { type: 'cancel' } },
  'visit.cardInfoPin': { pin: Uint8Array.of(0x31, 0x32, 0x33, 0x34), confirmLastTry: false },
  'visit.passwords': { auth: Uint8Array.of(0x31, 0x32, 0x33, 0x34) },
  'visit.changePassword': { current: Uint8Array.of(0x31, 0x32, 0x33, 0x34), password: Uint8Array.of(0x35, 0x36, 0x37, 0x38), confirmation: Uint8Array.of(0x35, 0x36, 0x37, 0x38), confirmLastTry: false },
  'readers.list': {},
  'queue.status': {},
  'queue.list': {},
  'queue.retry': { outboxId: uuid },
  'queue.syncNow': {},
  'queue.acknowledge': { outboxId: uuid },
  'receipt.get': { applicationId: uuid },
  'report.day': { date: '2026-12-04' },
  'visits.find': { query: { by: 'receiptNumber', receiptNumber: '20261204-001' } },
  'visits.get': { applicationId: uuid },
  'visits.reprint': { applicationId: uuid, document: 'receipt' },
  'print.document': { document: 'receipt', applicationId: uuid },
  'training.get': {},
  'training.insertCard': { slot: 0, residentId: 'r01-ordinary' },
  'training.removeCard': { slot: 0 },
  'training.ca': {},
  'training.setCaReachable': { isReachable: false },
  'selfService.get': {},
  'selfService.send': { command: { type: 'cancel' } },
  'selfService.provingPassword': { password: Uint8Array.of(0x31, 0x32, 0x33, 0x34), confirmLastTry: false },
  'selfService.newPassword': { password: Uint8Array.of(0x31, 0x32, 0x33, 0x34), confirmation: Uint8Array.of(0x31, 0x32, 0x33, 0x34) },
  'selfService.changePassword': { current: Uint8Array.of(0x31, 0x32, 0x33, 0x34), password: Uint8Array.of(0x35, 0x36, 0x37, 0x38), confirmation: Uint8Array.of(0x35, 0x36, 0x37, 0x38), confirmLastTry: false },
};

let dir: string;
let store: Store;
let hostCalls: string[];
/** What verifyClerk was given (the host's copies of the PIN). */
let verifiedPins: Uint8Array[];
let controller: VisitController;

useFileStore('handlers', (file) => ({ dir, store } = file));
afterEach(async () => {
  await controller.close();
});

function fakeHost(): Host {
  hostCalls = [];
  verifiedPins = [];
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
      acknowledge: () => called('sync.acknowledge', status),
    },
    readers: { list: () => called('readers.list', []), onChange: () => () => undefined },
    verifyClerk: (clerkId, pin) => {
      hostCalls.push('verifyClerk');
      verifiedPins.push(pin);
      const isRight = clerkId === clerk.id && Buffer.from(pin).toString('latin1') === '9999';
      return isRight ? Promise.resolve(clerk) : Promise.reject(hostError('CLERK_SIGN_IN_FAILED', 'wrong PIN'));
    },
    clerks: [clerk],
    openCard: () => Promise.reject(hostError('INTERNAL', 'no card in this test')),
    runProcedure: () => Promise.reject(hostError('INTERNAL', 'no procedure in this test')),
    recover: () => Promise.reject(hostError('INTERNAL', 'no recovery in this test')),
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
  expect(await dispatch(handlers, 'clerk.signIn', { clerkId: clerk.id, pin: Uint8Array.of(0x30, 0x30, 0x30, 0x30) })).toMatchObject({ ok: false, error: { code: 'CLERK_SIGN_IN_FAILED' } });
});

test('after sign-in the channels reach the host, the PIN array is zeroed, training channels refuse off training', async () => {
  const host = fakeHost();
  controller = new VisitController(host);
  const handlers = createHandlers(host, controller);
  const pin = Uint8Array.of(0x39, 0x39, 0x39, 0x39);
  expect(await handlers['clerk.signIn']({ clerkId: clerk.id, pin })).toMatchObject({ clerk });
  // The request's bytes are the shell's to zero; the host's own copy went to the check and was zeroed after it.
  expect(verifiedPins).toHaveLength(1);
  expect([...(verifiedPins[0] ?? [])]).toEqual([0, 0, 0, 0]);
  expect(await dispatch(handlers, 'queue.status', {})).toEqual({ ok: true, value: status });
  expect(await dispatch(handlers, 'queue.retry', { outboxId: uuid })).toEqual({ ok: true, value: status });
  expect(await dispatch(handlers, 'visit.get', {})).toMatchObject({ ok: true, value: { step: 'awaitingCard', clerk } });
  expect(await dispatch(handlers, 'queue.list', {})).toEqual({ ok: true, value: [] });
  expect(await dispatch(handlers, 'training.get', {})).toMatchObject({ ok: false, error: { code: 'TRAINING_ONLY' } });
  expect(await dispatch(handlers, 'visit.passwords', { auth: Uint8Array.of(0x31, 0x32, 0x33, 0x34) })).toMatchObject({ ok: false, error: { code: 'VISIT_WRONG_STEP' } });
  expect(hostCalls).toEqual(expect.arrayContaining(['verifyClerk', 'sync.status', 'sync.retry']));
  expect(await dispatch(handlers, 'clerk.signOut', {})).toMatchObject({ ok: true, value: { clerk: null } });
  expect(await dispatch(handlers, 'visit.get', {})).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
});

test('print.document: the browser dialog without a printer; the shell printer with one, reprint passed on', async () => {
  const host = fakeHost();
  controller = new VisitController(host);
  const printed: unknown[] = [];
  const printer = {
    print: (request: unknown) => {
      printed.push(request);
      return Promise.resolve({ method: 'host' as const, copy: 'copy.pdf' });
    },
  };
  const withoutPrinter = createHandlers(host, controller);
  const withPrinter = createHandlers(host, controller, undefined, { printer });
  await withPrinter['clerk.signIn']({ clerkId: clerk.id, pin: Uint8Array.of(0x39, 0x39, 0x39, 0x39) });
  expect(await dispatch(withoutPrinter, 'print.document', { document: 'receipt', applicationId: uuid })).toEqual({ ok: true, value: { method: 'browser' } });
  expect(printed).toEqual([]);
  expect(await dispatch(withPrinter, 'print.document', { document: 'inquiry-letter', applicationId: uuid, reprint: true })).toEqual({ ok: true, value: { method: 'host', copy: 'copy.pdf' } });
  expect(await dispatch(withPrinter, 'print.document', { document: 'receipt', applicationId: uuid })).toMatchObject({ ok: true });
  expect(printed).toEqual([
    { document: 'inquiry-letter', applicationId: uuid, reprint: true },
    { document: 'receipt', applicationId: uuid, reprint: false },
  ]);
  // Anything but a known document and a UUID never reaches the printer.
  expect(await dispatch(withPrinter, 'print.document', { document: '../../etc/passwd', applicationId: uuid })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  expect(await dispatch(withPrinter, 'print.document', { document: 'receipt', applicationId: 'x/../../y' })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  expect(printed).toHaveLength(2);
});

describe('a self-service terminal', () => {
  function selfServiceHost(): Host {
    const host = fakeHost();
    return { ...host, terminal: { ...host.terminal, mode: 'selfService' }, clerks: [] };
  }
  function fakeFlow(received: { channel: string; bytes: number[][]; copies?: Uint8Array[] }[]): SelfServiceFlow {
    const state: SelfServiceState = { step: 'welcome', notice: null };
    return {
      state,
      onState: () => () => undefined,
      send: (command) => {
        received.push({ channel: `send:${command.type}`, bytes: [] });
        return Promise.resolve(state);
      },
      provingPassword: (password) => {
        received.push({ channel: 'proving', bytes: [[...password]], copies: [password] });
        return Promise.resolve(state);
      },
      newPassword: (password, confirmation) => {
        received.push({ channel: 'new', bytes: [[...password], [...confirmation]], copies: [password, confirmation] });
        return Promise.resolve(state);
      },
      changePassword: (current, password, confirmation) => {
        received.push({ channel: 'change', bytes: [[...current], [...password], [...confirmation]], copies: [current, password, confirmation] });
        return Promise.resolve(state);
      },
    };
  }
  // Every channel but these refuses, including the ones added after this test was written.
  const openOnSelfService: ReadonlySet<ChannelName> = new Set<ChannelName>(['session.get', 'readers.list', 'training.get', 'training.insertCard', 'training.removeCard', 'selfService.get', 'selfService.send', 'selfService.provingPassword', 'selfService.newPassword', 'selfService.changePassword']);
  const counterOnly: ChannelName[] = channelNames.filter((name) => !openOnSelfService.has(name));

  test.each(counterOnly)('%s answers NOT_ON_SELF_SERVICE, the host untouched', async (name) => {
    const host = selfServiceHost();
    controller = new VisitController(host);
    const answer = await dispatch(createHandlers(host, controller, undefined, { selfService: fakeFlow([]) }), name, structuredClone(samples[name]));
    expect(answer).toEqual({ ok: false, error: { code: 'NOT_ON_SELF_SERVICE', retryable: false, details: {} } });
    expect(hostCalls.filter((c) => c !== 'readers.list')).toEqual([]);
  });

  test('the flow channels reach the flow without a clerk; the host’s copies of the secrets are zeroed after the call', async () => {
    const host = selfServiceHost();
    controller = new VisitController(host);
    const received: { channel: string; bytes: number[][]; copies?: Uint8Array[] }[] = [];
    const handlers = createHandlers(host, controller, undefined, { selfService: fakeFlow(received) });
    expect(await dispatch(handlers, 'selfService.get', {})).toEqual({ ok: true, value: { step: 'welcome', notice: null } });
    expect(await dispatch(handlers, 'selfService.send', { command: { type: 'choose', resetKind: 'sign' } })).toMatchObject({ ok: true });
    const password = Uint8Array.of(0x32, 0x35, 0x38, 0x30);
    await handlers['selfService.provingPassword']({ password, confirmLastTry: false });
    const first = Uint8Array.of(0x41, 0x42, 0x43, 0x31, 0x32, 0x33);
    const second = first.slice();
    await handlers['selfService.newPassword']({ password: first, confirmation: second });
    expect(received.map(({ channel, bytes }) => ({ channel, bytes }))).toEqual([
      { channel: 'send:choose', bytes: [] },
      { channel: 'proving', bytes: [[0x32, 0x35, 0x38, 0x30]] },
      { channel: 'new', bytes: [[0x41, 0x42, 0x43, 0x31, 0x32, 0x33], [0x41, 0x42, 0x43, 0x31, 0x32, 0x33]] },
    ]);
    const copies = received.flatMap((r) => r.copies ?? []);
    expect(copies).toHaveLength(3);
    // Copies, not the request's own bytes (the shell zeroes those), and wiped once the flow answered.
    expect(copies.some((c) => c === password || c === first || c === second)).toBe(false);
    expect(copies.every((c) => c.every((b) => b === 0))).toBe(true);
    expect(await dispatch(handlers, 'session.get', {})).toMatchObject({ ok: true, value: { terminal: { mode: 'selfService' }, clerks: [] } });
  });

  test('training slots need training cards (TRAINING_ONLY), even without a clerk to sign in', async () => {
    const host = selfServiceHost();
    controller = new VisitController(host);
    expect(await dispatch(createHandlers(host, controller, undefined, { selfService: fakeFlow([]) }), 'training.get', {})).toMatchObject({ ok: false, error: { code: 'TRAINING_ONLY' } });
  });

  test('on a counter terminal the self-service channels answer SELF_SERVICE_ONLY', async () => {
    const host = fakeHost();
    controller = new VisitController(host);
    const handlers = createHandlers(host, controller);
    for (const name of ['selfService.get', 'selfService.send', 'selfService.provingPassword', 'selfService.newPassword', 'selfService.changePassword'] as const) {
      expect(await dispatch(handlers, name, structuredClone(samples[name]))).toMatchObject({ ok: false, error: { code: 'SELF_SERVICE_ONLY' } });
    }
  });
});
