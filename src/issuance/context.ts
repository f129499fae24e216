/**
 * What the use cases need from the rest of the terminal. The composition root (host/terminal.ts)
 * builds one; unit tests build one over an in-process card and a real CA.
 */
import type { IssuerSigner } from '../card/issuer';
import type { CaLabel } from '../domain/vocabulary';
import type { ParsedCertificate } from '../pki/jpki-certificate';
import type { Store } from '../store/unit-of-work';

/** CA operations outside the outbox: pick-up at another terminal and revocation (design.md §6). */
export interface CaDirectory {
  certsForSpki(label: CaLabel, spkiSha256: string): Promise<ParsedCertificate[]>;
  issuers(label: CaLabel): Promise<ParsedCertificate[]>;
  revoke(label: CaLabel, revocation: { readonly serial: string; readonly reason: string }): Promise<void>;
}

export interface IssuanceContext {
  readonly store: Store;
  readonly issuer: IssuerSigner;
  readonly terminalId: string;
  /** This municipality (R-ELIG-1, R-ELIG-5). */
  readonly municipalityCode: string;
  readonly now: () => Date;
  /**
   * One bounded delivery round of the outbox (the sync engine); resolves, never rejects, also
   * when the CA is down — the rows then wait in the queue.
   */
  readonly deliverNow: () => Promise<void>;
  /** undefined when the terminal has no CA configured. */
  readonly ca: CaDirectory | undefined;
  /** Actor name for audit entries. */
  readonly clerkId?: string;
}

const jstOffsetMs = 9 * 3_600_000;

/** The calendar day in Japan: R-VAL and the receipt count in JST whatever the machine's zone. */
export function jstDate(at: Date): string {
  return new Date(at.getTime() + jstOffsetMs).toISOString().slice(0, 10);
}

/** A certificate's last valid day from its notAfter (ISO timestamp). */
export function expiryDateOf(notAfter: string): string {
  return jstDate(new Date(notAfter));
}
