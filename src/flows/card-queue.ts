/**
 * One card, one command at a time: a command waits for the ones queued before it (the read of
 * the card after a visit, mostly) rather than being refused, up to a bound. A command on a free
 * card starts in the same turn, so a caller that set something up just before it sees it run.
 */
import { hostError } from '../api/errors';

export class CardQueue {
  /** Settles when the last command queued so far has finished. */
  #tail: Promise<void> = Promise.resolve();
  /** Commands queued or running. */
  #holders = 0;

  /** `waitMs`: how long a command waits for those before it before it is refused as VISIT_BUSY. */
  constructor(private readonly waitMs: number) {}

  async run<T>(action: () => Promise<T>): Promise<T> {
    const before = this.#tail;
    const isFree = this.#holders === 0;
    this.#holders += 1;
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The next command waits for this one and, through it, for all before it, even if this one gives up.
    this.#tail = before.then(() => mine);
    try {
      if (!isFree) await waitAtMost(before, this.waitMs, () => hostError('VISIT_BUSY', 'the card is busy', {}, true));
      return await action();
    } finally {
      this.#holders -= 1;
      release();
    }
  }
}

/** Resolves when `settled` does, or rejects with `timedOut()` after `ms`; the timer never outlives it. */
async function waitAtMost(settled: Promise<void>, ms: number, timedOut: () => Error): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([settled, new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(timedOut()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
