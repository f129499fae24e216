/**
 * vpcd framing (docs/jpki-card.md §9): each message is a 2-byte big-endian length and that many
 * bytes, in both directions. TCP may split or merge messages, so bytes are reassembled here.
 */

export const maxFrameLength = 0xffff;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > maxFrameLength) throw new RangeError(`vpcd frame too long: ${payload.length}`);
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  /** Adds received bytes and returns every message now complete, in order. */
  push(chunk: Uint8Array): Buffer[] {
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.#buffer.length >= 2) {
      const length = this.#buffer.readUInt16BE(0);
      if (this.#buffer.length < 2 + length) break;
      frames.push(Buffer.from(this.#buffer.subarray(2, 2 + length)));
      this.#buffer = this.#buffer.subarray(2 + length);
    }
    return frames;
  }

  get pendingBytes(): number {
    return this.#buffer.length;
  }
}

/** Control messages are exactly one byte long. */
export const VpcdControl = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;
