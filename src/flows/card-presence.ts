/**
 * Which readers hold a card, as both flow controllers track it from the reader watch's reports.
 * Each report becomes the events the controllers feed their machine: removals first, so a flow
 * set back by a pulled card looks for a card still in a reader (not the one pulled) when the
 * insertions follow. The set is updated before the events are handed out for the same reason.
 */
import type { CardPresenceEvent } from '../api/flow-events';

export interface ReaderReport {
  readonly name: string;
  readonly hasCard: boolean;
}

function namesWithCard(readers: readonly ReaderReport[]): Set<string> {
  return new Set(readers.filter((r) => r.hasCard).map((r) => r.name));
}

export class ReadersWithCard {
  #names: Set<string>;

  constructor(readers: readonly ReaderReport[]) {
    this.#names = namesWithCard(readers);
  }

  /** Takes a new report; returns what changed since the last one. */
  update(readers: readonly ReaderReport[]): readonly CardPresenceEvent[] {
    const before = this.#names;
    const now = namesWithCard(readers);
    this.#names = now;
    const removed = [...before].filter((reader) => !now.has(reader)).map((reader) => ({ type: 'cardRemoved' as const, reader }));
    const inserted = [...now].filter((reader) => !before.has(reader)).map((reader) => ({ type: 'cardInserted' as const, reader }));
    return [...removed, ...inserted];
  }

  /**
   * The reader whose card counts as inserted when a flow (re)starts with cards already in:
   * `preferred` while it still holds one (the card the flow was about), else the first reported.
   */
  waiting(preferred?: string): string | undefined {
    if (preferred !== undefined && this.#names.has(preferred)) return preferred;
    const [first] = this.#names;
    return first;
  }
}
