/**
 * Secrets typed on a keypad cross the renderer–host boundary as bytes, never as text
 * (docs/design.md §7): a JSON body with a PIN in it is a string the host cannot wipe, and it lingers
 * in the heap long after the card command. This module is the one codec both shells and the
 * renderer share.
 *
 * In the contract a secret field is a Uint8Array. Electron's IPC clones it as bytes. The
 * browser shell sends a request that carries one as a binary frame:
 *
 *   byte 0        format version (1)
 *   bytes 1–2     length J of the plain part, big-endian
 *   J bytes       UTF-8 JSON object: the request's other fields (no secret among them)
 *   1 byte        number N of secret fields
 *   N times:      1 byte name length, the ASCII name, 1 byte secret length (1–64), the bytes
 *
 * Decoding never copies a secret: each field is a view of the frame, so zeroing the frame once
 * the request is answered zeroes every secret it carried.
 */

export const secretFrameVersion = 1;
export const secretFrameContentType = 'application/octet-stream';
/** Larger than any frame a channel accepts (a few small fields and at most four secrets). */
export const maxSecretFrameBytes = 2048;
const maxSecretBytes = 64;

/** The fields that carry a secret, per channel; every other channel has none. */
const secretFieldsByChannel: Readonly<Record<string, readonly string[]>> = {
  'clerk.signIn': ['pin'],
  'visit.cardInfoPin': ['pin'],
  'visit.passwords': ['sign', 'signRepeat', 'auth', 'authRepeat'],
  'visit.changePassword': ['current', 'password', 'confirmation'],
  'selfService.provingPassword': ['password'],
  'selfService.newPassword': ['password', 'confirmation'],
  'selfService.changePassword': ['current', 'password', 'confirmation'],
};

/** The secret fields of a channel (empty: the channel carries no secret and travels as JSON). */
export function secretFieldsOf(channel: string): readonly string[] {
  return Object.hasOwn(secretFieldsByChannel, channel) ? (secretFieldsByChannel[channel] ?? []) : [];
}

/**
 * Bytes outside the JavaScript heap: an ArrayBuffer made explicitly is never moved by the
 * garbage collector, so zeroing it leaves no older copy behind (a small typed array made
 * otherwise lives inside the heap, and a collection may copy it before it is wiped).
 */
export function secretBytes(length: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new ArrayBuffer(length));
}

/** A copy the caller owns (and zeroes), outside the JavaScript heap. */
export function copySecret(source: Uint8Array): Uint8Array {
  const copy = secretBytes(source.length);
  copy.set(source);
  return copy;
}

/** Zeroes every secret field of a request (the shell's copy, once the request is answered). */
export function wipeSecretFields(channel: string, request: unknown): void {
  if (typeof request !== 'object' || request === null) return;
  for (const name of secretFieldsOf(channel)) {
    const value: unknown = (request as Record<string, unknown>)[name];
    if (value instanceof Uint8Array) value.fill(0);
  }
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);

// UTF-8 by way of the URI escapes, which every JavaScript environment has (TextEncoder is not in
// every test DOM); only the plain part goes this way, never a secret.
function utf8Encode(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const out: number[] = [];
  for (let i = 0; i < escaped.length; ) {
    if (escaped[i] === '%') {
      out.push(Number.parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      out.push(escaped.charCodeAt(i));
      i += 1;
    }
  }
  return Uint8Array.from(out);
}

/** Throws (URIError) on bytes that are not UTF-8. */
function utf8Decode(bytes: Uint8Array): string {
  let escaped = '';
  for (const byte of bytes) escaped += `%${byte.toString(16).padStart(2, '0')}`;
  return decodeURIComponent(escaped);
}

/**
 * The frame for a request of `channel`. Its secret fields (Uint8Array) are copied into the frame
 * and left to the caller, who zeroes them; the caller zeroes the frame once it is sent.
 */
export function encodeSecretFrame(channel: string, request: Readonly<Record<string, unknown>>): Uint8Array<ArrayBuffer> {
  const names = secretFieldsOf(channel);
  const plain: Record<string, unknown> = {};
  const secrets: [string, Uint8Array][] = [];
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) continue;
    if (!names.includes(key)) plain[key] = value;
    else if (value instanceof Uint8Array && value.length >= 1 && value.length <= maxSecretBytes) secrets.push([key, value]);
    else throw new RangeError(`${key} must be 1–${maxSecretBytes} bytes`);
  }
  const json = utf8Encode(JSON.stringify(plain));
  const size = 3 + json.length + 1 + secrets.reduce((n, [name, bytes]) => n + 2 + name.length + bytes.length, 0);
  if (json.length > 0xffff || size > maxSecretFrameBytes) throw new RangeError('the request is too large for a frame');
  const frame = secretBytes(size);
  frame[0] = secretFrameVersion;
  frame[1] = json.length >> 8;
  frame[2] = json.length & 0xff;
  frame.set(json, 3);
  let at = 3 + json.length;
  frame[at++] = secrets.length;
  for (const [name, bytes] of secrets) {
    frame[at++] = name.length;
    frame.set(ascii(name), at);
    at += name.length;
    frame[at++] = bytes.length;
    frame.set(bytes, at);
    at += bytes.length;
  }
  return frame;
}

export type DecodedFrame = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly field: string };

/**
 * The request in a frame of `channel`: its plain fields parsed, its secrets as views of `frame`.
 * Refused: a frame of another version, cut short or with bytes left over, a secret field the
 * channel does not have or twice, and a plain part that names a secret field (a secret never
 * travels as JSON). The contract's schema checks the rest.
 */
export function decodeSecretFrame(channel: string, frame: Uint8Array): DecodedFrame {
  const names = secretFieldsOf(channel);
  const bad = (field: string): DecodedFrame => ({ ok: false, field });
  if (names.length === 0 || frame.length < 4 || frame[0] !== secretFrameVersion) return bad('body');
  const jsonLength = ((frame[1] ?? 0) << 8) | (frame[2] ?? 0);
  if (3 + jsonLength + 1 > frame.length) return bad('body');
  let plain: unknown;
  try {
    plain = JSON.parse(utf8Decode(frame.subarray(3, 3 + jsonLength)));
  } catch {
    return bad('body');
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return bad('body');
  const value: Record<string, unknown> = { ...(plain as Record<string, unknown>) };
  for (const name of names) if (Object.hasOwn(value, name)) return bad(name);
  let at = 3 + jsonLength;
  const count = frame[at++] ?? 0;
  if (count > names.length) return bad('body');
  for (let i = 0; i < count; i += 1) {
    const nameLength = frame[at++] ?? 0;
    if (at + nameLength > frame.length) return bad('body');
    const name = String.fromCharCode(...frame.subarray(at, at + nameLength));
    at += nameLength;
    if (!names.includes(name) || Object.hasOwn(value, name)) return bad(names.includes(name) ? name : 'body');
    const length = frame[at++] ?? 0;
    if (length < 1 || length > maxSecretBytes || at + length > frame.length) return bad(name);
    value[name] = frame.subarray(at, at + length);
    at += length;
  }
  if (at !== frame.length) return bad('body');
  return { ok: true, value };
}
