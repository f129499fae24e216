/**
 * The contract's handler map over one host (docs/design.md §2): every shell (browser, Electron)
 * passes untrusted input through `dispatch`, which validates it and calls these. Only a signed-in
 * clerk may use anything but `session.get` and `clerk.signIn` (docs/design.md §7).
 */
import type { Handlers, QueuePhase, QueueRowView, SessionInfo } from '../api/contract';
import { errorCodes, HostError, type ErrorCode } from '../api/errors';
import { copySecret } from '../api/secret-frame';
import { jstDate, type IssuanceContext } from '../issuance/context';
import { resultFor } from '../issuance/issue';
import type { Secrets } from '../issuance/secrets';
import type { DocumentPrinter } from '../desktop/print-file';
import type { OutboxRecord } from '../store/outbox-repo';
import { connectivityCodes } from '../sync/failure-scope';
import type { Host, SelfServiceFlow, TrainingCaSwitch } from './host-types';
import type { TrainingCards } from './training-cards';
import type { VisitController } from './visit-controller';
import { dayReportFromStore } from './day-report';
import { reprintDocument, searchVisits, visitDetail } from './visit-search';
import { toJstDateTime } from '../domain/counter-hours';

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

function isErrorCode(code: string): code is ErrorCode {
  return knownCodes.has(code);
}

/**
 * The handler's own copy of a secret, for the card command (which may outlive the request, as
 * the procedure does): the shell zeroes the request's bytes as soon as it has answered.
 */
function takeBytes(request: Uint8Array): Uint8Array {
  return copySecret(request);
}

const outageCodes: ReadonlySet<string> = new Set(connectivityCodes);

/** A row waiting only because the CA could not be reached is not a failure: it goes when the CA is back. */
function phaseOf(row: OutboxRecord): QueuePhase {
  switch (row.state) {
    case 'done':
      return 'done';
    case 'sending':
      return 'sending';
    case 'failed_permanent':
      return row.acknowledgedAt === null ? 'failed' : 'acknowledged';
    case 'pending':
    case 'failed_retryable':
      return row.lastErrorCode === null || outageCodes.has(row.lastErrorCode) ? 'waiting' : 'retrying';
  }
}

function queueRow(row: OutboxRecord): QueueRowView {
  return {
    id: row.id,
    applicationId: row.applicationId,
    certificateKind: row.certificateKind,
    kind: row.kind,
    state: row.state,
    phase: phaseOf(row),
    acknowledgedAt: row.acknowledgedAt,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    // Stored codes come from older versions too; one the renderer has no words for reads as INTERNAL.
    lastErrorCode: row.lastErrorCode === null ? null : isErrorCode(row.lastErrorCode) ? row.lastErrorCode : 'INTERNAL',
    createdAt: row.createdAt,
    certificateSerial: row.certificateSerial,
  };
}

/**
 * `resultFor` rebuilds a receipt from the store alone; the rest of a context is never touched
 * on that path, so it is inert here rather than a second issuer or CA connection.
 */
function receiptContext(host: Host): IssuanceContext {
  return {
    store: host.store,
    issuer: { sign: () => Promise.reject(new HostError('INTERNAL', 'receipts do not sign')) },
    terminalId: host.terminal.terminalId,
    municipalityCode: host.terminal.municipalityCode,
    now: () => new Date(),
    deliverNow: () => Promise.resolve(),
    ca: undefined,
  };
}

function trainingCaOf(host: Host): TrainingCaSwitch {
  if (host.trainingCa === undefined) throw new HostError('TRAINING_ONLY', 'only a training counter runs its own training CA');
  return host.trainingCa;
}

function training(cards: TrainingCards | undefined): TrainingCards {
  if (cards === undefined) throw new HostError('TRAINING_ONLY', 'training cards exist only on a training terminal');
  return cards;
}

type SelfServiceChannel = 'selfService.get' | 'selfService.send' | 'selfService.provingPassword' | 'selfService.newPassword';

function selfServiceHandlers(flow: SelfServiceFlow | undefined): Pick<Handlers, SelfServiceChannel> {
  const need = (): SelfServiceFlow => {
    if (flow === undefined) throw new HostError('SELF_SERVICE_ONLY', 'self-service channels exist only on a self-service terminal');
    return flow;
  };
  return {
    'selfService.get': () => Promise.resolve(need().state),
    'selfService.send': ({ command }) => need().send(command),
    'selfService.provingPassword': async ({ password, confirmLastTry }) => {
      const bytes = takeBytes(password);
      try {
        return await need().provingPassword(bytes, confirmLastTry);
      } finally {
        bytes.fill(0);
      }
    },
    'selfService.newPassword': async ({ password, confirmation }) => {
      const first = takeBytes(password);
      const second = takeBytes(confirmation);
      try {
        return await need().newPassword(first, second);
      } finally {
        first.fill(0);
        second.fill(0);
      }
    },
  };
}

/**
 * A self-service terminal has no clerk: only the session (for the mode), the readers,
 * the self-service flow and, in training, the card slots answer; the counter's channels refuse.
 */
function selfServiceTerminalHandlers(host: Host, counter: Omit<Handlers, SelfServiceChannel>, flow: SelfServiceFlow | undefined, trainingCards: TrainingCards | undefined): Handlers {
  const refuse = () => Promise.reject(new HostError('NOT_ON_SELF_SERVICE', 'not available on a self-service terminal'));
  return {
    ...counter,
    'clerk.signIn': refuse,
    'clerk.signOut': refuse,
    'visit.get': refuse,
    'visit.send': refuse,
    'visit.cardInfoPin': refuse,
    'visit.passwords': refuse,
    'queue.status': refuse,
    'queue.list': refuse,
    'queue.retry': refuse,
    'queue.syncNow': refuse,
    'queue.acknowledge': refuse,
    'receipt.get': refuse,
    'report.day': refuse,
    'visits.find': refuse,
    'visits.get': refuse,
    'visits.reprint': refuse,
    'print.document': refuse,
    'readers.list': () => Promise.resolve(host.readers.list()),
    'training.get': () => Promise.resolve(training(trainingCards).view()),
    'training.insertCard': ({ slot, residentId }) => training(trainingCards).insert(slot, residentId),
    'training.removeCard': ({ slot }) => training(trainingCards).remove(slot),
    // The self-service training CA runs in a process of its own, with no outage switch.
    'training.ca': refuse,
    'training.setCaReachable': refuse,
    ...selfServiceHandlers(flow),
  };
}

/** What a shell adds: `printer`, its own A4 printing (Electron; without one the renderer uses the
 * browser's dialog); `selfService`, the flow of a self-service terminal. */
export interface HandlerExtras {
  readonly printer?: DocumentPrinter;
  readonly selfService?: SelfServiceFlow;
}

export function createHandlers(host: Host, controller: VisitController, trainingCards?: TrainingCards, extras: HandlerExtras = {}): Handlers {
  const { printer, selfService } = extras;
  const counter = counterHandlers(host, controller, trainingCards, printer);
  if (host.terminal.mode === 'selfService') return selfServiceTerminalHandlers(host, counter, selfService, trainingCards);
  return { ...counter, ...selfServiceHandlers(undefined) };
}

function counterHandlers(host: Host, controller: VisitController, trainingCards: TrainingCards | undefined, printer: DocumentPrinter | undefined): Omit<Handlers, SelfServiceChannel> {
  const session = (): SessionInfo => ({ terminal: host.terminal, clerks: host.clerks, clerk: controller.clerk, timeouts: host.timeouts });
  /** The clerk making this call, or CLERK_NOT_SIGNED_IN. */
  const actor = (): string => {
    const clerk = controller.clerk;
    if (clerk === null) throw new HostError('CLERK_NOT_SIGNED_IN', 'sign in first');
    return clerk.id;
  };
  /** A command: the clerk is at the counter, so the inactivity clock starts again. */
  function signedIn<R, A>(handler: (request: R, clerkId: string) => Promise<A> | A): (request: R) => Promise<A> {
    return async (request) => {
      const clerkId = actor();
      controller.touch();
      return handler(request, clerkId);
    };
  }
  /** A read: a screen refreshing itself (a badge, a dashboard) is not the clerk's activity. */
  function reading<R, A>(handler: (request: R) => Promise<A> | A): (request: R) => Promise<A> {
    return async (request) => {
      actor();
      return handler(request);
    };
  }

  return {
    'session.get': () => Promise.resolve(session()),
    'clerk.signIn': async ({ clerkId, pin }) => {
      await controller.signIn(clerkId, takeBytes(pin));
      return session();
    },
    'clerk.signOut': signedIn(() => {
      controller.signOut();
      return session();
    }),
    'visit.get': reading(() => controller.state),
    'visit.send': signedIn(({ command }) => controller.send(command)),
    'visit.cardInfoPin': signedIn(({ pin, confirmLastTry }) => controller.cardInfoPin(takeBytes(pin), confirmLastTry)),
    'visit.passwords': signedIn(({ sign, signRepeat, auth, authRepeat }) => {
      const secrets: Secrets = {};
      const repeats: Secrets = {};
      if (sign !== undefined) secrets.sign = takeBytes(sign);
      if (auth !== undefined) secrets.auth = takeBytes(auth);
      if (signRepeat !== undefined) repeats.sign = takeBytes(signRepeat);
      if (authRepeat !== undefined) repeats.auth = takeBytes(authRepeat);
      return controller.passwords(secrets, repeats);
    }),
    'readers.list': reading(() => host.readers.list()),
    'queue.status': reading(() => host.sync.status()),
    'queue.list': reading(({ states, limit }) => host.store.outbox.list(states === undefined ? {} : { states }).rows.slice(0, limit ?? 200).map(queueRow)),
    'queue.retry': signedIn(({ outboxId }, clerkId) => host.sync.retry(outboxId, clerkId)),
    'queue.syncNow': signedIn(() => host.sync.syncNow()),
    'queue.acknowledge': signedIn(({ outboxId }, clerkId) => host.sync.acknowledge(outboxId, clerkId)),
    'receipt.get': signedIn(({ applicationId }) => resultFor(receiptContext(host), applicationId, jstDate(new Date())).receipt),
    'print.document': signedIn(({ document, applicationId, reprint }) =>
      printer === undefined ? { method: 'browser' as const } : printer.print({ document, applicationId, reprint: reprint ?? false }),
    ),
    'report.day': reading(({ date }) => dayReportFromStore(host.store, date ?? toJstDateTime(Date.now()).date)),
    'visits.find': signedIn(({ query }, clerkId) => searchVisits(host.store, query, clerkId)),
    'visits.get': signedIn(({ applicationId }, clerkId) => visitDetail(host.store, applicationId, clerkId, queueRow)),
    'visits.reprint': signedIn((request, clerkId) => reprintDocument(host.store, host.terminal, request, clerkId)),
    'training.get': reading(() => training(trainingCards).view()),
    'training.insertCard': signedIn(({ slot, residentId }) => training(trainingCards).insert(slot, residentId)),
    'training.removeCard': signedIn(({ slot }) => training(trainingCards).remove(slot)),
    'training.ca': reading(() => ({ isReachable: trainingCaOf(host).isReachable() })),
    'training.setCaReachable': signedIn(async ({ isReachable }) => {
      const ca = trainingCaOf(host);
      await ca.setReachable(isReachable);
      return { isReachable: ca.isReachable() };
    }),
  };
}
