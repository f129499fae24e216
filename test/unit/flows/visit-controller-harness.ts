/**
 * The visit controller's test harness: a fake host with a real virtual card (DirectTransport, no
 * pcscd) and a real file store per test, the steps a visit walks, and the controllers closed after
 * each test. Importing it registers those per-test hooks in the importing file.
 */
import { hostError } from '../../../src/api/errors';
import type { ProcedureOutcome, VisitState } from '../../../src/api/visit';
import type { CardSession, ProcedureHooks, ProcedureInput } from '../../../src/host/host-types';
import { VisitController, type VisitHost } from '../../../src/flows/visit-controller';
import { cardError } from '../../../src/card/errors';
import type { Store } from '../../../src/store/unit-of-work';
import { useFileStore } from '../store/fixtures';
import { FakeReaders, trainingCounter } from './visit-host-fakes';
import { blankState, directCard, issuerKey } from '../card/support';

export const reader = 'Virtual PCD 00 00';
export const clerk = { id: 'c01', name: 'Clerk One' };
export const clerkPin = '9999';
export const basicInfo = { name: '窓口 花子', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '2' } as const;
export const applicant = { applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], adultWard: false, domicileInCity: true, reissuedCard: false } as const;
export const outcome: ProcedureOutcome = { procedure: 'issue', applications: [{ applicationId: '8a4a1e52-5e0e-4c55-9d8c-3c1a1f1b7c01', state: 'completed' }], receipts: [] };
export const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

export interface Harness {
  readonly controller: VisitController;
  readonly readers: FakeReaders;
  readonly runs: { input: ProcedureInput; secretsAtCall: Record<string, string>; hooks: ProcedureHooks | undefined }[];
  /** `spent`: the session's card answers nothing any more, as after a reset. */
  readonly sessions: { closed: boolean; spent: boolean }[];
  /** The next `refusedOpens` connects are refused as busy; each connect answers after `openDelayMs`. */
  readonly faults: { refusedOpens: number; openDelayMs: number };
  /** Whether the fake CA answers (the sync engine's last contact). */
  readonly ca: { answering: boolean };
  result: () => Promise<ProcedureOutcome>;
}

let store: Store;
const harnesses: Harness[] = [];

/** The file store of the test running now (a fresh one per test). */
export const currentStore = (): Store => store;

useFileStore('visit', (file) => ({ store } = file));
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.controller.close();
  jest.useRealTimers();
});

export function harness(cardInfoTriesLeft = 3): Harness {
  const issuer = issuerKey();
  const state = blankState(issuer, { cardInfoPin: '1357' });
  state.pins.cardInfo.triesLeft = cardInfoTriesLeft;
  const { card } = directCard(state);
  const readers = new FakeReaders(reader);
  const sessions: Harness['sessions'] = [];
  const runs: Harness['runs'] = [];
  const faults: Harness['faults'] = { refusedOpens: 0, openDelayMs: 0 };
  const ca: Harness['ca'] = { answering: true };
  // `harnessRef.result` may be replaced by a test before the procedure runs.
  const harnessRef: { result: () => Promise<ProcedureOutcome> } = { result: () => Promise.resolve(outcome) };
  const host: VisitHost = {
    ...trainingCounter,
    store,
    readers,
    sync: {
      status: () => ({ running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: ca.answering, lastError: null, terminalError: null }),
    },
    verifyClerk: (clerkId, pin) => {
      const isRight = clerkId === clerk.id && Buffer.from(pin).toString('latin1') === clerkPin;
      pin.fill(0);
      return isRight ? Promise.resolve(clerk) : Promise.reject(hostError('CLERK_SIGN_IN_FAILED', 'wrong PIN'));
    },
    openCard: async (name): Promise<CardSession> => {
      if (faults.openDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.openDelayMs));
      if (faults.refusedOpens > 0) {
        faults.refusedOpens -= 1;
        return Promise.reject(cardError('CARD_IN_USE', 'another client holds the card'));
      }
      const record = { closed: false, spent: false };
      sessions.push(record);
      const sessionCard = new Proxy(card, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (record.spent) throw cardError('CARD_TRANSPORT', 'the connection is spent');
            return Reflect.apply(value, target, args) as unknown;
          };
        },
      });
      return Promise.resolve({
        reader: name,
        card: sessionCard,
        close: () => {
          record.closed = true;
          return Promise.resolve();
        },
      });
    },
    runProcedure: (input, hooks) => {
      const secretsAtCall = Object.fromEntries(Object.entries(input.secrets).map(([k, v]) => [k, Buffer.from(v).toString('latin1')]));
      runs.push({ input, secretsAtCall, hooks });
      hooks?.onProgress?.('issue-after-draft');
      return harnessRef.result();
    },
  };
  const h: Harness = {
    controller: new VisitController(host),
    readers,
    runs,
    sessions,
    faults,
    ca,
    get result() {
      return harnessRef.result;
    },
    set result(value) {
      harnessRef.result = value;
    },
  };
  harnesses.push(h);
  return h;
}

/** Waits (bounded) for the controller to reach a step: card reads and procedures are async. */
export async function reach(h: Harness, step: VisitState['step']): Promise<VisitState> {
  for (let i = 0; i < 200 && h.controller.state.step !== step; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(h.controller.state.step).toBe(step);
  return h.controller.state;
}

export async function toCardPresent(h: Harness): Promise<VisitState> {
  await h.controller.signIn(clerk.id, ascii(clerkPin));
  h.readers.set(true);
  return reach(h, 'cardPresent');
}

/** Facts typed, identity confirmed, an issuance in person for both certificates: the application form is next. */
export async function toCertificatesChosen(h: Harness): Promise<void> {
  await toCardPresent(h);
  h.controller.send({ type: 'typeFactsInstead' });
  h.controller.send({ type: 'confirmIdentity', basicInfo });
  h.controller.send({ type: 'chooseProcedure', procedure: 'issue' });
  h.controller.send({ type: 'setApplicant', applicant: { ...applicant, documents: [...applicant.documents] } });
  h.controller.send({ type: 'chooseCertificates', certificates: ['sign', 'auth'] });
}

export async function toPasswords(h: Harness): Promise<void> {
  await toCertificatesChosen(h);
  signForm(h);
  expect(h.controller.state.step).toBe('passwords');
}

/** The clerk ticks that the signed application form was received and starts the procedure. */
export function signForm(h: Harness): VisitState {
  expect(h.controller.state.step).toBe('applicationForm');
  h.controller.send({ type: 'setFormSigned', signed: true });
  return h.controller.send({ type: 'startProcedure' });
}
