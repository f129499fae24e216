/**
 * In-process issuance harness: the real virtual card engine through the direct transport, a
 * real reference CA on 127.0.0.1 (ephemeral port), a real SQLite file, the real sync engine.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { CardModel } from '../../../src/card/card-model';
import { DirectTransport } from '../../../src/card/direct-transport';
import { issuerSignerFromPem } from '../../../src/card/issuer';
import type { IssuanceContext } from '../../../src/issuance/context';
import type { ApplicationRequest } from '../../../src/issuance/application-request';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import { createCardState, type CardFacts } from '../../../src/virtual-card/card-state';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';

export const signPassword = 'SECRET7PW';
export const authPin = '8642';

export function secrets(kinds: readonly ('sign' | 'auth')[] = ['sign', 'auth']) {
  return {
    ...(kinds.includes('sign') ? { sign: new Uint8Array(Buffer.from(signPassword, 'latin1')) } : {}),
    ...(kinds.includes('auth') ? { auth: new Uint8Array(Buffer.from(authPin, 'latin1')) } : {}),
  };
}

export interface Harness {
  readonly dir: string;
  readonly ca: ReferenceCa;
  readonly store: Store;
  readonly databaseFile: string;
  readonly issuerPrivate: KeyObject;
  readonly issuerPublicPem: string;
  /** A context whose CA answers; `offline()` one whose CA port refuses connections. */
  online(now?: Date, store?: Store): IssuanceContext;
  offline(now?: Date): IssuanceContext;
  newCard(overrides?: Partial<CardFacts>): { engine: VirtualCardEngine; card: CardModel };
  close(): Promise<void>;
}

let serialCounter = 100000000000000;

export function facts(overrides: Partial<CardFacts> = {}): CardFacts {
  serialCounter += 1;
  return {
    serial: String(serialCounter),
    municipalityCode: '21213',
    cardExpiry: '20350217',
    individualNumber: '123456789018',
    basicInfo: { name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1980-02-17', sex: '2' },
    cardInfoPin: '1234',
    training: true,
    ...overrides,
  };
}

export function issueRequest(overrides: Partial<ApplicationRequest> = {}): ApplicationRequest {
  return {
    procedure: 'issue',
    applicantType: 'self',
    clerkId: 'clerk-7',
    documents: ['myNumberCard', 'applicationForm'],
    certificates: ['sign', 'auth'],
    basicInfo: { name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '1980-02-17', sex: '2' },
    applicant: { adultWard: false, domicileInCity: true, reissuedCard: false },
    ...overrides,
  };
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-issuance-'));
  const ca = await startReferenceCa({ dataDir: join(dir, 'ca'), port: 0 });
  const databaseFile = join(dir, 'terminal.sqlite');
  const { db } = openDatabase(databaseFile);
  const store = new Store(db);
  const mainStore = store;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuerPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const issuerPublicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  // A "CA" that hangs up on every connection: an outage without a fixed port.
  const down: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
  const downUrl = `https://127.0.0.1:${(down.address() as AddressInfo).port}`;
  const clients: EstClient[] = [];
  const context = (url: string, now: Date | undefined, store: Store = mainStore): IssuanceContext => {
    const client = new EstClient({ url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem, connectTimeoutMs: 2000, responseTimeoutMs: 10_000 });
    clients.push(client);
    const engine = new SyncEngine({ store, transport: client, concurrency: 2 });
    return {
      store,
      issuer: issuerSignerFromPem(issuerPem),
      terminalId: 'training-terminal',
      municipalityCode: '21213',
      now: () => now ?? new Date(),
      deliverNow: async () => {
        await engine.syncNow().catch(() => undefined);
      },
      ca: client,
    };
  };
  return {
    dir,
    ca,
    store,
    databaseFile,
    issuerPrivate: privateKey,
    issuerPublicPem,
    online: (now, other) => context(ca.url, now, other),
    offline: (now) => context(downUrl, now),
    newCard(overrides = {}) {
      const engine = VirtualCardEngine.fromState(createCardState(facts({ trustedIssuerKeys: [issuerPublicPem], ...overrides })));
      return { engine, card: new CardModel(new DirectTransport(engine)) };
    },
    async close() {
      for (const client of clients) client.close();
      db.close();
      await ca.close();
      await new Promise<void>((resolve) => down.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Latin-1 bytes of a password, as the keypad hands them over. */
export const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** Registers beforeAll/afterAll for one harness shared by the file's tests; `ready` receives it. */
export function useHarness(ready: (harness: Harness) => void): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    ready(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
}
