/**
 * APDU-level exchange over a transport: encodes, decodes, and resolves the two transport-level
 * status words transparently — 61xx (more data: GET RESPONSE) and 6Cxx (wrong Le: re-send with
 * the Le the card names). Both loops are bounded so a misbehaving card cannot spin us.
 */
import { decodeResponse, encodeCommand, expectOk, type CommandApdu, type ResponseApdu } from './apdu';
import type { CardTransport } from './transport';

/** Enough for 16 × 256 bytes of chained response; a JPKI answer is at most 258 bytes. */
const maxGetResponseRounds = 16;

export interface SendOptions {
  /** The command carries a PIN: wipe our encoded copy as soon as it is sent. */
  readonly isSensitive?: boolean;
}

export class CardChannel {
  constructor(readonly transport: CardTransport) {}

  async send(command: CommandApdu, options: SendOptions = {}): Promise<ResponseApdu> {
    let response = await this.#exchange(command, options);
    if ((response.sw & 0xff00) === 0x6c00) {
      // 6Cxx: same command, Le = xx (00 meaning 256). Only once: a second 6Cxx is an error.
      const le = response.sw & 0xff;
      response = await this.#exchange({ ...command, le: le === 0 ? 256 : le }, options);
    }
    if ((response.sw & 0xff00) !== 0x6100) return response;
    const parts: Uint8Array[] = [response.data];
    for (let round = 0; round < maxGetResponseRounds && (response.sw & 0xff00) === 0x6100; round++) {
      const le = response.sw & 0xff;
      response = await this.#exchange({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le: le === 0 ? 256 : le }, {});
      parts.push(response.data);
    }
    return { data: new Uint8Array(Buffer.concat(parts)), sw: response.sw };
  }

  /** `send`, then the data on 9000 or the typed error for the SW. */
  async sendOk(command: CommandApdu, name: string, options: SendOptions = {}): Promise<Uint8Array> {
    return expectOk(await this.send(command, options), name);
  }

  async #exchange(command: CommandApdu, options: SendOptions): Promise<ResponseApdu> {
    const bytes = encodeCommand(command);
    try {
      return decodeResponse(await this.transport.transmit(bytes));
    } finally {
      if (options.isSensitive === true) bytes.fill(0);
    }
  }
}
