import type { Store } from '../../../src/store/unit-of-work';
import { backoffDelay, defaultBackoff } from '../../../src/sync/backoff';
import type { EstClient } from '../../../src/sync/est-client';
import { SyncEngine, type SyncStatus } from '../../../src/sync/sync-engine';
import { queueSample, useEstRig, type EstRig } from './est-rig';
import type { FakeEstServer } from './fake-est-server';

jest.setTimeout(60_000);

let store: Store;
let server: FakeEstServer;
let client: EstClient;
let clock: number;
let rig: EstRig;

beforeEach(() => {
  clock = 1_800_000_000_000;
});

useEstRig({ prefix: 'sync', csrs: 8, responseTimeoutMs: 1000, now: () => clock, ready: (r) => ({ store, server, client } = rig = r) });

/** One queued application with a sign and an auth request. */
function queue(): { appId: string; sign: string; auth: string } {
  return queueSample(rig);
}

function engine(overrides: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {}) {
  return new SyncEngine({ store, transport: client, now: () => clock, random: () => 0.5, concurrency: 3, ...overrides });
}

test('delivers every due row, moves the application to issued, and keeps the certificate', async () => {
  const a = queue();
  const b = queue();
  const result = await engine().syncNow();
  expect(result).toEqual({ attempted: 4, issued: 4, revoked: 0, pending: 0, retryable: 0, permanent: 0, untouched: 0, stoppedBy: null });
  for (const id of [a.appId, b.appId]) expect(store.applications.get(id).state).toBe('issued');
  const row = store.outbox.get(a.sign);
  expect(row.state).toBe('done');
  expect(row.certificateSerial).toMatch(/^[0-9A-F]+$/);
  expect(row.notAfter).toBe('2031-05-10T14:59:59.000Z');
  expect(row.responseDer?.length).toBeGreaterThan(100);
  expect(store.applications.get(a.appId).expiry).toEqual({ sign: '2031-05-10', auth: '2031-05-10' });
});

test('one bad row neither blocks nor loses the others; permanent and retryable rows are marked', async () => {
  const good = queue();
  const bad = queue();
  server.byKey.set(bad.sign, ['status422']);
  server.byKey.set(bad.auth, ['status500']);
  const result = await engine().syncNow();
  expect(result).toMatchObject({ attempted: 4, issued: 2, retryable: 1, permanent: 1 });
  expect(store.applications.get(good.appId).state).toBe('issued');
  expect(store.applications.get(bad.appId).state).toBe('queued');
  expect(store.outbox.get(bad.sign)).toMatchObject({ state: 'failed_permanent', lastErrorCode: 'EST_IDEMPOTENCY_CONFLICT' });
  const retry = store.outbox.get(bad.auth);
  expect(retry).toMatchObject({ state: 'failed_retryable', lastErrorCode: 'EST_SERVER_ERROR', attempts: 1 });
  // Full jitter with random 0.5 on the first attempt: half the base delay.
  expect(retry.nextAttemptAt).toBe(clock + Math.floor(0.5 * defaultBackoff.baseMs));
  expect(store.outbox.list().rows).toHaveLength(4);
});

test('a retryable row is sent again once due, with the same Idempotency-Key and bytes', async () => {
  const q = queue();
  server.byKey.set(q.sign, ['status500', 'ok']);
  const e = engine();
  await e.syncNow();
  expect(store.outbox.get(q.sign).state).toBe('failed_retryable');
  expect((await e.syncNow()).attempted).toBe(0);
  clock += defaultBackoff.baseMs;
  await e.syncNow();
  expect(store.outbox.get(q.sign)).toMatchObject({ state: 'done', attempts: 2 });
  const sent = server.seen.filter((s) => s.idempotencyKey === q.sign);
  expect(sent).toHaveLength(2);
  expect(sent[0]?.body).toBe(sent[1]?.body);
  expect(store.applications.get(q.appId).state).toBe('issued');
});

test.each([
  ['status429', 'EST_RATE_LIMITED'],
  ['status202', 'EST_PENDING'],
  ['status503', 'EST_SERVER_ERROR'],
] as const)('Retry-After on %s decides the next attempt', async (behaviour, code) => {
  const q = queue();
  server.retryAfter = '120';
  server.byKey.set(q.sign, [behaviour]);
  await engine().syncNow();
  expect(store.outbox.get(q.sign)).toMatchObject({ state: 'failed_retryable', lastErrorCode: code, nextAttemptAt: clock + 120_000 });
});

test('wrong chain and wrong key are permanent, with a code (no words) in the status', async () => {
  const q = queue();
  server.byKey.set(q.sign, ['wrongChain']);
  server.byKey.set(q.auth, ['otherKey']);
  const e = engine({ concurrency: 1 });
  const seen: SyncStatus[] = [];
  const unsubscribe = e.onStatus((s) => seen.push(s));
  await e.syncNow();
  unsubscribe();
  expect(store.outbox.get(q.sign)).toMatchObject({ state: 'failed_permanent', lastErrorCode: 'EST_WRONG_CHAIN' });
  expect(store.outbox.get(q.auth)).toMatchObject({ state: 'failed_permanent', lastErrorCode: 'EST_KEY_MISMATCH' });
  const last = seen.at(-1);
  expect(last).toMatchObject({ depth: 0, failedPermanent: 2, caReachable: true });
  expect(['EST_WRONG_CHAIN', 'EST_KEY_MISMATCH']).toContain(last?.lastError?.code);
  expect(Object.keys(last?.lastError ?? {}).sort()).toEqual(['at', 'code', 'outboxId']);
  const count = seen.length;
  await e.syncNow();
  expect(seen).toHaveLength(count);
});

test('garbage, truncated DER and timeouts are retried, nothing is lost', async () => {
  const q = queue();
  const r = queue();
  server.byKey.set(q.sign, ['garbage']);
  server.byKey.set(q.auth, ['truncated']);
  server.byKey.set(r.sign, ['silence']);
  const e = engine();
  const first = await e.syncNow();
  expect(first.retryable).toBeGreaterThanOrEqual(2);
  clock += defaultBackoff.capMs;
  await e.syncNow();
  clock += defaultBackoff.capMs;
  await e.syncNow();
  expect(store.outbox.stats().counts).toMatchObject({ done: 4 });
  expect(store.applications.get(q.appId).state).toBe('issued');
  expect(store.applications.get(r.appId).state).toBe('issued');
});

test('CA down: rows wait with backoff and status says unreachable; CA back: each issued exactly once', async () => {
  const queued = [queue(), queue(), queue()];
  const port = server.port;
  await server.close();
  const e = engine();
  const statuses: SyncStatus[] = [];
  e.onStatus((s) => statuses.push(s));
  const down = await e.syncNow();
  expect(down.issued).toBe(0);
  expect(down.retryable).toBeGreaterThan(0);
  expect(statuses.at(-1)).toMatchObject({ caReachable: false, depth: 6, lastError: { code: 'EST_NETWORK' } });
  expect(store.outbox.stats().counts.done).toBe(0);
  await server.listen(port);
  for (let i = 0; i < 5 && store.outbox.stats().depth > 0; i += 1) {
    clock += defaultBackoff.capMs;
    await e.syncNow();
  }
  expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: 6 } });
  expect(server.issuedCount).toBe(6);
  for (const q of queued) expect(store.applications.get(q.appId).state).toBe('issued');
  expect(statuses.at(-1)).toMatchObject({ caReachable: true, depth: 0 });
});

test('start() delivers in the background and stop() ends the loop', async () => {
  const q = queue();
  const e = new SyncEngine({ store, transport: client, idleIntervalMs: 50 });
  const done = new Promise<void>((resolve) => {
    e.onStatus((s) => {
      if (s.depth === 0) resolve();
    });
  });
  e.start();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('not delivered in 10 s')), 10_000)))]);
  } finally {
    clearTimeout(timer);
  }
  await e.stop();
  expect(e.status().running).toBe(false);
  expect(store.applications.get(q.appId).state).toBe('issued');
});

test('backoff grows exponentially with full jitter and is capped', () => {
  expect(backoffDelay(1, () => 1)).toBe(defaultBackoff.baseMs);
  expect(backoffDelay(3, () => 1)).toBe(defaultBackoff.baseMs * 4);
  expect(backoffDelay(50, () => 1)).toBe(defaultBackoff.capMs);
  expect(backoffDelay(5, () => 0)).toBe(defaultBackoff.minMs);
  expect(backoffDelay(4, () => 0.25)).toBe(Math.floor(0.25 * defaultBackoff.baseMs * 8));
});

test('with nothing to send, a round probes the CA so the status says online or offline', async () => {
  const e = engine({ probe: () => client.cacerts('jpki-sign') });
  expect(e.status().caReachable).toBeNull();
  const idle = await e.syncNow();
  expect(idle.attempted).toBe(0);
  expect(e.status().caReachable).toBe(true);

  await server.close();
  await e.syncNow();
  expect(e.status()).toMatchObject({ caReachable: false, depth: 0 });

  // Without a probe an idle round leaves the last known reachability alone.
  const unprobed = engine();
  await unprobed.syncNow();
  expect(unprobed.status().caReachable).toBeNull();
});

describe('a visit is delivered first', () => {
  /** 30 older applications: 60 rows due before the visit's. */
  function backlogThenVisit(): { backlog: string[]; visit: { appId: string; sign: string; auth: string } } {
    const backlog: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const q = queue();
      backlog.push(q.sign, q.auth);
      clock += 1000;
    }
    clock += 60_000;
    return { backlog, visit: queue() };
  }

  test('syncNow({ first }) sends the visit’s rows before 60 older ones, in the same round', async () => {
    const { backlog, visit } = backlogThenVisit();
    const result = await engine({ concurrency: 2 }).syncNow({ first: [visit.sign, visit.auth] });
    expect(result).toMatchObject({ attempted: 62, issued: 62 });
    expect(server.seen.slice(0, 2).map((s) => s.idempotencyKey).sort()).toEqual([visit.sign, visit.auth].sort());
    expect(server.seen.slice(2).map((s) => s.idempotencyKey).sort()).toEqual([...backlog].sort());
    expect(store.applications.get(visit.appId).state).toBe('issued');
  });

  test('deliverFirst resolves once the visit’s rows are sent, while the backlog is still waiting', async () => {
    const { visit } = backlogThenVisit();
    const e = engine({ concurrency: 2 });
    await e.deliverFirst([visit.sign, visit.auth]);
    expect(store.applications.get(visit.appId).state).toBe('issued');
    expect(store.outbox.stats().depth).toBeGreaterThan(0);
    await e.syncNow();
    expect(store.outbox.stats().depth).toBe(0);
    expect(server.seen.slice(0, 2).map((s) => s.idempotencyKey).sort()).toEqual([visit.sign, visit.auth].sort());
  });

  test('a CA that is down: deliverFirst still resolves, the rows stay queued for later', async () => {
    const { visit } = backlogThenVisit();
    server.fallback = 'status503';
    const e = engine({ concurrency: 2 });
    await e.deliverFirst([visit.sign, visit.auth]);
    expect(store.outbox.get(visit.sign).state).toBe('failed_retryable');
    expect(store.applications.get(visit.appId).state).toBe('queued');
    await e.stop();
  });
});
