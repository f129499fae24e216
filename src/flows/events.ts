/**
 * Every event stream of the contract from one host: the current value of each (what a shell
 * sends a renderer that connects or reconnects) and its changes. The shells only forward.
 */
import type { EventName, EventPayloads, SessionInfo, TrainingView } from '../api/contract';
import { initialSelfServiceState } from '../api/self-service';
import type { Host, SelfServiceFlow } from '../host/host-types';
import type { TrainingCards } from './training-cards';
import type { VisitController } from './visit-controller';

export interface HostEvents {
  snapshot<E extends EventName>(name: E): EventPayloads[E];
  /** Returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

const noTraining: TrainingView = { residents: [], slots: [] };

export function createHostEvents(host: Host, controller: VisitController, training?: TrainingCards, selfService?: SelfServiceFlow): HostEvents {
  const session = (): SessionInfo => ({ terminal: host.terminal, clerks: host.clerks, clerk: controller.clerk, timeouts: host.timeouts });
  const sources: { readonly [E in EventName]: { readonly now: () => EventPayloads[E]; readonly on: (listener: (payload: EventPayloads[E]) => void) => () => void } } = {
    visit: { now: () => controller.state, on: (listener) => controller.onState(listener) },
    sync: { now: () => host.sync.status(), on: (listener) => host.sync.onStatus(listener) },
    readers: { now: () => host.readers.list(), on: (listener) => host.readers.onChange(listener) },
    session: {
      now: session,
      on: (listener) => {
        // The session changes only when a clerk signs in or out, which the visit state shows.
        let clerkId = controller.clerk?.id ?? null;
        return controller.onState(() => {
          const now = controller.clerk?.id ?? null;
          if (now === clerkId) return;
          clerkId = now;
          listener(session());
        });
      },
    },
    training: { now: () => training?.view() ?? noTraining, on: (listener) => training?.onChange(listener) ?? (() => undefined) },
    selfService: { now: () => selfService?.state ?? initialSelfServiceState, on: (listener) => selfService?.onState(listener) ?? (() => undefined) },
  };
  return {
    snapshot: (name) => sources[name].now(),
    on: (name, listener) => sources[name].on(listener),
  };
}
