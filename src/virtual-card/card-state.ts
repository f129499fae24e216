/**
 * The persistent state of one virtual card: what its JSON file holds (docs/design.md §4). Volatile
 * state (selection, verified PINs, issuer authentication) lives in the engine only.
 */
import { z } from 'zod';
import { cardTypes, sexCodes, type BasicInfo, type CardType } from '../domain/vocabulary';

export const cardStateFormat = 'madoguchi-virtual-card/1';

export const pinIds = ['sign', 'auth', 'cardInfo'] as const;
export type PinId = (typeof pinIds)[number];

/** Retry limits of docs/jpki-card.md §4 and §6. */
export const maxTries: Record<PinId, number> = { sign: 5, auth: 3, cardInfo: 3 };

export const keySlots = ['sign', 'auth'] as const;
export type KeySlot = (typeof keySlots)[number];

/** Certificate EFs of the JPKI AP by role: EE certificates pair with a key slot. */
export const certFiles = ['signCert', 'signCaCert', 'authCert', 'authCaCert'] as const;
export type CertFile = (typeof certFiles)[number];

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`), `expected ${n} digits`);
const pem = (label: string) => z.string().regex(new RegExp(`^-----BEGIN ${label}-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ${label}-----\\r?\\n?$`), `expected a ${label} PEM`);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

const pinStateSchema = z.object({
  /** null until the issuer sets it (a blank card). */
  value: z.string().min(1).max(16).nullable(),
  triesLeft: z.number().int().min(0).max(15),
});

const certFileStateSchema = z.object({
  /** Bytes written so far (base64); readable by clients only once `complete`. */
  data: base64,
  complete: z.boolean(),
});

export const cardStateSchema = z
  .object({
    format: z.literal(cardStateFormat),
    training: z.boolean(),
    cardType: z.enum(cardTypes),
    /** Common AP record (docs/jpki-card.md §6): 15-digit serial, 5-digit municipality code, YYYYMMDD expiry. */
    serial: digits(15),
    municipalityCode: digits(5),
    cardExpiry: digits(8),
    /** 個人番号, 12 digits (text AP EF 0001). */
    individualNumber: digits(12),
    basicInfo: z.object({
      name: z.string().min(1).max(100),
      address: z.string().min(1).max(200),
      birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      sex: z.enum(sexCodes),
    }),
    pins: z.object({ sign: pinStateSchema, auth: pinStateSchema, cardInfo: pinStateSchema }),
    /** PKCS#8 PEM of the RSA-2048 private keys: sign = EF 001A, auth = EF 0017. */
    keys: z.object({ sign: pem('PRIVATE KEY').nullable(), auth: pem('PRIVATE KEY').nullable() }),
    /** EF 0001, 0002, 000A, 000B. EF 0008 is derived from the two EE `complete` flags. */
    files: z.object({
      signCert: certFileStateSchema,
      signCaCert: certFileStateSchema,
      authCert: certFileStateSchema,
      authCaCert: certFileStateSchema,
    }),
    /** SPKI PEM of the ECDSA P-256 issuer keys this card accepts in EXTERNAL AUTHENTICATE. */
    trustedIssuerKeys: z.array(pem('PUBLIC KEY')).max(16),
  })
  .superRefine((state, ctx) => {
    for (const id of pinIds) {
      if (state.pins[id].triesLeft > maxTries[id]) {
        ctx.addIssue({ code: 'custom', path: ['pins', id, 'triesLeft'], message: `at most ${maxTries[id]}` });
      }
    }
  });

export type CardState = z.infer<typeof cardStateSchema>;

export interface CardFacts {
  readonly cardType?: CardType;
  readonly serial: string;
  readonly municipalityCode: string;
  readonly cardExpiry: string;
  readonly individualNumber: string;
  readonly basicInfo: BasicInfo;
  /** Set when the card is handed over; the JPKI PINs are set by the issuer later. */
  readonly cardInfoPin: string;
  readonly trustedIssuerKeys?: readonly string[];
  readonly training?: boolean;
}

/** A fresh card as delivered to the counter: no keys, no certificates, JPKI PINs unset. */
export function createCardState(facts: CardFacts): CardState {
  const emptyFile = () => ({ data: '', complete: false });
  return cardStateSchema.parse({
    format: cardStateFormat,
    training: facts.training ?? false,
    cardType: facts.cardType ?? 'myNumberCard',
    serial: facts.serial,
    municipalityCode: facts.municipalityCode,
    cardExpiry: facts.cardExpiry,
    individualNumber: facts.individualNumber,
    basicInfo: { ...facts.basicInfo },
    pins: {
      sign: { value: null, triesLeft: maxTries.sign },
      auth: { value: null, triesLeft: maxTries.auth },
      cardInfo: { value: facts.cardInfoPin, triesLeft: maxTries.cardInfo },
    },
    keys: { sign: null, auth: null },
    files: { signCert: emptyFile(), signCaCert: emptyFile(), authCert: emptyFile(), authCaCert: emptyFile() },
    trustedIssuerKeys: [...(facts.trustedIssuerKeys ?? [])],
  });
}

/** PIN formats the card enforces on CHANGE / RESET RETRY COUNTER (docs/jpki-card.md §4, R-PW). */
export function isValidPinFormat(id: PinId, value: Uint8Array): boolean {
  const text = Buffer.from(value).toString('latin1');
  switch (id) {
    case 'sign':
      return /^[A-Z0-9]{6,16}$/.test(text);
    case 'auth':
    case 'cardInfo':
      return /^[0-9]{4}$/.test(text);
  }
}
