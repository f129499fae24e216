/**
 * Holds what the host last said (visit, session, sync, readers, training) and keeps it current
 * from the event streams. Screens read it through the hooks below and never keep flow state.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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
  /** Self-service terminals only (issue 9). */
  readonly selfService: SelfServiceState | null;
}

interface ApiContextValue extends HostView {
  readonly api: MadoguchiApi;
  /** Takes a visit state a command answered with (the event may come later or not at all). */
  readonly applyVisit: (state: VisitState) => void;
  readonly applySelfService: (state: SelfServiceState) => void;
}

const ApiContext = createContext<ApiContextValue | null>(null);
const empty: HostView = { visit: null, session: null, sync: null, readers: null, training: null, selfService: null };

export function ApiProvider({ api, children }: { readonly api: MadoguchiApi; readonly children: ReactNode }) {
  const [view, setView] = useState<HostView>(empty);

  useEffect(() => {
    let live = true;
    const set = <K extends keyof HostView>(key: K, value: HostView[K]) => {
      if (live) setView((was) => ({ ...was, [key]: value }));
    };
    // Subscribe before the first reads so no change between the two is lost.
    const offs = [
      api.on('visit', (v) => set('visit', v)),
      api.on('session', (v) => set('session', v)),
      api.on('sync', (v) => set('sync', v)),
      api.on('readers', (v) => set('readers', v)),
      api.on('training', (v) => set('training', v)),
      api.on('selfService', (v) => set('selfService', v)),
    ];
    void api.invoke('visit.get', {}).then((r) => r.ok && set('visit', r.value));
    void api.invoke('session.get', {}).then((r) => {
      if (!r.ok) return;
      set('session', r.value);
      // Only a training terminal has the training panel; elsewhere the channel refuses.
      if (r.value.terminal.training) void api.invoke('training.get', {}).then((t) => t.ok && set('training', t.value));
      // Only a self-service terminal runs the self-service flow; a counter refuses the channel.
      if (r.value.terminal.mode === 'selfService') void api.invoke('selfService.get', {}).then((s) => s.ok && set('selfService', s.value));
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
  const value = useMemo<ApiContextValue>(() => ({ ...view, api, applyVisit, applySelfService }), [view, api, applyVisit, applySelfService]);
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

export interface VisitHandle {
  /** null until the host has answered the first time. */
  readonly state: VisitState | null;
  readonly send: (command: VisitCommand) => Promise<Result<VisitState>>;
  /** For answers of visit.cardInfoPin / visit.passwords, which also return the new state. */
  readonly apply: (result: Result<VisitState>) => void;
}

export function useVisit(): VisitHandle {
  const { api, visit, applyVisit } = useApiContext();
  const apply = useCallback((result: Result<VisitState>) => {
    if (result.ok) applyVisit(result.value);
  }, [applyVisit]);
  const send = useCallback(
    async (command: VisitCommand) => {
      const result = await api.invoke('visit.send', { command });
      apply(result);
      return result;
    },
    [api, apply],
  );
  return { state: visit, send, apply };
}

export interface SelfServiceHandle {
  /** null until the host has answered the first time. */
  readonly state: SelfServiceState | null;
  readonly send: (command: SelfServiceCommand) => Promise<Result<SelfServiceState>>;
  /** For answers of the password channels, which also return the new state. */
  readonly apply: (result: Result<SelfServiceState>) => void;
}

export function useSelfService(): SelfServiceHandle {
  const { api, selfService, applySelfService } = useApiContext();
  const apply = useCallback(
    (result: Result<SelfServiceState>) => {
      if (result.ok) applySelfService(result.value);
    },
    [applySelfService],
  );
  const send = useCallback(
    async (command: SelfServiceCommand) => {
      const result = await api.invoke('selfService.send', { command });
      apply(result);
      return result;
    },
    [api, apply],
  );
  return { state: selfService, send, apply };
}

export function useSession(): SessionInfo | null {
  return useApiContext().session;
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
