/**
 * A card session on a reader of the host's watch. A client that just let go of the card (or died
 * holding it) is released by pcscd a moment later, so within the wait budget a busy card is tried
 * again rather than the clerk or the resident being sent back.
 */
import { CardModel } from '../card/card-model';
import { isCardError } from '../card/errors';
import type { CardSession } from './host-types';
import type { HostReaderWatch } from './reader-watch';

/** Pause and bound for connecting to a card another client still holds (CARD_IN_USE). */
const connectRetryMs = 250;
const maxConnectAttempts = 40;

export async function openCardSession(readers: HostReaderWatch, reader: string, waitMs = 10_000): Promise<CardSession> {
  const context = await readers.context();
  const deadline = Date.now() + waitMs;
  await context.waitForCard(reader, waitMs);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const card = new CardModel(await context.connect(reader));
      return { reader, card, close: () => card.close() };
    } catch (error) {
      const isBusy = isCardError(error, 'CARD_IN_USE');
      if (!isBusy || attempt >= maxConnectAttempts || Date.now() + connectRetryMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, connectRetryMs));
    }
  }
}
