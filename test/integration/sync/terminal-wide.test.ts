/**
 * Against the real reference CA over HTTPS on 127.0.0.1: a refusal of the
 * terminal (401, 403, a CA certificate that is not the pinned one, an expired client
 * certificate) and an unreachable CA (closed port, CA stopped mid-round), each at the first,
 * a middle and the last row of a round. No row ever becomes failed_permanent from such a cause,
 * no attempt is counted for a refused row, nothing is lost; once fixed, one explicit send
 * delivers every row exactly once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { certPem, keyToPem, loadKeyedCertificate, tlsLeaf } from '../../../src/ca/cert-factory';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { caLabels, type CaLabel } from '../../../src/domain/vocabulary';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient, type EnrollResult } from '../../../src/sync/est-client';
import { SyncEngine, type EnrollTransport } from '../../../src/sync/sync-engine';
import { DroppingProxy } from './dropping-proxy';
import { queueIssuance, trainingTerminalId } from './queued-issuance';

jest.setTimeout(240_000);

const basicInfo = { name: '研修 花子', address: '岐阜県各務原市那加桜町1丁目69番地', birthDate: '1990-05-10', sex: '2' } as const;
const rowsPerRound = 4;
const positions = [
  ['first', 0],
  ['middle', 2],
  ['last', rowsPerRound - 1],
] as const;

let root: string;
let ca: ReferenceCa;
let other: ReferenceCa;
let db: Database;
let store: Store;

interface QueuedRow {
  readonly id: string;
  readonly label: CaLabel;
  readonly spkiSha256: string;
}

async function queueRows(): Promise<QueuedRow[]> {
  const queued: QueuedRow[] = [];
  for (let i = 0; i < rowsPerRound; i += 2) {
    const { rows } = await queueIssuance(store, basicInfo);
    queued.push(...rows.map((r) => ({ id: r.id, label: caLabels[r.kind], spkiSha256: r.spkiSha256 })));
  }
  return queued;
}

function client(url: string, overrides: { trustAnchorPem?: string; clientCertPem?: string; clientKeyPem?: string } = {}): EstClient {
  return new EstClient({ url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem, connectTimeoutMs: 3000, responseTimeoutMs: 20_000, ...overrides });
}

/** The good client for the first `after` requests, then `bad`: the fault appears mid-round. */
class SwitchingTransport implements EnrollTransport {
  calls = 0;
  constructor(
    private readonly good: EstClient,
    private readonly bad: () => EstClient,
    private readonly after: number,
    private readonly onSwitch: () => Promise<void> = () => Promise.resolve(),
  ) {}
  async simpleEnroll(label: CaLabel, csrDer: Uint8Array, key: string): Promise<EnrollResult> {
    this.calls += 1;
    if (this.calls === this.after + 1) await this.onSwitch();
    return (this.calls <= this.after ? this.good : this.bad()).simpleEnroll(label, csrDer, key);
  }
}

function snapshot() {
  return new Map(store.outbox.list().rows.map((r) => [r.id, { state: r.state, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt, lastErrorCode: r.lastErrorCode, updatedAt: r.updatedAt }]));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-terminal-wide-'));
  ca = await startReferenceCa({ dataDir: join(root, 'ca'), port: 0 });
  // Another CA's TLS material: a server certificate the terminal does not pin.
  other = await startReferenceCa({ dataDir: join(root, 'other'), port: 0 });
});

afterAll(async () => {
  await ca.close();
  await other.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(root, 'terminal-')), 'madoguchi.sqlite')).db;
  store = new Store(db);
});
afterEach(() => db.close());

/** Checks the round after the fault, then fixes it and sends everything once. */
async function expectStoppedAndRecovered(rows: readonly QueuedRow[], before: ReturnType<typeof snapshot>, engine: SyncEngine, sent: number, scope: 'terminal' | 'connectivity', code: string, triedAfterFault: number) {
  const after = snapshot();
  expect(after.size).toBe(rows.length);
  expect(store.outbox.stats().counts).toMatchObject({ done: sent, failed_permanent: 0 });
  const changed = rows.filter((r) => after.get(r.id)?.state !== 'done' && JSON.stringify(after.get(r.id)) !== JSON.stringify(before.get(r.id)));
  if (scope === 'terminal') {
    // Put back exactly as they were: no attempt counted, no backoff, no state change.
    expect(changed).toEqual([]);
    expect(engine.status()).toMatchObject({ terminalError: { code }, failedPermanent: 0 });
  } else {
    // Only the row that met the outage is marked (retryable); the round stopped there.
    expect(changed.length).toBeLessThanOrEqual(triedAfterFault);
    for (const r of changed) expect(after.get(r.id)).toMatchObject({ state: 'failed_retryable', attempts: 1, lastErrorCode: code });
    expect(engine.status()).toMatchObject({ caReachable: false, terminalError: null });
  }
}

async function recover(rows: readonly QueuedRow[]) {
  const good = client(ca.url);
  try {
    const engine = new SyncEngine({ store, transport: good, concurrency: 1 });
    const result = await engine.syncNow({ force: true });
    expect(result.stoppedBy).toBeNull();
    expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: rows.length, failed_permanent: 0 } });
    // Exactly once at the CA, whatever happened before.
    for (const r of rows) expect(ca.service.certificatesForKey(r.label, r.spkiSha256)).toHaveLength(1);
  } finally {
    good.close();
  }
}

describe.each([401, 403] as const)('HTTP %i from the CA', (status) => {
  test.each(positions)('at the %s row: the round stops, every other row as it was', async (_name, position) => {
    const proxy = new DroppingProxy(
      { serverCertPem: readFileSync(ca.files.serverCert, 'utf8'), serverKeyPem: readFileSync(ca.files.serverKey, 'utf8'), tlsCaPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem },
      ca.port,
    );
    await proxy.listen();
    proxy.refuseStatus = status;
    proxy.refuseAfter = position;
    const viaGateway = client(proxy.url);
    try {
      const rows = await queueRows();
      const before = snapshot();
      const engine = new SyncEngine({ store, transport: viaGateway, concurrency: 1 });
      const result = await engine.syncNow();
      expect(result).toMatchObject({ issued: position, permanent: 0, stoppedBy: { scope: 'terminal', code: 'EST_UNAUTHORIZED' } });
      expect(proxy.enrolls).toBe(position + 1);
      await expectStoppedAndRecovered(rows, before, engine, position, 'terminal', 'EST_UNAUTHORIZED', 1);
      await recover(rows);
    } finally {
      viaGateway.close();
      await proxy.close();
    }
  });
});

const faults = [
  ['a CA certificate that is not the pinned one', 'terminal', 'EST_TRUST', () => client(ca.url, { trustAnchorPem: other.tlsCaPem })],
  [
    'an expired client certificate',
    'terminal',
    'EST_TLS',
    () => {
      const clientCa = loadKeyedCertificate(readFileSync(ca.files.clientCaCert, 'utf8'), readFileSync(ca.files.clientCaKey, 'utf8'));
      const expired = tlsLeaf(clientCa, { subject: [{ type: 'OU', value: '21213' }, { type: 'CN', value: trainingTerminalId }], purpose: 'client', years: 1 }, new Date(Date.now() - 3 * 365 * 86_400_000));
      return client(ca.url, { clientCertPem: certPem(expired), clientKeyPem: keyToPem(expired.key) });
    },
  ],
] as const;

describe.each(faults)('%s', (_name, scope, code, makeBad) => {
  test.each(positions)('at the %s row', async (_position, position) => {
    const good = client(ca.url);
    const bad = makeBad();
    try {
      const rows = await queueRows();
      const before = snapshot();
      const engine = new SyncEngine({ store, transport: new SwitchingTransport(good, () => bad, position), concurrency: 1 });
      const result = await engine.syncNow();
      expect(result).toMatchObject({ issued: position, permanent: 0, stoppedBy: { scope, code } });
      await expectStoppedAndRecovered(rows, before, engine, position, scope, code, 1);
      await recover(rows);
    } finally {
      good.close();
      bad.close();
    }
  });
});

test.each(positions)('a closed port at the %s row: the round stops at the first failure', async (_name, position) => {
  const good = client(ca.url);
  const bad = client(`https://127.0.0.1:${await closedPort()}`);
  try {
    const rows = await queueRows();
    const before = snapshot();
    const engine = new SyncEngine({ store, transport: new SwitchingTransport(good, () => bad, position), concurrency: 1 });
    const result = await engine.syncNow();
    expect(result).toMatchObject({ issued: position, permanent: 0, retryable: 1, stoppedBy: { scope: 'connectivity', code: 'EST_NETWORK' } });
    await expectStoppedAndRecovered(rows, before, engine, position, 'connectivity', 'EST_NETWORK', 1);
    await recover(rows);
  } finally {
    good.close();
    bad.close();
  }
});

test.each(positions)('the CA stopped at the %s row (then back on its port): nothing lost, each issued once', async (_name, position) => {
  const dataDir = join(root, `stopped-${position}`);
  let own = await startReferenceCa({ dataDir, port: 0 });
  const port = own.port;
  const viaOwn = new EstClient({ url: own.url, trustAnchorPem: own.tlsCaPem, clientCertPem: own.clientCertPem, clientKeyPem: own.clientKeyPem, connectTimeoutMs: 3000, responseTimeoutMs: 20_000 });
  try {
    const rows = await queueRows();
    const before = snapshot();
    const engine = new SyncEngine({ store, transport: new SwitchingTransport(viaOwn, () => viaOwn, position, () => own.close()), concurrency: 1 });
    const result = await engine.syncNow();
    expect(result).toMatchObject({ issued: position, permanent: 0, stoppedBy: { scope: 'connectivity', code: 'EST_NETWORK' } });
    await expectStoppedAndRecovered(rows, before, engine, position, 'connectivity', 'EST_NETWORK', 1);

    own = await startReferenceCa({ dataDir, port });
    const back = await engine.syncNow({ force: true });
    expect(back).toMatchObject({ stoppedBy: null, issued: rowsPerRound - position });
    expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: rowsPerRound, failed_permanent: 0 } });
    for (const r of rows) expect(own.service.certificatesForKey(r.label, r.spkiSha256)).toHaveLength(1);
  } finally {
    viaOwn.close();
    await own.close();
  }
});
