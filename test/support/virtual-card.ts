/**
 * Helpers for tests that talk to a VirtualCardEngine directly (no pcscd).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createCardState, type CardFacts, type CardState } from '../../src/virtual-card/card-state';
import { VirtualCardEngine } from '../../src/virtual-card/engine';
import { issuerAuthMessage } from '../../src/virtual-card/issuer';

export const aids = {
  jpki: 'D392F000260100000001',
  text: 'D3921000310001010408',
  common: 'D3921000310001010100',
} as const;

export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** Status word of a response as 4 upper-case hex digits. */
export function swOf(response: Uint8Array): string {
  return toHex(response.subarray(response.length - 2));
}

export function dataOf(response: Uint8Array): Uint8Array {
  return response.subarray(0, response.length - 2);
}

export function sampleFacts(overrides: Partial<CardFacts> = {}): CardFacts {
  return {
    serial: '123456789012345',
    municipalityCode: '21213',
    cardExpiry: '20350217',
    individualNumber: '123456789018',
    basicInfo: { name: '各務原　花子', address: '岐阜県各務原市那加桜町１丁目１番地', birthDate: '1980-02-17', sex: '2' },
    cardInfoPin: '1234',
    training: true,
    ...overrides,
  };
}

export function issuerKeyPair(): { privateKey: KeyObject; publicKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

/** A blank card that trusts `issuerPublicPem`, with the JPKI PINs set (no keys). */
export function stateWithPins(issuerPublicPem: string, pins = { sign: 'ABC123', auth: '1234' }): CardState {
  const state = createCardState(sampleFacts({ trustedIssuerKeys: [issuerPublicPem] }));
  state.pins.sign.value = pins.sign;
  state.pins.auth.value = pins.auth;
  return state;
}

/** Sends an APDU given in hex and returns the response. */
export function send(engine: VirtualCardEngine, apduHex: string): Uint8Array {
  return engine.process(hex(apduHex));
}

function lc(data: Uint8Array): string {
  return data.length.toString(16).padStart(2, '0');
}

export function selectAp(engine: VirtualCardEngine, ap: keyof typeof aids): string {
  return swOf(send(engine, `00A4040C0A${aids[ap]}`));
}

export function selectEf(engine: VirtualCardEngine, fid: string): string {
  return swOf(send(engine, `00A4020C02${fid}`));
}

export function verifyPin(engine: VirtualCardEngine, pin: string): string {
  const data = Buffer.from(pin, 'latin1');
  return swOf(engine.process(Buffer.concat([hex(`00200080${lc(data)}`), data])));
}

/** GET CHALLENGE + EXTERNAL AUTHENTICATE with `privateKey`; returns the final SW. */
export function authenticateIssuer(engine: VirtualCardEngine, serial: string, privateKey: KeyObject): string {
  const challenge = dataOf(send(engine, '0084000008'));
  const signature = sign('sha256', issuerAuthMessage(challenge, serial), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return swOf(engine.process(Buffer.concat([hex(`00820001${lc(signature)}`), signature])));
}

/** Writes `der` into the current EF with UPDATE BINARY chunks; returns the SW of each chunk. */
export function writeFile(engine: VirtualCardEngine, der: Uint8Array, chunk = 200): string[] {
  const sws: string[] = [];
  for (let offset = 0; offset < der.length; offset += chunk) {
    const part = der.subarray(offset, offset + chunk);
    const header = hex(`00D6${offset.toString(16).padStart(4, '0')}${lc(part)}`);
    sws.push(swOf(engine.process(Buffer.concat([header, part]))));
  }
  return sws;
}

/** Reads the whole current EF like OpenSC does (4-byte header, then 256-byte chunks). */
export function readCertificate(engine: VirtualCardEngine): { sw: string; der: Uint8Array } {
  const head = send(engine, '00B0000004');
  if (swOf(head) !== '9000') return { sw: swOf(head), der: new Uint8Array(0) };
  const h = dataOf(head);
  const total = (((h[2] ?? 0) << 8) | (h[3] ?? 0)) + 4;
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < total; offset += 256) {
    const n = Math.min(256, total - offset);
    const r = send(engine, `00B0${offset.toString(16).padStart(4, '0')}${(n === 256 ? 0 : n).toString(16).padStart(2, '0')}`);
    if (swOf(r) !== '9000') return { sw: swOf(r), der: new Uint8Array(0) };
    parts.push(dataOf(r));
  }
  return { sw: '9000', der: new Uint8Array(Buffer.concat(parts)) };
}

export { VirtualCardEngine };
