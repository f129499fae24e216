/**
 * What the use cases need from the rest of the terminal. The composition root (host/host.ts)
 * builds one; unit tests build one over an in-process card and a real CA.
 */
import type { IssuerSigner } from '../card/issuer';
import type { CaLabel } from '../domain/vocabulary';
import type { ParsedCertificate } from '../pki/jpki-certificate';
import type { Store } from '../store/unit-of-work';
import type { ProcedureStep } from './steps';

/** CA operations outside the outbox: pick-up at another terminal and revocation (docs/design.md §6). */
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
   * One bounded delivery of the visit's own outbox rows (`first`, sent before the backlog) by
   * the sync engine; resolves, never rejects, also when the CA is down — the rows then wait in
   * the queue.
   */
  readonly deliverNow: (first?: readonly string[]) => Promise<void>;
  /** undefined when the terminal has no CA configured. */
  readonly ca: CaDirectory | undefined;
  /** Actor name for audit entries. */
  readonly clerkId?: string;
  /** Called after each named step; the host publishes it on its progress stream (progress.ts). */
  readonly onProgress?: (step: ProcedureStep) => void;
  /** Checked before the first durable write and between card steps where stopping is safe. */
  readonly signal?: AbortSignal;
}

/** The hooks the card-level helpers take (they see no context). */
export interface StepHooks {
  readonly onProgress?: (step: ProcedureStep) => void;
  readonly signal?: AbortSignal;
}

/** Throws the signal's reason when the visit was cancelled. */
export function throwIfCancelled(hooks: StepHooks): void {
  hooks.signal?.throwIfAborted();
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
