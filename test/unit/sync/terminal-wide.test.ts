/**
 * A refusal of the whole terminal (401/403, TLS, trust, configuration) stops the round and puts
 * every claimed row back exactly as it was; an unreachable CA stops the round at the first
 * failure; the CA coming back makes the rows due at once. The transport
 * is injected and scripted by call order, so the failure lands at every position of a round.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCertificate, type ParsedCertificate } from '../../../src/pki/jpki-certificate';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { defaultBackoff } from '../../../src/sync/backoff';
import type { EnrollResult } from '../../../src/sync/est-client';
import { estError, isEstError, type EstError, type EstErrorCode } from '../../../src/sync/est-errors';
import { SyncEngine, type EnrollTransport } from '../../../src/sync/sync-engine';
import { sampleApplication } from '../store/fixtures';
import { issue, makeCa, makeCsr } from './test-pki';

jest.setTimeout(120_000);

let dir: string;
let csr: Uint8Array;
let certificate: ParsedCertificate;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-terminal-wide-'));
  const ca = await makeCa('Scope CA');
  csr = await makeCsr('card');
  certificate = parseCertificate(await issue(ca, csr));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const issued = (): EnrollResult => ({ status: 'issued', responseDer: new Uint8Array([0x30, 0x00]), certificate });

/** Answers call i (in the order the engine makes them) with `answer(i)`, one tick later. */
class ScriptedTransport implements EnrollTransport {
  readonly calls: string[] = [];
  constructor(public answer: (call: number) => EnrollResult | EstError) {}
  async simpleEnroll(_label: string, _csr: Uint8Array, key: string): Promise<EnrollResult> {
    const call = this.calls.length;
    this.calls.push(key);
    await new Promise((resolve) => setImmediate(resolve));
    const answer = this.answer(call);
    if (isEstError(answer)) throw answer;
    return answer;
  }
}

interface Terminal {
  readonly store: Store;
  readonly close: () => void;
  clock: number;
}

/** `realTime`: the store reads the system clock, for tests of the background loop. */
function openTerminal(realTime = false): Terminal {
  const { db } = openDatabase(join(mkdtempSync(join(dir, 'db-')), 'q.sqlite'));
  let clock = 1_800_000_000_000;
  return {
    store: new Store(db, realTime ? Date.now : () => clock),
    close: () => db.close(),
    get clock() {
      return clock;
    },
    set clock(value: number) {
      clock = value;
    },
  };
}

/** `count` rows (two per application); rows with `failedBefore` already failed once, retryably, and are due. */
function queueRows(t: Terminal, count: number, failedBefore: readonly boolean[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 2) {
    const app = t.store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const rows = [
      { id: randomUUID(), certificateKind: 'sign' as const, csrDer: csr },
      { id: randomUUID(), certificateKind: 'auth' as const, csrDer: csr },
    ];
    t.store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
    ids.push(...rows.map((r) => r.id));
  }
  ids.forEach((id, i) => {
    if (failedBefore[i] !== true) return;
    t.store.outbox.claimIds([id]);
    t.store.outbox.markRetryable(id, 'EST_SERVER_ERROR', 'earlier', t.clock);
  });
  t.clock += 1000;
  return ids;
}

function snapshot(t: Terminal) {
  return new Map(
    t.store.outbox.list().rows.map((r) => [r.id, { state: r.state, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt, lastErrorCode: r.lastErrorCode, lastErrorMessage: r.lastErrorMessage, updatedAt: r.updatedAt }]),
  );
}

const terminalWide: readonly (() => EstError)[] = [
  () => estError('EST_UNAUTHORIZED', 'HTTP 401', 401),
  () => estError('EST_UNAUTHORIZED', 'HTTP 403', 403),
  () => estError('EST_TLS', 'client certificate refused'),
  () => estError('EST_TRUST', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
  () => estError('EST_CONFIG', 'bad configuration'),
];
const connectivity: readonly (() => EstError)[] = [() => estError('EST_NETWORK', 'ECONNREFUSED'), () => estError('EST_TIMEOUT', 'no answer'), () => estError('EST_NETWORK', 'connection lost (ECONNRESET)')];

const roundShape = fc.record({
  apps: fc.integer({ min: 1, max: 6 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  position: fc.nat({ max: 1000 }),
  failedBefore: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
});

test('a terminal-wide refusal at any position: rows put back exactly as they were, one reason, nothing lost; "send now" then sends all', async () => {
  await fc.assert(
    fc.asyncProperty(roundShape, fc.integer({ min: 0, max: terminalWide.length - 1 }), async (shape, which) => {
      const t = openTerminal();
      try {
        const ids = queueRows(t, shape.apps * 2, shape.failedBefore);
        const failAt = shape.position % ids.length;
        const refusal = terminalWide[which] ?? terminalWide[0];
        if (refusal === undefined) throw new Error('no refusal');
        const code: EstErrorCode = refusal().code;
        const transport = new ScriptedTransport((call) => (call < failAt ? issued() : refusal()));
        const engine = new SyncEngine({ store: t.store, transport, now: () => t.clock, random: () => 0.5, concurrency: shape.concurrency });
        const before = snapshot(t);
        const result = await engine.syncNow();

        expect(result.stoppedBy).toEqual({ scope: 'terminal', code });
        expect(result.issued).toBe(failAt);
        expect(result.permanent + result.retryable + result.pending).toBe(0);
        // Stopped at the first refusal: only requests already in flight went out after it.
        expect(transport.calls.length).toBeLessThanOrEqual(failAt + shape.concurrency);
        const after = snapshot(t);
        expect(after.size).toBe(ids.length);
        let done = 0;
        for (const id of ids) {
          const row = after.get(id);
          if (row?.state === 'done') done += 1;
          else expect(row).toEqual(before.get(id));
        }
        expect(done).toBe(failAt);
        const status = engine.status();
        expect(status).toMatchObject({ failedPermanent: 0, terminalError: { code }, caReachable: false });
        expect(status.lastError).toBeNull();
        expect(t.store.audit.list({ subject: 'ca-connection' }).rows.map((e) => [e.action, e.details['code']])).toEqual([['sync.ca-refused', code]]);

        // The background loop does not hammer a refusing CA: held until its wait is over.
        const held = await engine.syncNow();
        expect(held.attempted + held.untouched).toBe(0);

        // Fixed: the clerk's "send now" tries every row, the reason is cleared and recorded.
        transport.answer = () => issued();
        const resumed = await engine.syncNow({ force: true });
        expect(resumed.issued).toBe(ids.length - failAt);
        expect(t.store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: ids.length, failed_permanent: 0 } });
        expect(engine.status().terminalError).toBeNull();
        expect(t.store.audit.list({ subject: 'ca-connection' }).rows.map((e) => e.action)).toEqual(['sync.ca-refused', 'sync.ca-accepted']);
      } finally {
        t.close();
      }
    }),
    { numRuns: 60 },
  );
});

test('an unreachable CA at any position stops the round at the first failure; rows not tried are untouched', async () => {
  await fc.assert(
    fc.asyncProperty(roundShape, fc.integer({ min: 0, max: connectivity.length - 1 }), async (shape, which) => {
      const t = openTerminal();
      try {
        const ids = queueRows(t, shape.apps * 2, shape.failedBefore);
        const failAt = shape.position % ids.length;
        const outage = connectivity[which] ?? connectivity[0];
        if (outage === undefined) throw new Error('no outage');
        const code = outage().code;
        const transport = new ScriptedTransport((call) => (call < failAt ? issued() : outage()));
        const engine = new SyncEngine({ store: t.store, transport, now: () => t.clock, random: () => 0.5, concurrency: shape.concurrency });
        const before = snapshot(t);
        const result = await engine.syncNow();

        expect(result.stoppedBy).toEqual({ scope: 'connectivity', code });
        expect(result.issued).toBe(failAt);
        expect(result.permanent).toBe(0);
        expect(transport.calls.length).toBeLessThanOrEqual(failAt + shape.concurrency);
        const tried = new Set(transport.calls.slice(failAt));
        const after = snapshot(t);
        for (const id of ids) {
          const was = before.get(id);
          const now = after.get(id);
          if (now?.state === 'done') continue;
          if (tried.has(id)) expect(now).toMatchObject({ state: 'failed_retryable', attempts: (was?.attempts ?? 0) + 1, lastErrorCode: code });
          else expect(now).toEqual(was);
        }
        expect(t.store.outbox.stats().counts).toMatchObject({ done: failAt, failed_permanent: 0 });
        expect(engine.status()).toMatchObject({ caReachable: false, terminalError: null, lastError: { code } });

        // Back: an explicit send tries every row, whatever its backoff.
        transport.answer = () => issued();
        await engine.syncNow({ force: true });
        expect(t.store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: ids.length, failed_permanent: 0 } });
      } finally {
        t.close();
      }
    }),
    { numRuns: 60 },
  );
});

test('the CA killed in the middle of a round: in-flight rows are retried, the rest wait untouched, nothing is lost', async () => {
  const t = openTerminal();
  try {
    const ids = queueRows(t, 12, []);
    // Calls 0–3 issue; the CA dies while 4 and 5 are on the wire (answer cut, then reset); after that, refused.
    const transport = new ScriptedTransport((call) => (call < 4 ? issued() : call === 4 ? estError('EST_BAD_RESPONSE', 'answer cut off') : estError('EST_NETWORK', 'ECONNREFUSED')));
    const engine = new SyncEngine({ store: t.store, transport, now: () => t.clock, random: () => 0.5, concurrency: 2 });
    const result = await engine.syncNow();
    expect(result).toMatchObject({ issued: 4, permanent: 0, stoppedBy: { scope: 'connectivity', code: 'EST_NETWORK' } });
    expect(transport.calls.length).toBeLessThanOrEqual(7);
    const rows = t.store.outbox.list().rows;
    expect(rows).toHaveLength(ids.length);
    const untried = rows.filter((r) => !transport.calls.includes(r.id));
    expect(untried.length).toBeGreaterThanOrEqual(ids.length - 7);
    for (const r of untried) expect(r).toMatchObject({ state: 'pending', attempts: 0, lastErrorCode: null });
  } finally {
    t.close();
  }
});

test('outage → rows backed off up to 15 min → CA back → an explicit send delivers all, whatever their backoff', async () => {
  const t = openTerminal();
  try {
    const ids = queueRows(t, 8, []);
    let isDown = true;
    const transport = new ScriptedTransport(() => (isDown ? estError('EST_NETWORK', 'ECONNREFUSED') : issued()));
    // A long outage: each row's backoff is at the 15-minute ceiling from its first failure.
    const backoff = { ...defaultBackoff, baseMs: defaultBackoff.capMs };
    const engine = new SyncEngine({ store: t.store, transport, now: () => t.clock, random: () => 0.999, concurrency: 1, backoff });
    // Background rounds: one row each (the round stops at the first failure), then the engine's own hold.
    for (let i = 0; i < 40 && t.store.outbox.list({ states: ['pending'] }).rows.length > 0; i += 1) {
      await engine.syncNow();
      t.clock += 31_000;
    }
    const backedOff = t.store.outbox.list().rows;
    expect(backedOff.map((r) => r.state)).toEqual(ids.map(() => 'failed_retryable'));
    expect(backedOff.every((r) => r.attempts === 1 && r.nextAttemptAt - t.clock > 10 * 60_000)).toBe(true);

    isDown = false;
    const result = await engine.syncNow({ force: true });
    expect(result).toMatchObject({ issued: ids.length, stoppedBy: null });
    expect(t.store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: ids.length } });
  } finally {
    t.close();
  }
});

test('the background engine notices the probe reach the CA and sends without waiting for the rows’ backoff', async () => {
  const t = openTerminal(true);
  try {
    const ids = queueRows(t, 6, []);
    let isDown = true;
    let probes = 0;
    const transport = new ScriptedTransport(() => (isDown ? estError('EST_NETWORK', 'ECONNREFUSED') : issued()));
    const probe = () => {
      probes += 1;
      return isDown ? Promise.reject(estError('EST_NETWORK', 'ECONNREFUSED')) : Promise.resolve();
    };
    // Real time for the loop; the rows' own backoff is the 15-minute ceiling from the first failure.
    const options = { store: t.store, transport, random: () => 0.999, idleIntervalMs: 10, concurrency: 2, backoff: { ...defaultBackoff, baseMs: defaultBackoff.capMs } };
    // The outage as an earlier process lived it: every row tried once and backed off.
    const earlier = new SyncEngine(options);
    for (let i = 0; i < 40 && t.store.outbox.list({ states: ['pending'] }).rows.length > 0; i += 1) {
      await earlier.syncNow();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const engine = new SyncEngine({ ...options, probe });
    const now = Date.now();
    expect(t.store.outbox.list().rows.every((r) => r.state === 'failed_retryable' && r.nextAttemptAt - now > 10 * 60_000)).toBe(true);

    probes = 0;
    engine.start();
    await waitFor(() => (probes >= 2 ? true : undefined));
    expect(t.store.outbox.stats().counts.done).toBe(0);
    isDown = false;
    await waitFor(() => (t.store.outbox.stats().depth === 0 ? true : undefined));
    await engine.stop();
    expect(t.store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: ids.length, failed_permanent: 0 } });
    expect(engine.status()).toMatchObject({ caReachable: true, terminalError: null });
  } finally {
    t.close();
  }
});

test('a visit’s own rows are still tried at once while the background is held after an outage', async () => {
  const t = openTerminal();
  try {
    const ids = queueRows(t, 2, []);
    let isDown = true;
    const transport = new ScriptedTransport(() => (isDown ? estError('EST_NETWORK', 'ECONNREFUSED') : issued()));
    const engine = new SyncEngine({ store: t.store, transport, now: () => t.clock, random: () => 0.5, concurrency: 2 });
    await engine.syncNow();
    isDown = false;
    const first = ids[0] ?? '';
    await engine.deliverFirst([first]);
    expect(t.store.outbox.get(first).state).toBe('done');
  } finally {
    t.close();
  }
});

/** Polls `check` every 10 ms, at most 1000 times (10 s). */
async function waitFor<T>(check: () => T | undefined): Promise<T> {
  for (let i = 0; i < 1000; i += 1) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 1000 polls');
}
