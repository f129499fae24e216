/**
 * The virtual My Number Card: APDU in, APDU out, no I/O (docs/jpki-card.md §10, docs/design.md §4).
 * Holder-side commands live here; issuer commands in issuer-commands.ts.
 *
 * Status words where the public sources are silent: an EF without a complete certificate reads
 * as an empty file (READ BINARY → 6B00); VERIFY on a PIN the issuer has not set → 6984; signing
 * with an empty key slot → 6985; READ BINARY on a PIN EF → 6981, on a key EF → 6982.
 */
import { constants, createPrivateKey, privateEncrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Sw, parseCommandApdu, statusOnly, triesLeftStatus, withStatus, type CommandApdu } from './apdu';
import { findApplication, findFile, type EfSpec } from './card-layout';
import { cardStateSchema, isValidPinFormat, maxTries, type CardState } from './card-state';
import { clearVolatile, freshVolatile, type EngineContext } from './context';
import { atrFor } from './file-contents';
import { parseTrustedKeys } from './issuer';
import { externalAuthenticate, generateKeyPair, getChallenge, resetRetryCounter, updateBinary } from './issuer-commands';

export interface EngineOptions {
  /** Issuer keys trusted in addition to those listed in the card state. */
  readonly issuerPublicKeys?: readonly KeyObject[];
}

/** Answers one parsed command APDU (data and status word). */
type Command = (apdu: CommandApdu) => Uint8Array;

/** Largest DigestInfo the sign command accepts: 256 − 11 bytes of PKCS#1 v1.5 padding. */
const maxSignInput = 245;

export class VirtualCardEngine {
  readonly atr: Uint8Array;
  /** Called after every change to PIN counters, PIN values, keys or files. */
  onPersistentChange?: (state: CardState) => void;

  readonly #ctx: EngineContext;

  /** The instructions the card answers, by INS; any other is 6D00. */
  readonly #commands: ReadonlyMap<number, Command> = new Map<number, Command>([
    [0xa4, (apdu) => this.#select(apdu)],
    [0xb0, (apdu) => this.#readBinary(apdu)],
    [0xb2, (apdu) => this.#readRecord(apdu)],
    [0x20, (apdu) => this.#verify(apdu)],
    [0x24, (apdu) => this.#changeReferenceData(apdu)],
    [0x2a, (apdu) => this.#sign(apdu)],
    [0x84, (apdu) => getChallenge(this.#ctx, apdu)],
    [0x82, (apdu) => externalAuthenticate(this.#ctx, apdu)],
    [0x47, (apdu) => generateKeyPair(this.#ctx, apdu)],
    [0x2c, (apdu) => resetRetryCounter(this.#ctx, apdu)],
    [0xd6, (apdu) => updateBinary(this.#ctx, apdu)],
  ]);

  private constructor(state: CardState, trusted: readonly KeyObject[]) {
    this.atr = atrFor(state.cardType);
    this.#ctx = {
      state,
      volatile: freshVolatile(),
      trustedIssuerKeys: trusted,
      persist: () => this.onPersistentChange?.(this.snapshot()),
    };
  }

  static fromState(state: CardState, options: EngineOptions = {}): VirtualCardEngine {
    const parsed = cardStateSchema.parse(structuredClone(state));
    const trusted = [...parseTrustedKeys(parsed.trustedIssuerKeys), ...(options.issuerPublicKeys ?? [])];
    return new VirtualCardEngine(parsed, trusted);
  }

  powerOn(): void {
    clearVolatile(this.#ctx.volatile);
  }

  powerOff(): void {
    clearVolatile(this.#ctx.volatile);
  }

  reset(): void {
    clearVolatile(this.#ctx.volatile);
  }

  snapshot(): CardState {
    return structuredClone(this.#ctx.state);
  }

  /** Never throws: anything unexpected becomes 6F00. */
  process(command: Uint8Array): Uint8Array {
    try {
      return this.#dispatch(command);
    } catch {
      return statusOnly(Sw.unknownError);
    }
  }

  #dispatch(command: Uint8Array): Uint8Array {
    if (command.length < 4) return statusOnly(Sw.wrongLength);
    const cla = command[0];
    if (cla !== 0x00 && cla !== 0x80) return statusOnly(Sw.claNotSupported);
    const apdu = parseCommandApdu(command);
    if (apdu === undefined) return statusOnly(Sw.wrongLength);
    const answer = this.#commands.get(apdu.ins);
    return answer === undefined ? statusOnly(Sw.insNotSupported) : answer(apdu);
  }

  #select(apdu: CommandApdu): Uint8Array {
    const v = this.#ctx.volatile;
    if (apdu.p2 !== 0x0c && apdu.p2 !== 0x00) return statusOnly(Sw.wrongP1P2);
    if (apdu.p1 === 0x04) {
      const ap = findApplication(apdu.data, this.#ctx.state.cardType);
      if (ap === undefined) return statusOnly(Sw.notFound);
      clearVolatile(v);
      v.ap = ap;
      return statusOnly(Sw.ok);
    }
    if (apdu.p1 === 0x02) {
      if (apdu.data.length !== 2) return statusOnly(Sw.wrongLength);
      const fid = ((apdu.data[0] ?? 0) << 8) | (apdu.data[1] ?? 0);
      if (v.ap === undefined || findFile(v.ap, fid) === undefined) return statusOnly(Sw.notFound);
      v.ef = fid;
      return statusOnly(Sw.ok);
    }
    return statusOnly(Sw.wrongP1P2);
  }

  /** The EF a command addresses: the current one, or a short EF identifier that selects it. */
  #target(sfi: number | undefined): { fid: number; spec: EfSpec } | { sw: number } {
    const v = this.#ctx.volatile;
    if (sfi !== undefined) {
      if (v.ap === undefined || sfi === 0) return { sw: Sw.notFound };
      const spec = findFile(v.ap, sfi);
      if (spec === undefined) return { sw: Sw.notFound };
      v.ef = sfi;
      return { fid: sfi, spec };
    }
    if (v.ap === undefined || v.ef === undefined) return { sw: Sw.noCurrentEf };
    const spec = findFile(v.ap, v.ef);
    return spec === undefined ? { sw: Sw.noCurrentEf } : { fid: v.ef, spec };
  }

  #readBinary(apdu: CommandApdu): Uint8Array {
    const isSfi = (apdu.p1 & 0x80) !== 0;
    if (isSfi && (apdu.p1 & 0x60) !== 0) return statusOnly(Sw.wrongP1P2);
    const target = this.#target(isSfi ? apdu.p1 & 0x1f : undefined);
    if ('sw' in target) return statusOnly(target.sw);
    if (apdu.le === undefined || apdu.data.length !== 0) return statusOnly(Sw.wrongLength);
    const offset = isSfi ? apdu.p2 : (apdu.p1 << 8) | apdu.p2;
    const { spec } = target;
    if (spec.kind === 'key') return statusOnly(Sw.securityNotSatisfied);
    if (spec.kind !== 'cert' && spec.kind !== 'data') return statusOnly(Sw.fileStructureMismatch);
    if (spec.pin !== undefined && !this.#ctx.volatile.verified.has(spec.pin)) return statusOnly(Sw.securityNotSatisfied);
    const content = this.#contentOf(spec);
    if (offset >= content.length) return statusOnly(Sw.wrongOffset);
    return withStatus(content.subarray(offset, offset + apdu.le));
  }

  #contentOf(spec: EfSpec & { kind: 'cert' | 'data' }): Uint8Array {
    if (spec.kind === 'data') return spec.build(this.#ctx.state);
    const file = this.#ctx.state.files[spec.file];
    return file.complete ? new Uint8Array(Buffer.from(file.data, 'base64')) : new Uint8Array(0);
  }

  /** READ RECORD: P1 = record number, P2 = SFI<<3 | 4 (or 04 for the current EF). */
  #readRecord(apdu: CommandApdu): Uint8Array {
    if ((apdu.p2 & 0x07) !== 0x04) return statusOnly(Sw.wrongP1P2);
    const sfi = apdu.p2 >> 3;
    const target = this.#target(sfi === 0 ? undefined : sfi);
    if ('sw' in target) return statusOnly(target.sw);
    if (target.spec.kind !== 'record') return statusOnly(Sw.fileStructureMismatch);
    if (apdu.le === undefined || apdu.data.length !== 0) return statusOnly(Sw.wrongLength);
    if (apdu.p1 !== 1) return statusOnly(Sw.recordNotFound);
    return withStatus(target.spec.build(this.#ctx.state).subarray(0, apdu.le));
  }

  #pinTarget(apdu: CommandApdu): { spec: EfSpec } | { sw: number } {
    if (apdu.p2 === 0x80) return this.#target(undefined);
    if ((apdu.p2 & 0xe0) === 0x80) return this.#target(apdu.p2 & 0x1f);
    return { sw: Sw.wrongP1P2 };
  }

  #verify(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0x00) return statusOnly(Sw.wrongP1P2);
    const target = this.#pinTarget(apdu);
    if ('sw' in target) return statusOnly(target.sw);
    const { spec } = target;
    if (apdu.data.length > 16) return statusOnly(Sw.wrongLength);
    if (spec.kind === 'blockedKey') return apdu.data.length === 0 ? triesLeftStatus(0) : statusOnly(Sw.referenceNotUsable);
    if (spec.kind !== 'pin') return statusOnly(Sw.fileStructureMismatch);
    const pin = this.#ctx.state.pins[spec.pin];
    if (apdu.data.length === 0) return triesLeftStatus(pin.triesLeft);
    if (pin.triesLeft === 0 || pin.value === null) return statusOnly(Sw.referenceNotUsable);
    const expected = Buffer.from(pin.value, 'latin1');
    const given = Buffer.from(apdu.data);
    const isMatch = expected.length === given.length && timingSafeEqual(expected, given);
    given.fill(0);
    if (isMatch) {
      this.#ctx.volatile.verified.add(spec.pin);
      if (pin.triesLeft !== maxTries[spec.pin]) {
        pin.triesLeft = maxTries[spec.pin];
        this.#ctx.persist();
      }
      return statusOnly(Sw.ok);
    }
    this.#ctx.volatile.verified.delete(spec.pin);
    pin.triesLeft -= 1;
    this.#ctx.persist();
    return triesLeftStatus(pin.triesLeft);
  }

  /** CHANGE REFERENCE DATA 00 24 01 80: new value only, after VERIFY of the old one. */
  #changeReferenceData(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0x01) return statusOnly(Sw.wrongP1P2);
    const target = this.#pinTarget(apdu);
    if ('sw' in target) return statusOnly(target.sw);
    const { spec } = target;
    if (spec.kind !== 'pin') return statusOnly(Sw.fileStructureMismatch);
    const pin = this.#ctx.state.pins[spec.pin];
    if (pin.triesLeft === 0 || pin.value === null) return statusOnly(Sw.referenceNotUsable);
    if (!this.#ctx.volatile.verified.has(spec.pin)) return statusOnly(Sw.securityNotSatisfied);
    if (!isValidPinFormat(spec.pin, apdu.data)) return statusOnly(Sw.wrongData);
    pin.value = Buffer.from(apdu.data).toString('latin1');
    this.#ctx.persist();
    return statusOnly(Sw.ok);
  }

  /** 80 2A 00 80: PKCS#1 v1.5 type-01 signature over the DigestInfo given. */
  #sign(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0x00) return statusOnly(Sw.wrongP1P2);
    if (this.#ctx.volatile.ap !== 'jpki') return statusOnly(Sw.conditionsNotSatisfied);
    const target = this.#pinTarget(apdu);
    if ('sw' in target) return statusOnly(target.sw === Sw.noCurrentEf ? Sw.securityNotSatisfied : target.sw);
    const { spec } = target;
    if (spec.kind !== 'key') return statusOnly(Sw.securityNotSatisfied);
    if (!this.#ctx.volatile.verified.has(spec.pin)) return statusOnly(Sw.securityNotSatisfied);
    if (apdu.data.length < 1 || apdu.data.length > maxSignInput) return statusOnly(Sw.wrongLength);
    const pem = this.#ctx.state.keys[spec.slot];
    if (pem === null) return statusOnly(Sw.conditionsNotSatisfied);
    const signature = privateEncrypt({ key: createPrivateKey(pem), padding: constants.RSA_PKCS1_PADDING }, apdu.data);
    return withStatus(signature);
  }
}

export { createCardState, cardStateSchema, type CardState } from './card-state';
