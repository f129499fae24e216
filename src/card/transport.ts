/**
 * The byte pipe to one card. Implementations: PC/SC (pcsc-transport.ts) and an in-process
 * pipe to anything with `process(apdu)` (direct-transport.ts) for tests.
 */
export interface CardTransport {
  /** Answer to reset of the card as last powered. */
  readonly atr: Uint8Array;
  /** Sends one command APDU, returns the raw response (data ‖ SW1 SW2). */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** Warm reset: the card loses its volatile state (selection, verified PINs, issuer auth). */
  reset(): Promise<void>;
  /** Releases the card; later calls fail with CARD_CLOSED. Idempotent. */
  close(): Promise<void>;
}

/** Wraps a transport and counts APDUs (benchmarks, "as few APDUs as possible" tests). */
export class CountingTransport implements CardTransport {
  count = 0;
  constructor(readonly inner: CardTransport) {}
  get atr(): Uint8Array {
    return this.inner.atr;
  }
  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.count += 1;
    return this.inner.transmit(apdu);
  }
  reset(): Promise<void> {
    return this.inner.reset();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
