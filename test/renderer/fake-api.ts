/**
 * A fake of the contract (docs/style.md: fake the contract, not Electron). It records every
 * invocation (as a serialized copy, like a real shell), answers from a script or defaults,
 * and lets a test push events as the host would.
 */
import { act } from '@testing-library/react';
import type { ChannelName, EventName, EventPayloads, MadoguchiApi, ReaderInfo, RequestOf, ResponseOf, SessionInfo, SyncStatusView, TrainingView } from '../../src/api/contract';
import type { ErrorCode, ErrorDetails, Result } from '../../src/api/errors';
import { initialSelfServiceState, type SelfServiceState } from '../../src/api/self-service';
import type { VisitState } from '../../src/api/visit';
import { buildDayReport } from '../../src/domain/day-report';
import { readers as defaultReaders, session as defaultSession, states, syncStatus, training as defaultTraining } from './fixtures';

export interface Invocation {
  readonly channel: ChannelName;
  readonly request: unknown;
}

export type Answer<C extends ChannelName> = Result<ResponseOf<C>> | ((request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>);

export interface FakeApiInit {
  readonly visit?: VisitState;
  readonly session?: SessionInfo;
  readonly sync?: SyncStatusView;
  readonly readers?: readonly ReaderInfo[];
  readonly training?: TrainingView;
  readonly selfService?: SelfServiceState;
}

export interface FakeApi {
  readonly api: MadoguchiApi;
  readonly invocations: readonly Invocation[];
  /** The requests sent on one channel, in order. */
  callsTo<C extends ChannelName>(channel: C): RequestOf<C>[];
  /** Scripts the answer of a channel (kept until replaced). */
  answer<C extends ChannelName>(channel: C, answer: Answer<C>): void;
  /** Pushes an event to every listener, inside act(). Also updates what visit.get answers. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(event: EventName): number;
}

/** A quiet counter day: the shape the host answers, built by the same pure rules. */
const emptyDayReport = buildDayReport('2026-12-04', [], []);

export function okResult<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function errorResult<T>(code: ErrorCode, details: ErrorDetails = {}, retryable = false): Result<T> {
  return { ok: false, error: { code, retryable, details } };
}

export function createFakeApi(init: FakeApiInit = {}): FakeApi {
  const invocations: Invocation[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const current = {
    visit: init.visit ?? states.signedOut(),
    session: init.session ?? defaultSession,
    sync: init.sync ?? syncStatus,
    readers: init.readers ?? defaultReaders,
    training: init.training ?? defaultTraining,
    selfService: init.selfService ?? initialSelfServiceState,
  };
  const scripted = new Map<ChannelName, unknown>();

  function defaultAnswer(channel: ChannelName): Result<unknown> {
    switch (channel) {
      case 'session.get':
      case 'clerk.signIn':
      case 'clerk.signOut':
        return okResult(current.session);
      case 'visit.get':
      case 'visit.send':
      case 'visit.cardInfoPin':
      case 'visit.passwords':
      case 'visit.changePassword':
        return okResult(current.visit);
      case 'readers.list':
        return okResult(current.readers);
      case 'queue.status':
      case 'queue.retry':
      case 'queue.syncNow':
      case 'queue.acknowledge':
        return okResult(current.sync);
      case 'queue.list':
        return okResult([]);
      case 'training.get':
      case 'training.insertCard':
      case 'training.removeCard':
        return okResult(current.training);
      case 'training.ca':
      case 'training.setCaReachable':
        // A training counter's CA, reachable unless a test scripts the outage.
        return okResult({ isReachable: channel === 'training.ca' });
      case 'receipt.get':
        return errorResult('INTERNAL');
      case 'report.day':
        return okResult(emptyDayReport);
      case 'visits.find':
        return okResult({ days: null, visits: [], more: false });
      case 'visits.get':
      case 'visits.reprint':
        return errorResult('STORE_NOT_FOUND');
      case 'print.document':
        // The browser shell's answer: the renderer opens the print dialog itself.
        return okResult({ method: 'browser' });
      case 'selfService.get':
      case 'selfService.send':
      case 'selfService.provingPassword':
      case 'selfService.newPassword':
      case 'selfService.changePassword':
        return okResult(current.selfService);
    }
  }

  const api: MadoguchiApi = {
    async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      // A copy, as IPC or HTTP would make: the renderer may wipe its own arrays afterwards.
      // A copy as of the call (the screens wipe their bytes after it); secret bytes read as number arrays.
      invocations.push({ channel, request: JSON.parse(JSON.stringify(request, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value))) as unknown });
      const script = scripted.get(channel) as Answer<C> | undefined;
      if (script === undefined) return defaultAnswer(channel) as Result<ResponseOf<C>>;
      return typeof script === 'function' ? await script(request) : script;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };

  return {
    api,
    invocations,
    callsTo<C extends ChannelName>(channel: C) {
      return invocations.filter((i) => i.channel === channel).map((i) => i.request as RequestOf<C>);
    },
    answer(channel, answer) {
      scripted.set(channel, answer);
    },
    emit(event, payload) {
      if (event === 'visit') current.visit = payload as VisitState;
      act(() => {
        for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
      });
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
