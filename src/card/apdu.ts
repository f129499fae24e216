/**
 * Command APDU encoding (ISO 7816-3 cases 1–4, short form only: the JPKI card declares no
 * extended APDUs) and response APDU decoding. Pure: no I/O.
 */
import { cardError } from './errors';
import { errorForStatus, isSuccess } from './status-words';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** 1–255 bytes, or absent (case 1 / 2). */
  readonly data?: Uint8Array;
  /** Expected response length 1–256 (256 is encoded as 00), or absent (case 1 / 3). */
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

function checkByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw cardError('CARD_INVALID_ARGUMENT', `${what} must be a byte`);
}

export function encodeCommand(command: CommandApdu): Uint8Array {
  checkByte(command.cla, 'CLA');
  checkByte(command.ins, 'INS');
  checkByte(command.p1, 'P1');
  checkByte(command.p2, 'P2');
  const data = command.data;
  if (data !== undefined && (data.length < 1 || data.length > 255)) {
    throw cardError('CARD_INVALID_ARGUMENT', 'command data must be 1–255 bytes (short APDU)');
  }
  const le = command.le;
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > 256)) {
    throw cardError('CARD_INVALID_ARGUMENT', 'Le must be 1–256 (short APDU)');
  }
  const size = 4 + (data === undefined ? 0 : 1 + data.length) + (le === undefined ? 0 : 1);
  const out = new Uint8Array(size);
  out.set([command.cla, command.ins, command.p1, command.p2], 0);
  let at = 4;
  if (data !== undefined) {
    out[at] = data.length;
    out.set(data, at + 1);
    at += 1 + data.length;
  }
  if (le !== undefined) out[at] = le === 256 ? 0 : le;
  return out;
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw cardError('CARD_MALFORMED_RESPONSE', `response of ${bytes.length} bytes has no status word`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0) };
}

/** The response data when SW is 9000, else the typed error for the SW. */
export function expectOk(response: ResponseApdu, command: string): Uint8Array {
  if (!isSuccess(response.sw)) throw errorForStatus(response.sw, command);
  return response.data;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
