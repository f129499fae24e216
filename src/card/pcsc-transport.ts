/**
 * PC/SC through pcsclite: reader list, insert/remove events, connect, transmit with a timeout,
 * reset with reconnect. Removal during a command rejects it with CARD_REMOVED at once
 * (from the reader's status event or PC/SC's own error), never a hang or a crash.
 *
 * pcsclite traps (docs/build-notes.md): its CardReader type is not exported, so we declare the part
 * we use; `close()` on the context emits 'error', so a listener is always attached; every reader
 * runs a watch thread, so `PcscContext.close()` closes each one or the process never exits.
 *
 * Sharing: exclusive by default (SCARD_SHARE_EXCLUSIVE works with pcscd + vpcd, and OpenSC
 * tools run fine right after us because `close()` disconnects). We disconnect with a card
 * reset, so a verified PIN or issuer state never carries over to the next client during the
 * ~1 s pcscd keeps the card powered.
 *
 * Known limit: pcsc-lite's SCardConnect waits while another client holds a transaction on the
 * card. Our connect times out, but the native call keeps a libuv worker busy until pcscd
 * answers, which keeps a CLI process alive until then.
 */
import type { EventEmitter } from 'node:events';
import pcsclite from 'pcsclite';
import { cardError, isCardError } from './errors';
import { cardErrorFromPcsc } from './pcsc-errors';
import type { CardTransport } from './transport';

interface ReaderStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

type Callback<T> = (error: unknown, value: T) => void;

/** The part of pcsclite's CardReader we use. */
interface PcscReader extends EventEmitter {
  readonly name: string;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  /** The protocol is missing when the reader object is already connected (pcsclite then connects nothing). */
  connect(options: { share_mode: number; protocol: number }, callback: Callback<number | undefined>): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(data: Buffer, responseLength: number, protocol: number, callback: Callback<Buffer>): void;
  close(): void;
}

interface PcscLite extends EventEmitter {
  close(): void;
}

export type ShareMode = 'exclusive' | 'shared';

export interface ReaderInfo {
  readonly name: string;
  readonly isCardPresent: boolean;
  /** Upper-case hex; empty when no card. */
  readonly atr: string;
}

export type ReaderEvent =
  | { readonly type: 'reader-added' | 'reader-removed'; readonly reader: string }
  | { readonly type: 'card-inserted'; readonly reader: string; readonly atr: string }
  | { readonly type: 'card-removed'; readonly reader: string };

export interface ConnectOptions {
  /**
   * Exclusive by default: a counter terminal must not share a card it is personalising.
   * Shared is for tools that run beside other PC/SC clients.
   */
  readonly shareMode?: ShareMode;
  /** Per-APDU timeout; GENERATE KEY on a real card can take several seconds. */
  readonly transmitTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

/** Receive buffer: a GENERATE KEY answer (7F49 template, ~270 bytes) exceeds 258 bytes. */
const receiveBufferSize = 65538;
const defaultTransmitTimeoutMs = 30_000;
const defaultConnectTimeoutMs = 10_000;
/** How long an unusable answer waits for the reader to report removal. */
const removalSettleMs = 2000;

function withTimeout<T>(ms: number, onTimeout: () => Error, run: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    run(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

interface ReaderEntry {
  readonly reader: PcscReader;
  status: ReaderStatus | undefined;
}

/** One PC/SC context: the readers it sees, their events, and connections to their cards. */
export class PcscContext {
  readonly #pcsc: PcscLite;
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #listeners = new Set<(event: ReaderEvent) => void>();
  readonly #transports = new Set<PcscTransport>();
  #lastError: unknown;
  #isClosed = false;

  private constructor(pcsc: PcscLite) {
    this.#pcsc = pcsc;
    pcsc.on('error', (error: unknown) => {
      this.#lastError = error;
    });
    pcsc.on('reader', (reader: PcscReader) => this.#addReader(reader));
  }

  /**
   * Opens a context and waits (bounded by `settleMs`) until every reader present at start has
   * reported its first status, so `readers()` is meaningful right away.
   */
  static async open(options: { settleMs?: number } = {}): Promise<PcscContext> {
    let pcsc: PcscLite;
    try {
      pcsc = pcsclite();
    } catch (error) {
      throw cardErrorFromPcsc(error, 'establish context');
    }
    const context = new PcscContext(pcsc);
    await context.#settle(options.settleMs ?? 2000);
    return context;
  }

  async #settle(maxMs: number): Promise<void> {
    const started = Date.now();
    // pcsclite reports readers asynchronously and has no "done" event: give it 150 ms when
    // readers showed up, 600 ms to show any, and never more than maxMs.
    const minMs = 150;
    const noReaderMs = 600;
    while (Date.now() - started < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const elapsed = Date.now() - started;
      const isReported = [...this.#readers.values()].every((entry) => entry.status !== undefined);
      if (isReported && elapsed >= (this.#readers.size > 0 ? minMs : noReaderMs)) return;
      if (this.#lastError !== undefined && this.#readers.size === 0) return;
    }
  }

  #addReader(reader: PcscReader): void {
    const entry: ReaderEntry = { reader, status: undefined };
    this.#readers.set(reader.name, entry);
    reader.on('error', (error: unknown) => {
      this.#lastError = error;
    });
    reader.on('status', (status: ReaderStatus) => {
      const wasPresent = entry.status !== undefined && (entry.status.state & reader.SCARD_STATE_PRESENT) !== 0;
      const isPresent = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
      entry.status = status;
      if (isPresent && !wasPresent) this.#emit({ type: 'card-inserted', reader: reader.name, atr: hexOf(status.atr) });
      if (!isPresent && wasPresent) {
        for (const transport of this.#transports) if (transport.readerName === reader.name) transport.markRemoved();
        this.#emit({ type: 'card-removed', reader: reader.name });
      }
    });
    reader.on('end', () => {
      this.#readers.delete(reader.name);
      for (const transport of this.#transports) if (transport.readerName === reader.name) transport.markRemoved();
      this.#emit({ type: 'reader-removed', reader: reader.name });
    });
    this.#emit({ type: 'reader-added', reader: reader.name });
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the reader watch must go on.
      }
    }
  }

  /** Subscribes to reader and card events; returns the unsubscribe function. */
  onReaderEvent(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  readers(): ReaderInfo[] {
    return [...this.#readers.values()]
      .map(({ reader, status }) => {
        const isCardPresent = status !== undefined && (status.state & reader.SCARD_STATE_PRESENT) !== 0;
        return { name: reader.name, isCardPresent, atr: isCardPresent ? hexOf(status?.atr) : '' };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Waits until a card is present in `readerName` (bounded by `timeoutMs`). */
  async waitForCard(readerName: string, timeoutMs: number): Promise<ReaderInfo> {
    const present = this.readers().find((r) => r.name === readerName && r.isCardPresent);
    if (present !== undefined) return present;
    let unsubscribe = (): void => undefined;
    try {
      return await withTimeout<ReaderInfo>(
        timeoutMs,
        () => cardError('CARD_NO_CARD', `no card in ${readerName} after ${timeoutMs} ms`),
        (resolve) => {
          unsubscribe = this.onReaderEvent((event) => {
            if (event.type === 'card-inserted' && event.reader === readerName) resolve({ name: readerName, isCardPresent: true, atr: event.atr });
          });
        },
      );
    } finally {
      unsubscribe();
    }
  }

  async connect(readerName: string, options: ConnectOptions = {}): Promise<PcscTransport> {
    if (this.#isClosed) throw cardError('CARD_CLOSED', 'the PC/SC context is closed');
    const entry = this.#readers.get(readerName);
    if (entry === undefined) throw cardError('CARD_NO_READER', `no reader named ${readerName}`);
    const status = entry.status;
    if (status === undefined || (status.state & entry.reader.SCARD_STATE_PRESENT) === 0) throw cardError('CARD_NO_CARD', `no card in ${readerName}`);
    const transport = new PcscTransport(entry.reader, options, () => this.#transports.delete(transport), () => entry.status?.atr);
    await transport.open();
    this.#transports.add(transport);
    return transport;
  }

  /** Closes every transport and reader watch, then the context. Idempotent. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    for (const transport of [...this.#transports]) await transport.close().catch(() => undefined);
    for (const { reader } of this.#readers.values()) reader.close();
    this.#readers.clear();
    this.#listeners.clear();
    this.#pcsc.close();
  }
}

function hexOf(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : Buffer.from(bytes).toString('hex').toUpperCase();
}

export class PcscTransport implements CardTransport {
  #protocol = 0;
  #isClosed = false;
  #isRemoved = false;
  #atr = new Uint8Array(0);
  readonly #pending = new Set<(error: Error) => void>();
  readonly #removalWaiters = new Set<() => void>();
  readonly #shareMode: number;
  readonly #transmitTimeoutMs: number;
  readonly #connectTimeoutMs: number;

  constructor(
    private readonly reader: PcscReader,
    options: ConnectOptions,
    private readonly onClosed: () => void,
    private readonly currentAtr: () => Uint8Array | undefined,
  ) {
    this.#shareMode = options.shareMode === 'shared' ? reader.SCARD_SHARE_SHARED : reader.SCARD_SHARE_EXCLUSIVE;
    this.#transmitTimeoutMs = options.transmitTimeoutMs ?? defaultTransmitTimeoutMs;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  }

  get readerName(): string {
    return this.reader.name;
  }

  get atr(): Uint8Array {
    return this.#atr;
  }

  async open(): Promise<void> {
    this.#protocol = await withTimeout<number>(
      this.#connectTimeoutMs,
      () => cardError('CARD_TIMEOUT', `connect to ${this.reader.name} timed out`),
      (resolve, reject) => {
        const protocol = this.reader.SCARD_PROTOCOL_T0 | this.reader.SCARD_PROTOCOL_T1;
        this.reader.connect({ share_mode: this.#shareMode, protocol }, (error, chosen) => {
          if (error) reject(cardErrorFromPcsc(error, 'connect'));
          // pcsclite answers a reader object it already holds with no protocol and no new
          // connection: a second holder in this process would share (and later cut) the first's.
          else if (typeof chosen !== 'number') reject(cardError('CARD_IN_USE', `${this.reader.name} is already connected in this process`));
          else resolve(chosen);
        });
      },
    );
    this.#atr = Uint8Array.from(this.currentAtr() ?? []);
  }

  /** Called by the context when the reader reports the card gone. */
  markRemoved(): void {
    this.#isRemoved = true;
    for (const reject of [...this.#pending]) reject(cardError('CARD_REMOVED', 'the card was removed during a command'));
    for (const wake of [...this.#removalWaiters]) wake();
  }

  /** True when the reader reports the card gone within `ms`. */
  #awaitRemoval(ms: number): Promise<boolean> {
    if (this.#isRemoved) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#removalWaiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#removalWaiters.delete(wake);
        resolve(false);
      }, ms);
      this.#removalWaiters.add(wake);
    });
  }

  #checkUsable(): void {
    if (this.#isClosed) throw cardError('CARD_CLOSED', 'the card connection is closed');
    if (this.#isRemoved) throw cardError('CARD_REMOVED', 'the card was removed');
  }

  /**
   * vpcd answers an APDU the card never answered (socket closed mid-command) with an empty
   * R-APDU, and readers differ in the error they give: when the answer is unusable, wait briefly
   * for pcscd's presence poll (~0.4 s) to tell removal apart from a broken answer.
   */
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    let response: Uint8Array;
    try {
      response = await this.#transmitOnce(apdu);
    } catch (error) {
      if (isCardError(error, 'CARD_REMOVED') || isCardError(error, 'CARD_CLOSED')) throw error;
      if (await this.#awaitRemoval(removalSettleMs)) throw cardError('CARD_REMOVED', 'the card was removed during a command');
      throw error;
    }
    if (response.length < 2 && (await this.#awaitRemoval(removalSettleMs))) throw cardError('CARD_REMOVED', 'the card was removed during a command');
    return response;
  }

  async #transmitOnce(apdu: Uint8Array): Promise<Uint8Array> {
    this.#checkUsable();
    const command = Buffer.from(apdu);
    let abort: ((error: Error) => void) | undefined;
    try {
      const response = await withTimeout<Buffer>(
        this.#transmitTimeoutMs,
        () => cardError('CARD_TIMEOUT', `no answer from the card within ${this.#transmitTimeoutMs} ms`),
        (resolve, reject) => {
          abort = reject;
          this.#pending.add(reject);
          this.reader.transmit(command, receiveBufferSize, this.#protocol, (error, data) => (error ? reject(cardErrorFromPcsc(error, 'transmit')) : resolve(data)));
        },
      );
      return new Uint8Array(response);
    } finally {
      if (abort !== undefined) this.#pending.delete(abort);
      // The command may carry a PIN; pcsclite copied it already.
      command.fill(0);
    }
  }

  /** Warm reset: disconnect with SCARD_RESET_CARD, then connect again with the same mode. */
  async reset(): Promise<void> {
    this.#checkUsable();
    await this.#disconnect(this.reader.SCARD_RESET_CARD);
    await this.open();
  }

  #disconnect(disposition: number): Promise<void> {
    const done = withTimeout<undefined>(
      this.#connectTimeoutMs,
      () => cardError('CARD_TIMEOUT', `disconnect from ${this.reader.name} timed out`),
      (resolve, reject) => this.reader.disconnect(disposition, (error) => (error ? reject(cardErrorFromPcsc(error, 'disconnect')) : resolve(undefined))),
    );
    return done.then(() => undefined);
  }

  /**
   * Releases the card with a reset, so no verified PIN or issuer state outlives our session in
   * the card (pcscd keeps it powered ~1 s for the next client). Idempotent; never throws for a
   * card that is already gone.
   */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.onClosed();
    await this.#disconnect(this.#isRemoved ? this.reader.SCARD_LEAVE_CARD : this.reader.SCARD_RESET_CARD).catch(() => undefined);
  }
}
