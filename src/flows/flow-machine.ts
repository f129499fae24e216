/**
 * The part every flow controller shares: one state, a pure reducer, listeners told after each
 * change, and a hook for the side effects of a transition. A reducer's wrong-step refusal becomes
 * the flow's own coded HostError; `applyIfStill` drops an event the flow has moved past (a card
 * read that finishes after the card was taken out), which is not an error.
 */
import { HostError, type HostErrorCode } from '../api/errors';

/** What a reducer throws when an event is not possible at the current step. */
export interface WrongStep {
  readonly message: string;
  readonly step: string;
}

export interface FlowMachineOptions<State, Event> {
  readonly initial: State;
  readonly reduce: (state: State, event: Event) => State;
  readonly isWrongStep: (error: unknown) => error is WrongStep;
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
    let after: State;
    try {
      after = this.options.reduce(before, event);
    } catch (error) {
      if (this.options.isWrongStep(error)) throw new HostError(this.options.wrongStepCode, error.message, { step: error.step });
      throw error;
    }
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
      if (!(error instanceof HostError && error.code === this.options.wrongStepCode)) throw error;
    }
  }

  stopListening(): void {
    this.#listeners.clear();
  }
}
