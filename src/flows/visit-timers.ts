/**
 * The two host-side clocks of a visit: the applicant's deadline (the state's `deadlineAt`) and
 * the clerk's inactivity. They live in the host, not the renderer, so a closed or frozen window
 * cannot keep a visit (and its card session) open.
 */

/** Node's timers overflow above 2^31−1 ms; the callers re-check the clock when a timer fires. */
const maxDelayMs = 2 ** 31 - 1;

export class OneShot {
  #handle: NodeJS.Timeout | undefined;

  arm(delayMs: number, callback: () => void): void {
    this.cancel();
    this.#handle = setTimeout(
      () => {
        this.#handle = undefined;
        callback();
      },
      Math.min(maxDelayMs, Math.max(0, delayMs)),
    );
    // A pending timeout must not keep a stopping process alive.
    this.#handle.unref();
  }

  cancel(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
  }
}
