import type { ProcedureStep } from './steps';

export type ProgressListener = (step: ProcedureStep) => void;

/**
 * The terminal's progress stream: every named step of the procedures and of the sync engine, to
 * whoever follows it now (the visit's progress screen, the CLI's `--progress`, a log). Listeners
 * run in order at the moment the step passes; one that throws is skipped, never the procedure.
 */
export class ProgressEvents {
  readonly #listeners = new Set<ProgressListener>();

  emit(step: ProcedureStep): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(step);
      } catch {
        // Showing progress failing must not stop a procedure or a delivery.
      }
    }
  }

  /** Follows every step from now on; the returned function stops following. */
  subscribe(listener: ProgressListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
