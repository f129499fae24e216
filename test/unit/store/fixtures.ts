import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { NewApplication } from '../../../src/store/applications-repo';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sampleApplication(overrides: Partial<NewApplication> = {}): NewApplication {
  return {
    id: randomUUID(),
    procedure: 'issue',
    applicantType: 'self',
    documents: ['applicationForm'],
    clerkId: 'clerk-1',
    cardSerial: 'SERIAL0001',
    certificateKinds: ['sign', 'auth'],
    state: 'card_prepared',
    feeYen: 0,
    basicInfo: { name: '研修 太郎', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '1' },
    spkiSha256: { sign: 'a'.repeat(64), auth: 'b'.repeat(64) },
    expiry: { sign: null, auth: null },
    errorCode: null,
    ...overrides,
  };
}

export function fakeCsr(seed: string): Uint8Array {
  return new Uint8Array(Buffer.from(`30-fake-csr-${seed}`));
}

/** Registers beforeAll/afterAll for one store on a real SQLite file shared by the file's tests; `ready` receives it and its directory. */
export function useFileStore(prefix: string, ready: (file: { dir: string; store: Store }) => void): void {
  let dir: string | undefined;
  let db: Database | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `madoguchi-${prefix}-`));
    db = openDatabase(join(dir, 'madoguchi.sqlite')).db;
    ready({ dir, store: new Store(db) });
  });
  afterAll(() => {
    db?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
}

export interface TestStore {
  readonly dir: string;
  readonly db: Database;
  readonly store: Store;
}

/**
 * Registers beforeEach/afterEach for a fresh store per test on a SQLite file (`file` in a new
 * temporary directory), on the test's clock when `now` is given; `ready` receives it.
 */
export function useTestStore(options: { readonly file: string; readonly now?: () => number; readonly ready: (test: TestStore) => void }): void {
  let t: ReturnType<typeof tempDir> | undefined;
  let db: Database | undefined;
  beforeEach(() => {
    t = tempDir();
    db = openDatabase(join(t.dir, options.file)).db;
    options.ready({ dir: t.dir, db, store: options.now === undefined ? new Store(db) : new Store(db, options.now) });
  });
  afterEach(() => {
    db?.close();
    t?.cleanup();
  });
}
