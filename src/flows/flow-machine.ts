/**
 * The part every flow controller shares: one state, a pure reducer, listeners told after each
 * change, and a hook for the side effects of a transition. The reducer refuses an event that is
 * not possible at the current step with the flow's wrong-step code; `applyIfStill` drops such an
 * event when it comes from the host's own work (a card read that finishes after the card was
 * taken out), which is not an error.
 */
import { isHostError, type HostErrorCode } from '../api/errors';

export interface FlowMachineOptions<State, Event> {
  readonly initial: State;
  readonly reduce: (state: State, event: Event) => State;
  readonly wrongStepCode: HostErrorCode;
  /** Side effects of a change (timers, wiping, starting work), before the listeners hear of it. */
  readonly afterTransition: (before: State, after: State) => void;
}

export class FlowMachine<State, Event> {
  #state: State;
  readonly #listeners = new Set<(state: State) => void>();

  constructor(private readonly options: FlowMachineOptions<State, Event>) {
    this.#state = options.initial;
  }

  get state(): State {
    return this.#state;
  }

  onState(listener: (state: State) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  apply(event: Event): void {
    const before = this.#state;
    const after = this.options.reduce(before, event);
    if (after === before) return;
    this.#state = after;
    this.options.afterTransition(before, after);
    for (const listener of this.#listeners) listener(after);
  }

  /** For events of the host's own work, which may find the flow elsewhere by the time they arrive. */
  applyIfStill(event: Event): void {
    try {
      this.apply(event);
    } catch (error) {
      if (!(isHostError(error) && error.code === this.options.wrongStepCode)) throw error;
    }
  }

  stopListening(): void {
    this.#listeners.clear();
  }
}
