/** A reader watch the flow tests drive by hand: one reader, a card placed or taken away, or any list of readers. */
import type { ReaderInfo } from '../../../src/api/contract';
import type { ReaderWatch } from '../../../src/host/host-types';

export class FakeReaders implements ReaderWatch {
  #readers: ReaderInfo[];
  readonly #listeners = new Set<(readers: readonly ReaderInfo[]) => void>();

  constructor(private readonly reader: string) {
    this.#readers = [{ name: reader, hasCard: false }];
  }

  list(): readonly ReaderInfo[] {
    return this.#readers;
  }

  onChange(listener: (readers: readonly ReaderInfo[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The one reader, with or without a card. */
  set(hasCard: boolean): void {
    this.setAll([{ name: this.reader, hasCard }]);
  }

  /** A card placed on the one reader. */
  insert(): void {
    this.set(true);
  }

  setAll(readers: ReaderInfo[]): void {
    this.#readers = readers;
    for (const listener of this.#listeners) listener(this.#readers);
  }
}
