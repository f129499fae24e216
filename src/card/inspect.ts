/**
 * What `madoguchi cards` and the counter's card screen show: every reader and, per present
 * card, its facts, PIN tries and certificates. Failures are per reader, so one bad card does
 * not hide the others.
 */
import { CardModel, type CardFacts, type CertificateRead, type PinStatuses } from './card-model';
import { isCardError } from './errors';
import type { CertificateSlot } from './jpki-ap';
import type { PcscContext, ShareMode } from './pcsc-transport';

export type CertificateSummary =
  | { readonly status: 'present'; readonly subject: string; readonly issuer: string; readonly serialNumber: string; readonly notBefore: string; readonly notAfter: string; readonly spkiSha256: string }
  | { readonly status: 'absent' | 'pinRequired' };

export interface CardSummary {
  readonly facts: CardFacts;
  readonly pins: PinStatuses;
  readonly certificates: Record<CertificateSlot, CertificateSummary>;
}

export interface ReaderSummary {
  readonly name: string;
  readonly isCardPresent: boolean;
  readonly atr: string;
  readonly card?: CardSummary;
  readonly error?: { readonly code: string; readonly message: string };
}

export function summariseCertificate(read: CertificateRead): CertificateSummary {
  if (read.state !== 'present') return { status: read.state };
  const { subject, issuer, serialNumber, notBefore, notAfter, spkiSha256 } = read.certificate;
  return { status: 'present', subject, issuer, serialNumber, notBefore, notAfter, spkiSha256 };
}

/** Reads everything a clerk needs to see from one card, without any PIN. */
export async function inspectCard(card: CardModel): Promise<CardSummary> {
  const facts = await card.readCardFacts();
  const certificates = await card.readCertificates();
  const pins = await card.readPinStatus();
  return {
    facts,
    pins,
    certificates: {
      auth: summariseCertificate(certificates.auth),
      sign: summariseCertificate(certificates.sign),
      authCa: summariseCertificate(certificates.authCa),
      signCa: summariseCertificate(certificates.signCa),
    },
  };
}

export async function inspectReaders(context: PcscContext, options: { shareMode?: ShareMode; readerName?: string } = {}): Promise<ReaderSummary[]> {
  const out: ReaderSummary[] = [];
  for (const reader of context.readers()) {
    if (options.readerName !== undefined && reader.name !== options.readerName) continue;
    if (!reader.isCardPresent) {
      out.push(reader);
      continue;
    }
    try {
      const transport = await context.connect(reader.name, { shareMode: options.shareMode });
      try {
        out.push({ ...reader, card: await inspectCard(new CardModel(transport)) });
      } finally {
        await transport.close();
      }
    } catch (error) {
      if (!(isCardError(error))) throw error;
      out.push({ ...reader, error: { code: error.code, message: error.message } });
    }
  }
  return out;
}
