/**
 * What a visit leaves for the sync engine, made without a card: an issuance at card_prepared in
 * the store with its two certificate requests queued, each a real CSR (a fresh RSA key signed the
 * way the card signs, PKCS#1 v1.5 over the DigestInfo) that the reference CA accepts.
 */
import { constants, createHash, generateKeyPairSync, privateEncrypt, randomUUID } from 'node:crypto';
import type { BasicInfo, CertificateKind } from '../../../src/domain/vocabulary';
import { buildCsr } from '../../../src/pki/csr';
import type { Store } from '../../../src/store/unit-of-work';

/** The reference CA's first client certificate names this terminal (src/ca/README.md). */
export const trainingTerminalId = 'training-terminal';

export interface CardCsr {
  readonly der: Uint8Array;
  readonly spkiSha256: string;
}

/** A CSR for one certificate of the application, with the SHA-256 of its public key. */
export async function cardCsr(kind: CertificateKind, applicationId: string, basicInfo: BasicInfo, terminalId = trainingTerminalId): Promise<CardCsr> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const spkiDer = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const applicant =
    kind === 'sign'
      ? ({ certificateKind: 'sign', applicationId, terminalId, birthDate: basicInfo.birthDate, name: basicInfo.name, address: basicInfo.address, sex: basicInfo.sex } as const)
      : ({ certificateKind: 'auth', applicationId, terminalId, birthDate: basicInfo.birthDate } as const);
  const der = await buildCsr({
    spkiDer,
    subject: [
      { type: 'C', value: 'JP' },
      { type: 'CN', value: applicationId },
    ],
    applicant,
    signer: (digestInfo) => Promise.resolve(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo))),
  });
  return { der, spkiSha256: createHash('sha256').update(spkiDer).digest('hex') };
}

export interface QueuedRequest extends CardCsr {
  /** The outbox row's id. */
  readonly id: string;
  readonly kind: CertificateKind;
}

export interface QueuedIssuance {
  readonly appId: string;
  /** Signing first, then authentication. */
  readonly rows: readonly QueuedRequest[];
}

/** Records a new issuance for `basicInfo` and queues both its certificate requests, audited as a clerk's. */
export async function queueIssuance(store: Store, basicInfo: BasicInfo, cardSerial?: (appId: string) => string): Promise<QueuedIssuance> {
  const appId = randomUUID();
  const sign = await cardCsr('sign', appId, basicInfo);
  const auth = await cardCsr('auth', appId, basicInfo);
  store.recordNewApplication(
    {
      id: appId,
      procedure: 'issue',
      applicantType: 'self',
      documents: ['applicationForm'],
      clerkId: 'clerk-1',
      cardSerial: cardSerial?.(appId) ?? `CARD-${appId.slice(0, 8)}`,
      certificateKinds: ['sign', 'auth'],
      state: 'card_prepared',
      feeYen: 0,
      basicInfo,
      spkiSha256: { sign: sign.spkiSha256, auth: auth.spkiSha256 },
      expiry: { sign: null, auth: null },
      errorCode: null,
    },
    { actor: 'clerk-1', action: 'application.create' },
  );
  const rows: QueuedRequest[] = [
    { id: randomUUID(), kind: 'sign', ...sign },
    { id: randomUUID(), kind: 'auth', ...auth },
  ];
  store.recordTransition({
    applicationId: appId,
    event: 'queue',
    outbox: rows.map((r) => ({ id: r.id, certificateKind: r.kind, csrDer: r.der })),
    audit: { actor: 'clerk-1', action: 'application.queue' },
  });
  return { appId, rows };
}
