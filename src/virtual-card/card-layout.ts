/**
 * Which applications and elementary files the virtual card has (docs/jpki-card.md §2, §3, §6), and
 * who may read them. Pure data, so the engine stays a dispatcher.
 */
import type { CardState, CertFile, KeySlot, PinId } from './card-state';
import { basicInfoFile, certificateFlags, commonRecord, individualNumberFile, tokenInfo } from './file-contents';

export const applications = ['jpki', 'text', 'common'] as const;
export type ApId = (typeof applications)[number];

const aids: Record<ApId, string> = {
  jpki: 'd392f000260100000001',
  text: 'd3921000310001010408',
  common: 'd3921000310001010100',
};

export type EfSpec =
  | { readonly kind: 'cert'; readonly file: CertFile; readonly pin?: PinId }
  | { readonly kind: 'data'; readonly build: (state: CardState) => Uint8Array; readonly pin?: PinId }
  | { readonly kind: 'key'; readonly slot: KeySlot; readonly pin: PinId }
  | { readonly kind: 'pin'; readonly pin: PinId }
  /** A key that is blocked from the start (text AP EF 0012). */
  | { readonly kind: 'blockedKey' }
  | { readonly kind: 'record'; readonly build: (state: CardState) => Uint8Array };

const jpkiFiles = new Map<number, EfSpec>([
  [0x0001, { kind: 'cert', file: 'signCert', pin: 'sign' }],
  [0x0002, { kind: 'cert', file: 'signCaCert' }],
  [0x000a, { kind: 'cert', file: 'authCert' }],
  [0x000b, { kind: 'cert', file: 'authCaCert' }],
  [0x0006, { kind: 'data', build: tokenInfo }],
  [0x0008, { kind: 'data', build: certificateFlags }],
  [0x0017, { kind: 'key', slot: 'auth', pin: 'auth' }],
  [0x0018, { kind: 'pin', pin: 'auth' }],
  [0x001a, { kind: 'key', slot: 'sign', pin: 'sign' }],
  [0x001b, { kind: 'pin', pin: 'sign' }],
]);

const textFiles = new Map<number, EfSpec>([
  [0x0001, { kind: 'data', build: individualNumberFile, pin: 'cardInfo' }],
  [0x0002, { kind: 'data', build: basicInfoFile, pin: 'cardInfo' }],
  [0x0011, { kind: 'pin', pin: 'cardInfo' }],
  [0x0012, { kind: 'blockedKey' }],
]);

const commonFiles = new Map<number, EfSpec>([[0x0001, { kind: 'record', build: commonRecord }]]);

const filesByAp: Record<ApId, ReadonlyMap<number, EfSpec>> = { jpki: jpkiFiles, text: textFiles, common: commonFiles };

/** The AP a DF name selects on this card, if the card has it (a juki card has no text AP). */
export function findApplication(aid: Uint8Array, cardType: CardState['cardType']): ApId | undefined {
  const hex = Buffer.from(aid).toString('hex');
  const found = applications.find((ap) => aids[ap] === hex);
  if (found === 'text' && cardType === 'jukiCard') return undefined;
  return found;
}

export function findFile(ap: ApId, fid: number): EfSpec | undefined {
  return filesByAp[ap].get(fid);
}

export function certFileOfSlot(slot: KeySlot): CertFile {
  return slot === 'sign' ? 'signCert' : 'authCert';
}

export function slotOfCertFile(file: CertFile): KeySlot | undefined {
  if (file === 'signCert') return 'sign';
  if (file === 'authCert') return 'auth';
  return undefined;
}

export function aidOf(ap: ApId): Uint8Array {
  return new Uint8Array(Buffer.from(aids[ap], 'hex'));
}
