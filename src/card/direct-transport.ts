/**
 * An in-process transport over any APDU processor (the virtual card engine), so unit tests run
 * the real client against the real card logic without pcscd.
 */

import { cardError } from './errors';
import type { CardTransport } from './transport';

export interface ApduProcessor {
  process(apdu: Uint8Array): Uint8Array;
  reset?(): void;
  readonly atr?: Uint8Array;
}

export class DirectTransport implements CardTransport {
  #isClosed = false;
  constructor(private readonly card: ApduProcessor) {}

  get atr(): Uint8Array {
    return this.card.atr ?? new Uint8Array(0);
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.#isClosed) throw cardError('CARD_CLOSED', 'the card connection is closed');
    // A copy each way, as a real link would: neither side may keep the other's buffer.
    return Uint8Array.from(this.card.process(Uint8Array.from(apdu)));
  }

  async reset(): Promise<void> {
    if (this.#isClosed) throw cardError('CARD_CLOSED', 'the card connection is closed');
    this.card.reset?.();
  }

  async close(): Promise<void> {
    this.#isClosed = true;
  }
}
