/**
 * The visit's one card session: the connection its card commands share, kept for one reader,
 * read into the card's summary under the card lock, and let go quietly. One holder, so the
 * controller never keeps a session opened for a card that went meanwhile.
 */
import { hostError } from '../api/errors';
import type { CardSession, Host } from '../host/host-types';
import type { CardQueue } from './card-queue';
import type { CardSummary } from '../api/visit';
import { readCardSummary } from './card-summary';
import { closeQuietly } from './close-quietly';

/** How long opening a card may wait for the reader after the insertion event. */
const openCardWaitMs = 5_000;
/** Before each attempt to read the card again after a procedure. */
const rereadWaitsMs = [0, 300, 1_000] as const;

export class VisitCardSession {
  #session: CardSession | undefined;

  constructor(
    private readonly host: Pick<Host, 'store' | 'terminal' | 'caRecords' | 'openCard'>,
    private readonly queue: CardQueue,
    private readonly now: () => number,
  ) {}

  get current(): CardSession | undefined {
    return this.#session;
  }

  /** The open session; without one a card command is at the wrong step. */
  require(step: string): CardSession {
    if (this.#session === undefined) throw hostError('VISIT_WRONG_STEP', 'no card session', { step });
    return this.#session;
  }

  /** A new connection to the card in `reader`, not yet the visit's (see `adopt`). */
  connect(reader: string): Promise<CardSession> {
    return this.host.openCard(reader, openCardWaitMs);
  }

  adopt(session: CardSession): void {
    this.#session = session;
  }

  /** The card as the clerk's screen shows it, read under the card lock. */
  summarize(session: CardSession, reader: string): Promise<CardSummary> {
    return this.queue.run(() => readCardSummary(session.card, reader, { store: this.host.store, municipalityCode: this.host.terminal.municipalityCode, now: new Date(this.now()), caRecords: this.host.caRecords }));
  }

  /**
   * After a procedure the card may be reset or its connection spent, and pcscd may still hold it
   * for the client that just let go: read it again (the session first, then fresh connections a
   * moment apart). undefined once the visit moved on; the last error when it still cannot be read.
   */
  async reread(reader: string, isStillHere: () => boolean): Promise<CardSummary | undefined> {
    let lastError: unknown;
    for (const [attempt, waitMs] of rereadWaitsMs.entries()) {
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (!isStillHere()) return undefined;
      try {
        let session = this.#session;
        if (attempt > 0 || session === undefined) {
          await this.close();
          session = await this.connect(reader);
          // The card went (or the visit moved on) while connecting: keep nothing open for it.
          if (!isStillHere() || this.#session !== undefined) {
            await session.close().catch(() => undefined);
            return undefined;
          }
          this.#session = session;
        }
        return await this.summarize(session, reader);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await closeQuietly(session);
  }
}
