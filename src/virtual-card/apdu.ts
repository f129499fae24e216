/**
 * Command-APDU parsing and response building for the virtual card. Kept apart from the card
 * logic so that every malformed byte string becomes a status word, never an exception.
 */

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Expected response length; undefined when the command carries no Le (case 1 or 3). */
  readonly le: number | undefined;
}

/** Status words the card uses (ISO 7816-4). */
export const Sw = {
  ok: 0x9000,
  wrongLength: 0x6700,
  fileStructureMismatch: 0x6981,
  securityNotSatisfied: 0x6982,
  referenceBlocked: 0x6983,
  referenceNotUsable: 0x6984,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  wrongData: 0x6a80,
  notFound: 0x6a82,
  recordNotFound: 0x6a83,
  notEnoughMemory: 0x6a84,
  wrongP1P2: 0x6a86,
  referencedDataNotFound: 0x6a88,
  wrongOffset: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  verificationFailed: 0x6300,
  unknownError: 0x6f00,
} as const;

export function statusOnly(sw: number): Uint8Array {
  return Uint8Array.of((sw >> 8) & 0xff, sw & 0xff);
}

export function withStatus(data: Uint8Array, sw: number = Sw.ok): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** 63Cx: a PIN check failed or was queried, x tries left. */
export function triesLeftStatus(triesLeft: number): Uint8Array {
  return statusOnly(0x63c0 | Math.max(0, Math.min(15, triesLeft)));
}

/**
 * Parses short and extended APDUs (ISO 7816-3 cases 1–4). Returns undefined for any byte string
 * that is not a well-formed case, which the card answers with 6700.
 */
export function parseCommandApdu(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const header = { cla: bytes[0] ?? 0, ins: bytes[1] ?? 0, p1: bytes[2] ?? 0, p2: bytes[3] ?? 0 };
  const body = bytes.subarray(4);
  const empty = new Uint8Array(0);
  if (body.length === 0) return { ...header, data: empty, le: undefined };
  const b0 = body[0] ?? 0;
  if (body.length === 1) return { ...header, data: empty, le: b0 === 0 ? 256 : b0 };
  if (b0 !== 0) {
    // Short case 3 or 4.
    if (body.length === 1 + b0) return { ...header, data: body.slice(1), le: undefined };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] ?? 0;
      return { ...header, data: body.slice(1, 1 + b0), le: le === 0 ? 256 : le };
    }
    return undefined;
  }
  // Extended length: 00 followed by two length bytes.
  if (body.length < 3) return undefined;
  const n = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
  if (body.length === 3) return { ...header, data: empty, le: n === 0 ? 65536 : n };
  if (n === 0) return undefined;
  if (body.length === 3 + n) return { ...header, data: body.slice(3), le: undefined };
  if (body.length === 5 + n) {
    const le = ((body[3 + n] ?? 0) << 8) | (body[4 + n] ?? 0);
    return { ...header, data: body.slice(3, 3 + n), le: le === 0 ? 65536 : le };
  }
  return undefined;
}
