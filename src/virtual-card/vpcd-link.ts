/**
 * Connects a VirtualCardEngine to pcscd's vpcd driver: vpcd listens on 127.0.0.1:35963+slot,
 * the card connects, and closing the socket is removing the card.
 */
import { connect, type Socket } from 'node:net';
import type { VirtualCardEngine } from './engine';
import { setQuickAck } from './quickack';
import { CodedError } from '../errors/coded-error';
import { FrameDecoder, VpcdControl, encodeFrame } from './vpcd-framing';

export const vpcdBasePort = 35963;

export function vpcdReaderName(slot: number): string {
  return `Virtual PCD 00 ${slot.toString().padStart(2, '0')}`;
}

export interface VpcdLinkOptions {
  readonly slot: number;
  readonly host?: string;
  /** Overrides 35963 + slot (tests with a fake vpcd). */
  readonly port?: number;
  /** How long to keep retrying while vpcd does not listen yet. */
  readonly connectTimeoutMs?: number;
  readonly retryIntervalMs?: number;
}

export type VpcdEvent = 'powerOn' | 'powerOff' | 'reset' | 'atr' | 'apdu';

/** Why the virtual card could not be put into a vpcd slot. */
export const vpcdLinkErrorCodes = ['VCARD_VPCD_TIMEOUT', 'VCARD_VPCD_BAD_SLOT'] as const;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function tryConnect(host: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const fail = () => {
      socket.destroy();
      resolve(undefined);
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

export class VpcdLink {
  readonly readerName: string;
  /** Resolves when the socket is closed, by remove() or by vpcd. */
  readonly closed: Promise<void>;
  #listeners = new Set<(event: VpcdEvent) => void>();

  private constructor(
    private readonly socket: Socket,
    private readonly engine: VirtualCardEngine,
    slot: number,
  ) {
    this.readerName = vpcdReaderName(slot);
    const decoder = new FrameDecoder();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      setQuickAck(socket);
      for (const frame of decoder.push(chunk)) this.#handle(frame);
    });
    // Errors end in 'close'; the card is then simply out of the reader.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(engine: VirtualCardEngine, options: VpcdLinkOptions): Promise<VpcdLink> {
    if (!Number.isInteger(options.slot) || options.slot < 0 || options.slot > 15) {
      throw new CodedError('VCARD_VPCD_BAD_SLOT', `invalid vpcd slot ${options.slot}`);
    }
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? vpcdBasePort + options.slot;
    const deadline = Date.now() + (options.connectTimeoutMs ?? 10_000);
    for (;;) {
      const socket = await tryConnect(host, port);
      if (socket !== undefined) return new VpcdLink(socket, engine, options.slot);
      if (Date.now() >= deadline) throw new CodedError('VCARD_VPCD_TIMEOUT', `vpcd does not listen on ${host}:${port}`);
      await delay(options.retryIntervalMs ?? 100);
    }
  }

  /** Returns an unsubscribe function. */
  onEvent(listener: (event: VpcdEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get isConnected(): boolean {
    return !this.socket.destroyed;
  }

  /** Takes the card out of the reader. */
  async remove(): Promise<void> {
    this.socket.end();
    this.socket.destroySoon();
    const timer = setTimeout(() => this.socket.destroy(), 1000);
    await this.closed;
    clearTimeout(timer);
  }

  #emit(event: VpcdEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #handle(frame: Buffer): void {
    if (frame.length === 1) {
      switch (frame[0]) {
        case VpcdControl.powerOff:
          this.engine.powerOff();
          this.#emit('powerOff');
          return;
        case VpcdControl.powerOn:
          this.engine.powerOn();
          this.#emit('powerOn');
          return;
        case VpcdControl.reset:
          this.engine.reset();
          this.#emit('reset');
          return;
        case VpcdControl.getAtr:
          this.socket.write(encodeFrame(this.engine.atr));
          this.#emit('atr');
          return;
        default:
          return;
      }
    }
    if (frame.length === 0) return;
    this.socket.write(encodeFrame(this.engine.process(frame)));
    this.#emit('apdu');
  }
}
