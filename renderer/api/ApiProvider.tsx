/**
 * Holds what the host last said (visit, session, sync, readers, training) and keeps it current
 * from the event streams. Screens read it through the hooks below and never keep flow state.
 *
 * A command's answer carries the state right after it, but the host may have moved on before the
 * answer is read (a card read again, a procedure's progress): every change is also an event, so
 * an answer is shown only when no event of that stream arrived while it was on its way.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import type { MadoguchiApi, ReaderInfo, SessionInfo, SyncStatusView, TrainingView } from '../../src/api/contract';
import type { Result } from '../../src/api/errors';
import type { SelfServiceCommand, SelfServiceState } from '../../src/api/self-service';
import type { VisitCommand, VisitState } from '../../src/api/visit';

interface HostView {
  readonly visit: VisitState | null;
  readonly session: SessionInfo | null;
  readonly sync: SyncStatusView | null;
  readonly readers: readonly ReaderInfo[] | null;
  readonly training: TrainingView | null;
  /** Self-service terminals only. */
  readonly selfService: SelfServiceState | null;
  /** The host refused this page (browser shell without its session cookie): nothing will ever answer. */
  readonly isRefused: boolean;
}

/** Counts the events of one stream, so an answer can tell whether the stream moved on meanwhile. */
type EventCount = MutableRefObject<number>;

interface ApiContextValue extends HostView {
  readonly api: MadoguchiApi;
  /** Takes a visit state a command answered with (the event may come later or not at all). */
  readonly applyVisit: (state: VisitState) => void;
  readonly applySelfService: (state: SelfServiceState) => void;
  readonly visitEvents: EventCount;
  readonly selfServiceEvents: EventCount;
}

/** Runs a call that answers with a new state and shows that state unless an event was newer. */
async function answered<S>(events: EventCount, show: (state: S) => void, call: () => Promise<Result<S>>): Promise<Result<S>> {
  const seen = events.current;
  const result = await call();
  if (result.ok && events.current === seen) show(result.value);
  return result;
}

const ApiContext = createContext<ApiContextValue | null>(null);
const empty: HostView = { visit: null, session: null, sync: null, readers: null, training: null, selfService: null, isRefused: false };

export function ApiProvider({ api, children }: { readonly api: MadoguchiApi; readonly children: ReactNode }) {
  const [view, setView] = useState<HostView>(empty);
  const visitEvents = useRef(0);
  const selfServiceEvents = useRef(0);

  useEffect(() => {
    let live = true;
    const set = <K extends keyof HostView>(key: K, value: HostView[K]) => {
      if (live) setView((was) => ({ ...was, [key]: value }));
    };
    // Subscribe before the first reads so no change between the two is lost.
    const offs = [
      api.on('visit', (v) => {
        visitEvents.current += 1;
        set('visit', v);
      }),
      api.on('session', (v) => set('session', v)),
      api.on('sync', (v) => set('sync', v)),
      api.on('readers', (v) => set('readers', v)),
      api.on('training', (v) => set('training', v)),
      api.on('selfService', (v) => {
        selfServiceEvents.current += 1;
        set('selfService', v);
      }),
    ];
    void answered(visitEvents, (v: VisitState) => set('visit', v), () => api.invoke('visit.get', {}));
    void api.invoke('session.get', {}).then((r) => {
      if (!r.ok) {
        // Every later call would be refused the same way; the page says why instead of waiting.
        if (r.error.code === 'API_UNAUTHORIZED') set('isRefused', true);
        return;
      }
      set('session', r.value);
      // Only a training terminal has the training panel; elsewhere the channel refuses.
      if (r.value.terminal.training) void api.invoke('training.get', {}).then((t) => t.ok && set('training', t.value));
      // Only a self-service terminal runs the self-service flow; a counter refuses the channel.
      if (r.value.terminal.mode === 'selfService') void answered(selfServiceEvents, (v: SelfServiceState) => set('selfService', v), () => api.invoke('selfService.get', {}));
    });
    void api.invoke('queue.status', {}).then((r) => r.ok && set('sync', r.value));
    void api.invoke('readers.list', {}).then((r) => r.ok && set('readers', r.value));
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [api]);

  const applyVisit = useCallback((state: VisitState) => setView((was) => ({ ...was, visit: state })), []);
  const applySelfService = useCallback((state: SelfServiceState) => setView((was) => ({ ...was, selfService: state })), []);
  const value = useMemo<ApiContextValue>(() => ({ ...view, api, applyVisit, applySelfService, visitEvents, selfServiceEvents }), [view, api, applyVisit, applySelfService]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const context = useContext(ApiContext);
  if (context === null) throw new Error('This hook needs an <ApiProvider> above it');
  return context;
}

export function useApi(): MadoguchiApi {
  return useApiContext().api;
}

/** A flow the host runs: the state it last said, and commands that answer with the next one. */
export interface FlowHandle<S, C> {
  /** null until the host has answered the first time. */
  readonly state: S | null;
  readonly send: (command: C) => Promise<Result<S>>;
  /** Runs a channel that also answers with the new state (visit.cardInfoPin, the password channels). */
  readonly call: (invoke: () => Promise<Result<S>>) => Promise<Result<S>>;
}

export type VisitHandle = FlowHandle<VisitState, VisitCommand>;
export type SelfServiceHandle = FlowHandle<SelfServiceState, SelfServiceCommand>;

/** `sendCommand` must keep its identity across renders (a useCallback), as `send` then does. */
function useFlowHandle<S, C>(state: S | null, events: EventCount, apply: (state: S) => void, sendCommand: (command: C) => Promise<Result<S>>): FlowHandle<S, C> {
  const call = useCallback((invoke: () => Promise<Result<S>>) => answered(events, apply, invoke), [apply, events]);
  const send = useCallback((command: C) => call(() => sendCommand(command)), [call, sendCommand]);
  return { state, send, call };
}

export function useVisit(): VisitHandle {
  const { api, visit, applyVisit, visitEvents } = useApiContext();
  const sendCommand = useCallback((command: VisitCommand) => api.invoke('visit.send', { command }), [api]);
  return useFlowHandle(visit, visitEvents, applyVisit, sendCommand);
}

export function useSelfService(): SelfServiceHandle {
  const { api, selfService, applySelfService, selfServiceEvents } = useApiContext();
  const sendCommand = useCallback((command: SelfServiceCommand) => api.invoke('selfService.send', { command }), [api]);
  return useFlowHandle(selfService, selfServiceEvents, applySelfService, sendCommand);
}

export function useSession(): SessionInfo | null {
  return useApiContext().session;
}

/** True when the host refused this page's connection (it was not opened from the terminal's link). */
export function useIsRefused(): boolean {
  return useApiContext().isRefused;
}

export function useSyncStatus(): SyncStatusView | null {
  return useApiContext().sync;
}

export function useReaders(): readonly ReaderInfo[] | null {
  return useApiContext().readers;
}

export function useTraining(): TrainingView | null {
  return useApiContext().training;
}
