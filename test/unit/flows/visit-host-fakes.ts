/** Parts of a fake visit host for the flow tests: a training counter terminal and a reader watch driven by hand. */
import type { ReaderInfo } from '../../../src/api/contract';
import type { VisitHost } from '../../../src/flows/visit-controller';
import type { ReaderWatch } from '../../../src/host/host-types';

/** A training counter terminal with short applicant timeouts (a test that waits on them uses fake timers). */
export const trainingCounter: Pick<VisitHost, 'terminal' | 'timeouts'> = {
  terminal: { terminalId: 't1', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: true },
  timeouts: { applicantIdleMs: 60_000, applicantWarningMs: 20_000, clerkIdleMs: 600_000 },
};

/** One reader, a card placed or taken away, or any list of readers. */
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
