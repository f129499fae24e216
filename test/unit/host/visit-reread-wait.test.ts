/**
 * After a visit the host reads the card again; a clerk who starts the next procedure at once
 * waits for that read instead of getting VISIT_BUSY (or a failed procedure). A real virtual card
 * over DirectTransport and a real store, as the controller's other tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReaderInfo } from '../../../src/api/contract';
import type { ProcedureOutcome } from '../../../src/api/visit';
import type { CardSession, ReaderWatch } from '../../../src/host/host-types';
import { VisitController, type VisitHost } from '../../../src/host/visit-controller';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { blankState, directCard, issuerKey } from '../card/support';

const reader = 'Virtual PCD 00 00';
const clerk = { id: 'c01', name: 'Clerk One' };
const outcome: ProcedureOutcome = { procedure: 'pickUp', applications: [], receipts: [] };

class OneReader implements ReaderWatch {
  #readers: ReaderInfo[] = [{ name: reader, hasCard: false }];
  readonly #listeners = new Set<(readers: readonly ReaderInfo[]) => void>();
  list(): readonly ReaderInfo[] {
    return this.#readers;
  }
  onChange(listener: (readers: readonly ReaderInfo[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  insert(): void {
    this.#readers = [{ name: reader, hasCard: true }];
    for (const listener of this.#listeners) listener(this.#readers);
  }
}

let dir: string;
let store: Store;
let closeDb: () => void;
let controller: VisitController | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reread-'));
  const { db } = openDatabase(join(dir, 'madoguchi.sqlite'));
  store = new Store(db);
  closeDb = () => db.close();
});
afterAll(() => {
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await controller?.close();
  controller = undefined;
});

function build(): { controller: VisitController; readers: OneReader; runs: number[] } {
  const { card } = directCard(blankState(issuerKey(), { cardInfoPin: '1357' }));
  const readers = new OneReader();
  const runs: number[] = [];
  const host: VisitHost = {
    terminal: { terminalId: 't1', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: true },
    timeouts: { applicantIdleMs: 60_000, applicantWarningMs: 20_000, clerkIdleMs: 600_000 },
    store,
    readers,
    sync: { status: () => ({ running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: true, lastError: null, terminalError: null }) },
    verifyClerk: (_clerkId, pin) => {
      pin.fill(0);
      return Promise.resolve(clerk);
    },
    openCard: (name): Promise<CardSession> => Promise.resolve({ reader: name, card, close: () => Promise.resolve() }),
    runProcedure: () => {
      runs.push(runs.length + 1);
      return Promise.resolve(outcome);
    },
  };
  controller = new VisitController(host);
  return { controller, readers, runs };
}

/** Bounded in count: card reads settle within a few turns of the event loop. */
async function reach(c: VisitController, step: string): Promise<void> {
  for (let i = 0; i < 500 && c.state.step !== step; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(c.state.step).toBe(step);
}

test('a procedure chosen while the card is being read again after the last one waits for the read and runs', async () => {
  const { controller: c, readers, runs } = build();
  await c.signIn(clerk.id, new Uint8Array([0x39]));
  readers.insert();
  await reach(c, 'cardPresent');
  c.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await c.settled();
  expect(c.state.step).toBe('done');
  // Back to the card: the host starts reading it again at once, and the clerk clicks straight away.
  c.send({ type: 'finish' });
  expect(c.state.step).toBe('cardPresent');
  c.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await c.settled();
  expect(c.state).toMatchObject({ step: 'done' });
  expect(runs).toEqual([1, 2]);
});

test('the card-info PIN typed while the card is being read again is not refused as busy', async () => {
  const { controller: c, readers } = build();
  await c.signIn(clerk.id, new Uint8Array([0x39]));
  readers.insert();
  await reach(c, 'cardPresent');
  c.send({ type: 'chooseProcedure', procedure: 'pickUp' });
  await c.settled();
  c.send({ type: 'finish' });
  c.send({ type: 'readCardInfo' });
  const pin = new Uint8Array(Buffer.from('1357', 'latin1'));
  await expect(c.cardInfoPin(pin, false)).resolves.toMatchObject({ step: 'identity' });
  expect([...pin]).toEqual([0, 0, 0, 0]);
});
