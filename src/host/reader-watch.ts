/**
 * Readers and cards as the screens see them: the list, and one change event whenever a reader
 * appears or goes or a card is inserted or removed. One PC/SC context per host; it is closed
 * with the host (docs/build-notes.md: every reader runs a watch thread, close them all).
 */
import type { ReaderInfo } from '../api/contract';
import { PcscContext } from '../card/pcsc-transport';
import type { ReaderWatch } from './host-types';

export interface HostReaderWatch extends ReaderWatch {
  /** The context, opened on first use when it could not be opened at start (pcscd came up later). */
  context(): Promise<PcscContext>;
  close(): Promise<void>;
}

/** A host that never touches a card (`pcsc: false`): no readers, and openCard refuses. */
export function noReaders(): HostReaderWatch {
  return {
    list: () => [],
    onChange: () => () => undefined,
    context: () => Promise.reject(new Error('this command runs without PC/SC')),
    close: async () => undefined,
  };
}

export async function watchReaders(open: () => Promise<PcscContext> = () => PcscContext.open()): Promise<HostReaderWatch> {
  const listeners = new Set<(readers: readonly ReaderInfo[]) => void>();
  let current: PcscContext | undefined;
  let opening: Promise<PcscContext> | undefined;
  let isClosed = false;

  const list = (): readonly ReaderInfo[] => (current === undefined ? [] : current.readers().map((r) => ({ name: r.name, hasCard: r.isCardPresent })));
  const emit = () => {
    const readers = list();
    for (const listener of [...listeners]) {
      try {
        listener(readers);
      } catch {
        // One listener's failure must not stop the others from hearing about the card.
      }
    }
  };
  const context = (): Promise<PcscContext> => {
    if (isClosed) return Promise.reject(new Error('the reader watch is closed'));
    if (current !== undefined) return Promise.resolve(current);
    opening ??= open().then(
      (opened) => {
        if (isClosed) {
          void opened.close();
          throw new Error('the reader watch is closed');
        }
        current = opened;
        opened.onReaderEvent(emit);
        emit();
        return opened;
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };

  // pcscd may be down at start; the screens then show no reader, and openCard tries again.
  await context().catch(() => undefined);

  return {
    list,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    context,
    async close() {
      isClosed = true;
      listeners.clear();
      const closing = current;
      current = undefined;
      await closing?.close();
    },
  };
}
