/**
 * The card as objects (facts, PINs, certificates, keys), over the APDU layers. One instance per
 * connected card. It remembers which AP is selected because selecting an AP again clears that
 * AP's verified PINs and the issuer state (docs/jpki-card.md §4, docs/design.md §4): a verified PIN or an
 * issuer authentication only lasts while we stay in the JPKI AP.
 *
 * PINs come in as Uint8Arrays the caller owns and may zero after the call; we copy nothing but
 * the APDU, which the channel wipes once sent.
 */
import { CardChannel } from './channel';
import { readCommonRecord, selectCommon } from './common-ap';
import { parseCertificate, type CertificateInfo } from './certificate-info';
import {
  certificateSlots,
  changeJpkiPin,
  maxPinTries,
  queryJpkiPin,
  readCertificateFile,
  readCertificateFlags,
  readTokenLabel,
  selectJpki,
  signDigestInfo,
  verifyJpkiPin,
  type CertificateSlot,
} from './jpki-ap';
import { authenticateIssuer, generateKeyPair, getChallenge, presentResetGrant, readPublicKey, resetPin, writeCertificateFile, type IssuerSigner } from './issuer';
import { isCardError } from './errors';
import { maxCardInfoPinTries, queryCardInfoPin, readBasicInfoFile, readIndividualNumberFile, selectText, verifyCardInfoPin } from './text-ap';
import type { CardTransport } from './transport';
import type { PinQuery } from './iso-commands';
import type { BasicInfo, CardType, CertificateKind } from '../domain/vocabulary';

type ApName = 'jpki' | 'text' | 'common';

/** OpenSC's only jpki ATR, which pcsc-tools lists as the Basic Resident Register card. */
const JUKI_ATR = '3BE000FF8131FE4514';

export interface CardFacts {
  readonly cardType: CardType;
  readonly serial: string;
  readonly municipalityCode: string;
  /** ISO date, last valid day of the card. */
  readonly cardExpiry: string;
  readonly atr: string;
  readonly tokenLabel: string;
}

export interface PinStatus {
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly isBlocked: boolean;
}

export interface PinStatuses {
  readonly sign: PinStatus;
  readonly auth: PinStatus;
  /** Absent on a card without the card-info AP (a Basic Resident Register card). */
  readonly cardInfo: PinStatus | undefined;
}

export type CertificateRead =
  | { readonly state: 'present'; readonly certificate: CertificateInfo }
  | { readonly state: 'absent' }
  /** The signing certificate exists (or the card cannot say) but needs the signing PIN to be read. */
  | { readonly state: 'pinRequired' };

export type CardCertificates = Record<CertificateSlot, CertificateRead>;

function toPinStatus(query: PinQuery, maxTries: number): PinStatus {
  switch (query.state) {
    case 'tries':
      return { triesLeft: query.triesLeft, maxTries, isBlocked: query.triesLeft === 0 };
    case 'verified':
      return { triesLeft: maxTries, maxTries, isBlocked: false };
    case 'blocked':
      return { triesLeft: 0, maxTries, isBlocked: true };
  }
}

export function cardTypeOf(tokenLabel: string, atr: string): CardType {
  if (tokenLabel === 'JPKIAPICCTOKEN2') return 'myNumberCard';
  if (tokenLabel === 'JPKIAPICCTOKEN') return 'jukiCard';
  return atr === JUKI_ATR ? 'jukiCard' : 'myNumberCard';
}

export class CardModel {
  readonly channel: CardChannel;
  #current: ApName | undefined;
  #serial: string | undefined;

  constructor(readonly transport: CardTransport) {
    this.channel = new CardChannel(transport);
  }

  /** Selects an AP unless it is current; any failure leaves the selection unknown. */
  async #enter(ap: ApName): Promise<void> {
    if (this.#current === ap) return;
    this.#current = undefined;
    if (ap === 'jpki') await selectJpki(this.channel);
    else if (ap === 'text') await selectText(this.channel);
    else await selectCommon(this.channel);
    this.#current = ap;
  }

  /** Runs one command in `ap`, selected first unless it is current. */
  async #in<T>(ap: ApName, command: (channel: CardChannel) => Promise<T>): Promise<T> {
    await this.#enter(ap);
    return command(this.channel);
  }

  /**
   * Selects the JPKI AP afresh (a clean issuer state) and returns the card serial the issuer's
   * challenge is bound to, read from the common AP first when we do not know it yet.
   */
  async #freshJpki(): Promise<string> {
    let serial = this.#serial;
    if (serial === undefined) {
      await this.#enter('common');
      serial = (await readCommonRecord(this.channel)).serial;
      this.#serial = serial;
    }
    this.#current = undefined;
    await this.#enter('jpki');
    return serial;
  }

  /** Serial, municipality code, card expiry (common AP) and card type (token label / ATR). */
  async readCardFacts(): Promise<CardFacts> {
    await this.#enter('common');
    const record = await readCommonRecord(this.channel);
    this.#serial = record.serial;
    await this.#enter('jpki');
    const tokenLabel = await readTokenLabel(this.channel);
    const atr = Buffer.from(this.transport.atr).toString('hex').toUpperCase();
    return { ...record, cardType: cardTypeOf(tokenLabel, atr), atr, tokenLabel };
  }

  async readPinStatus(): Promise<PinStatuses> {
    await this.#enter('jpki');
    const sign = toPinStatus(await queryJpkiPin(this.channel, 'sign'), maxPinTries.sign);
    const auth = toPinStatus(await queryJpkiPin(this.channel, 'auth'), maxPinTries.auth);
    let cardInfo: PinStatus | undefined;
    try {
      await this.#enter('text');
      cardInfo = toPinStatus(await queryCardInfoPin(this.channel), maxCardInfoPinTries);
    } catch (error) {
      if (!(isCardError(error, 'CARD_FILE_NOT_FOUND'))) throw error;
    }
    return { sign, auth, cardInfo };
  }

  /** All four certificate EFs; the signing one only when its PIN was verified in this session. */
  async readCertificates(slots: readonly CertificateSlot[] = certificateSlots): Promise<CardCertificates> {
    await this.#enter('jpki');
    const out: Partial<Record<CertificateSlot, CertificateRead>> = {};
    for (const slot of certificateSlots) {
      if (!slots.includes(slot)) continue;
      out[slot] = await this.#readCertificate(slot);
    }
    return { auth: out.auth ?? { state: 'absent' }, sign: out.sign ?? { state: 'absent' }, authCa: out.authCa ?? { state: 'absent' }, signCa: out.signCa ?? { state: 'absent' } };
  }

  async #readCertificate(slot: CertificateSlot): Promise<CertificateRead> {
    try {
      const der = await readCertificateFile(this.channel, slot);
      return der.length === 0 ? { state: 'absent' } : { state: 'present', certificate: parseCertificate(der) };
    } catch (error) {
      if (slot === 'sign' && isCardError(error, 'CARD_SECURITY_STATUS')) {
        const flags = await readCertificateFlags(this.channel);
        return flags?.sign === false ? { state: 'absent' } : { state: 'pinRequired' };
      }
      throw error;
    }
  }

  /** The raw DER of one certificate EF (empty when none is written). */
  readCertificateDer(slot: CertificateSlot): Promise<Uint8Array> {
    return this.#in('jpki', (channel) => readCertificateFile(channel, slot));
  }

  readBasicInfo(cardInfoPin: Uint8Array): Promise<BasicInfo> {
    return this.#in('text', async (channel) => {
      await verifyCardInfoPin(channel, cardInfoPin);
      return readBasicInfoFile(channel);
    });
  }

  readIndividualNumber(cardInfoPin: Uint8Array): Promise<string> {
    return this.#in('text', async (channel) => {
      await verifyCardInfoPin(channel, cardInfoPin);
      return readIndividualNumberFile(channel);
    });
  }

  verifyPin(kind: CertificateKind, pin: Uint8Array): Promise<void> {
    return this.#in('jpki', (channel) => verifyJpkiPin(channel, kind, pin));
  }

  changePin(kind: CertificateKind, oldPin: Uint8Array, newPin: Uint8Array): Promise<void> {
    return this.#in('jpki', (channel) => changeJpkiPin(channel, kind, oldPin, newPin));
  }

  /** Signs a DigestInfo with the kind's key; the kind's PIN must be verified in this session. */
  sign(kind: CertificateKind, digestInfo: Uint8Array): Promise<Uint8Array> {
    return this.#in('jpki', (channel) => signDigestInfo(channel, kind, digestInfo));
  }

  /**
   * Issuer authentication. Re-selects the JPKI AP first (a clean state, and the card binds the
   * challenge to its serial, which we read from the common AP when we do not know it yet).
   */
  async authenticateIssuer(signer: IssuerSigner): Promise<void> {
    const serial = await this.#freshJpki();
    await authenticateIssuer(this.channel, serial, signer);
  }

  /**
   * The card's issuer challenge for an issuer authentication computed elsewhere (the central CA
   * for a self-service reset). Re-selects the JPKI AP first, like `authenticateIssuer`;
   * the challenge lives on the card until the next challenge, reset or AP selection.
   */
  async issuerChallenge(): Promise<{ readonly challenge: Uint8Array; readonly serial: string }> {
    const serial = await this.#freshJpki();
    return { challenge: await getChallenge(this.channel), serial };
  }

  /**
   * EXTERNAL AUTHENTICATE with the CA's grant of one reset of `kind`'s PIN, signed over the last
   * `issuerChallenge` (r‖s, 64 bytes). The card then accepts exactly one RESET RETRY COUNTER on
   * that PIN (`setPin`) and no other issuer command.
   */
  presentResetAuthorization(kind: CertificateKind, signature: Uint8Array): Promise<void> {
    return this.#in('jpki', (channel) => presentResetGrant(channel, kind, signature));
  }

  /** Issuer: new RSA-2048 key pair in the kind's slot (erases its certificate); SPKI DER. */
  generateKey(kind: CertificateKind): Promise<Uint8Array> {
    return this.#in('jpki', (channel) => generateKeyPair(channel, kind));
  }

  /**
   * SPKI DER of the kind's key already on the card, without generating one: pick-up at another
   * terminal asks the CA by its hash. Needs no issuer authentication.
   */
  readPublicKey(kind: CertificateKind): Promise<Uint8Array> {
    return this.#in('jpki', (channel) => readPublicKey(channel, kind));
  }

  /** Issuer: sets the kind's PIN and puts its counter back to the maximum. */
  setPin(kind: CertificateKind, pin: Uint8Array): Promise<void> {
    return this.#in('jpki', (channel) => resetPin(channel, kind, pin));
  }

  /** Issuer: writes a certificate EF (holder certificates must match the slot's key). */
  writeCertificate(slot: CertificateSlot, der: Uint8Array): Promise<void> {
    return this.#in('jpki', (channel) => writeCertificateFile(channel, slot, der));
  }

  /** Warm reset: every verified PIN and the issuer state are gone afterwards. */
  async reset(): Promise<void> {
    this.#current = undefined;
    await this.transport.reset();
  }

  async close(): Promise<void> {
    this.#current = undefined;
    await this.transport.close();
  }
}
