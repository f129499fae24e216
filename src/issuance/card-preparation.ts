/**
 * The card half of issuance (R-PROC-1): issuer authentication, a new key pair and PIN per
 * certificate, then a CSR per key signed by the card. The store steps around it live in
 * issue.ts; this module only talks to the card and builds the requests.
 */
import type { CardFacts, CardModel } from '../card/card-model';
import type { IssuerSigner } from '../card/issuer';
import type { BasicInfo, CertificateKind } from '../domain/vocabulary';
import { buildCsr } from '../pki/csr';
import type { CsrApplicant } from '../pki/csr-attributes';
import { throwIfCancelled, type StepHooks } from './context';
import { spkiSha256 } from './card-keys';
import { issuanceError } from './errors';
import { wipe, type Secrets } from './secrets';

export interface PreparedKeys {
  readonly spki: Partial<Record<CertificateKind, Uint8Array>>;
  readonly spkiSha256: Partial<Record<CertificateKind, string>>;
}

/**
 * Issuer steps only, all inside one issuer session: the key pairs first (each erases the old
 * certificate in its slot), then the PINs. The PINs are not wiped here: the CSR step still has
 * to verify them.
 */
export async function prepareKeys(card: CardModel, issuer: IssuerSigner, kinds: readonly CertificateKind[], secrets: Secrets, hooks: StepHooks = {}): Promise<PreparedKeys> {
  await card.authenticateIssuer(issuer);
  hooks.onProgress?.('issue-after-issuer-auth');
  const spki: Partial<Record<CertificateKind, Uint8Array>> = {};
  const hashes: Partial<Record<CertificateKind, string>> = {};
  for (const kind of kinds) {
    // Until card_prepared a cancel is safe: the application is cancelled and the keys certify nothing.
    throwIfCancelled(hooks);
    const key = await card.generateKey(kind);
    spki[kind] = key;
    hashes[kind] = spkiSha256(key);
    hooks.onProgress?.(kind === 'sign' ? 'issue-after-keygen-sign' : 'issue-after-keygen-auth');
    const pin = secrets[kind];
    if (pin === undefined) throw issuanceError('ISSUE_BAD_PASSWORD', `no ${kind} password supplied`, [kind]);
    await card.setPin(kind, pin);
    hooks.onProgress?.(kind === 'sign' ? 'issue-after-setpin-sign' : 'issue-after-setpin-auth');
  }
  return { spki, spkiSha256: hashes };
}

export interface CsrContext {
  readonly applicationId: string;
  readonly terminalId: string;
  readonly facts: CardFacts;
  readonly basicInfo: BasicInfo;
  readonly previousExpiry: string | undefined;
}

export function csrApplicant(kind: CertificateKind, context: CsrContext): CsrApplicant {
  const common = {
    applicationId: context.applicationId,
    terminalId: context.terminalId,
    birthDate: context.basicInfo.birthDate,
    cardExpiry: context.facts.cardExpiry,
    cardType: context.facts.cardType,
    cardSerial: context.facts.serial,
    ...(context.previousExpiry === undefined ? {} : { previousExpiry: context.previousExpiry }),
  };
  if (kind === 'auth') return { ...common, certificateKind: 'auth' };
  return { ...common, certificateKind: 'sign', name: context.basicInfo.name, address: context.basicInfo.address, sex: context.basicInfo.sex };
}

/**
 * Per kind: VERIFY the new PIN (wiped right after), then the card signs the CSR's DigestInfo.
 * The subject carries nothing personal: the CA builds the real subject from the attributes.
 */
export async function signRequests(card: CardModel, keys: PreparedKeys, kinds: readonly CertificateKind[], secrets: Secrets, context: CsrContext, hooks: StepHooks = {}): Promise<Partial<Record<CertificateKind, Uint8Array>>> {
  const csrs: Partial<Record<CertificateKind, Uint8Array>> = {};
  for (const kind of kinds) {
    const spkiDer = keys.spki[kind];
    const pin = secrets[kind];
    if (spkiDer === undefined || pin === undefined) throw issuanceError('ISSUE_BAD_PASSWORD', `no ${kind} key or password`, [kind]);
    try {
      await card.verifyPin(kind, pin);
    } finally {
      wipe(pin);
    }
    csrs[kind] = await buildCsr({
      spkiDer,
      subject: [
        { type: 'C', value: 'JP' },
        { type: 'CN', value: context.applicationId },
      ],
      applicant: csrApplicant(kind, context),
      signer: (digestInfo) => card.sign(kind, digestInfo),
    });
    hooks.onProgress?.(kind === 'sign' ? 'issue-after-csr-sign' : 'issue-after-csr-auth');
  }
  return csrs;
}
