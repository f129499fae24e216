/**
 * PcscTransport's own logic (timeouts, removal, reset) over a scripted stand-in for pcsclite's
 * reader; the real PC/SC path is covered by the integration tests.
 */
import { EventEmitter } from 'node:events';

import { PcscTransport } from '../../../src/card/pcsc-transport';

type Callback<T> = (error: unknown, value: T) => void;

class FakeReader extends EventEmitter {
  readonly name = 'Fake Reader 00';
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = 0x20;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  connects: number[] = [];
  disconnects: number[] = [];
  sent: Buffer[] = [];
  connectError: Error | undefined;
  /** pcsclite's reader object already connected (another holder in this process): it calls back with nothing. */
  alreadyConnected = false;
  /** What the next transmit does: answer, fail, or never call back. */
  next: (callback: Callback<Buffer>) => void = (cb) => cb(null, Buffer.from([0x90, 0x00]));

  connect(options: { share_mode: number; protocol: number }, callback: Callback<number>): void {
    this.connects.push(options.share_mode);
    if (this.alreadyConnected) {
      (callback as () => void)();
      return;
    }
    setImmediate(() => (this.connectError === undefined ? callback(null, 2) : callback(this.connectError, 0)));
  }
  disconnect(disposition: number, callback: (error: unknown) => void): void {
    this.disconnects.push(disposition);
    setImmediate(() => callback(null));
  }
  transmit(data: Buffer, _len: number, _protocol: number, callback: Callback<Buffer>): void {
    this.sent.push(Buffer.from(data));
    this.next(callback);
  }
  close(): void {}
}

async function open(reader: FakeReader, options = {}) {
  const transport = new PcscTransport(reader, options, () => undefined, () => Buffer.from('3BDA', 'hex'));
  await transport.open();
  return transport;
}

describe('PcscTransport', () => {
  it('connects exclusively by default and reports the ATR', async () => {
    const reader = new FakeReader();
    const transport = await open(reader);
    expect(reader.connects).toEqual([reader.SCARD_SHARE_EXCLUSIVE]);
    expect(Buffer.from(transport.atr).toString('hex')).toBe('3bda');
    const shared = await open(new FakeReader(), { shareMode: 'shared' });
    expect(shared.atr.length).toBe(2);
  });

  it('maps a sharing violation to CardInUseError', async () => {
    const reader = new FakeReader();
    reader.connectError = new Error('SCardConnect error: Sharing violation.(0x8010000b)');
    await expect(open(reader)).rejects.toEqual(expect.objectContaining({ code: 'CARD_IN_USE' }));
  });

  it('refuses a second holder of a reader this process already holds, without touching the first holder\'s connection', async () => {
    const reader = new FakeReader();
    reader.alreadyConnected = true;
    await expect(open(reader)).rejects.toEqual(expect.objectContaining({ code: 'CARD_IN_USE', retryable: true }));
    expect(reader.disconnects).toEqual([]);
    expect(reader.sent).toEqual([]);
  });

  it('times out a command the card never answers', async () => {
    const reader = new FakeReader();
    const transport = await open(reader, { transmitTimeoutMs: 50 });
    reader.next = () => undefined;
    await expect(transport.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0))).rejects.toEqual(expect.objectContaining({ code: 'CARD_TIMEOUT' }));
  });

  it('rejects a pending command at once when the reader reports removal, and every later one', async () => {
    const reader = new FakeReader();
    const transport = await open(reader, { transmitTimeoutMs: 60_000 });
    reader.next = () => undefined;
    const pending = transport.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0));
    transport.markRemoved();
    await expect(pending).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
    await expect(transport.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
  });

  it('an empty answer followed by a removal report is CardRemovedError', async () => {
    const reader = new FakeReader();
    const transport = await open(reader);
    reader.next = (cb) => {
      cb(null, Buffer.alloc(0));
      setTimeout(() => transport.markRemoved(), 20);
    };
    await expect(transport.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0))).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
  });

  it('a PC/SC removal error is CardRemovedError', async () => {
    const reader = new FakeReader();
    const transport = await open(reader);
    reader.next = (cb) => cb(new Error('SCardTransmit error: Card was removed.(0x80100069)'), Buffer.alloc(0));
    await expect(transport.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0))).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
  });

  it('reset disconnects with SCARD_RESET_CARD and connects again', async () => {
    const reader = new FakeReader();
    const transport = await open(reader);
    await transport.reset();
    expect(reader.disconnects).toEqual([reader.SCARD_RESET_CARD]);
    expect(reader.connects).toHaveLength(2);
  });

  it('close resets the card once; later calls fail with TransportClosedError', async () => {
    const reader = new FakeReader();
    const transport = await open(reader);
    await transport.close();
    await transport.close();
    expect(reader.disconnects).toEqual([reader.SCARD_RESET_CARD]);
    await expect(transport.transmit(Uint8Array.of(0, 0, 0, 0))).rejects.toEqual(expect.objectContaining({ code: 'CARD_CLOSED' }));
  });
});
