/**
 * After a visit the host reads the card again; a clerk who starts the next procedure at once
 * waits for that read instead of getting VISIT_BUSY (or a failed procedure). A real virtual card
 * over DirectTransport and a real store, as the controller's other tests.
 */
import type { ProcedureOutcome } from '../../../src/api/visit';
import type { CardSession } from '../../../src/host/host-types';
import { VisitController, type VisitHost } from '../../../src/flows/visit-controller';
import type { Store } from '../../../src/store/unit-of-work';
import { useFileStore } from '../store/fixtures';
import { FakeReaders, trainingCounter } from './visit-host-fakes';
import { blankState, directCard, issuerKey } from '../card/support';

const reader = 'Virtual PCD 00 00';
const clerk = { id: 'c01', name: 'Clerk One' };
const outcome: ProcedureOutcome = { procedure: 'pickUp', applications: [], receipts: [] };

let store: Store;
let controller: VisitController | undefined;

useFileStore('reread', (file) => ({ store } = file));
afterEach(async () => {
  await controller?.close();
  controller = undefined;
});

/** `isClosed`: the terminal's store is gone; `spent`: the sessions opened so far answer nothing any more (as after a reset). */
interface Faults {
  isClosed: boolean;
  spent: boolean;
}

function build(store_: Faults = { isClosed: false, spent: false }): { controller: VisitController; readers: FakeReaders; runs: number[] } {
  const { card } = directCard(blankState(issuerKey(), { cardInfoPin: '1357' }));
  const spendable = () => {
    let isSpent = false;
    const sessionCard = new Proxy(card, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (isSpent || store_.spent) {
            isSpent = true;
            return Promise.reject(new Error('the connection is spent'));
          }
          return Reflect.apply(value, target, args) as unknown;
        };
      },
    });
    return sessionCard;
  };
  const readers = new FakeReaders(reader);
  const runs: number[] = [];
  const host: VisitHost = {
    ...trainingCounter,
    store,
    readers,
    sync: {
      status: () => {
        // As the real status reads the store: after the terminal closed it there is none.
        if (store_.isClosed) throw new TypeError('The database connection is not open');
        return { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: true, lastError: null, terminalError: null };
      },
    },
    verifyClerk: (_clerkId, pin) => {
      pin.fill(0);
      return Promise.resolve(clerk);
    },
    openCard: (name): Promise<CardSession> => Promise.resolve({ reader: name, card: store_.spent ? card : spendable(), close: () => Promise.resolve() }),
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

test('a read of the card still under way when the terminal closes changes nothing afterwards (the store is gone)', async () => {
  const closedStore: Faults = { isClosed: false, spent: false };
  const { controller: c, readers } = build(closedStore);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await c.signIn(clerk.id, new Uint8Array([0x39]));
    readers.insert();
    await reach(c, 'cardPresent');
    c.send({ type: 'chooseProcedure', procedure: 'pickUp' });
    await c.settled();
    // The procedure spent the connection: the read after it fails at once and tries again a moment later on a new one.
    closedStore.spent = true;
    c.send({ type: 'finish' });
    // Meanwhile the terminal shuts down and closes its store.
    await c.close();
    closedStore.isClosed = true;
    controller = undefined;
    // The retries come after their pauses (300 ms, then 1 s); wait past them, bounded, for anything they would do.
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    for (let i = 0; i < 50; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
