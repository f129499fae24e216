/**
 * What the self-service and password-change files below the screens share: the training cards
 * copied into a scratch directory, their passwords read back from the card file, a
 * self-service host over the real reader watch, and — for the reset files — pcscd, the training
 * reference CA over HTTPS on 127.0.0.1 and the kiosk's reset authority for the whole file. Only
 * what this rig started is stopped.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { startReferenceCa, type ReferenceCa, type ReferenceCaOptions } from '../../../src/ca/reference-ca';
import type { SelfServiceHost } from '../../../src/flows/self-service-controller';
import { openCardSession } from '../../../src/host/open-card';
import { watchReaders, type HostReaderWatch } from '../../../src/host/reader-watch';
import { HttpsResetAuthority } from '../../../src/host/reset-authority';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';

/** ensurePcscd may wait up to 300 s for another run's vpcd lock. */
export const lockWaitMs = 330_000;

const trainingDir = join(findTrainingCaDir() ?? '', '..');

export const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A training resident's card file as the training material ships it. */
export function shippedCard(id: string): string {
  return join(trainingDir, 'cards', `${id}.json`);
}

/** A fresh copy of a training resident's card file in `dir` (the virtual card writes to it). */
export function trainingCardIn(dir: string, id: string): string {
  const file = join(dir, `${id}-${Date.now()}.json`);
  copyFileSync(shippedCard(id), file);
  return file;
}

/** The passwords and tries left that the card file holds. */
export function pinsOf(file: string): Record<'sign' | 'auth', { value: string; triesLeft: number }> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { pins: Record<'sign' | 'auth', { value: string; triesLeft: number }> }).pins;
}

/**
 * A training self-service terminal's host over the reader watch; opening a card waits for it and
 * retries (bounded) while the card is still held by the previous session.
 */
export function kioskHost(readers: HostReaderWatch, applicantIdleMs = 120_000): SelfServiceHost {
  return {
    terminal: { terminalId: 'kiosk-1', mode: 'selfService', municipalityCode: '21213', municipalityName: '各務原市', training: true },
    timeouts: { applicantIdleMs, applicantWarningMs: 30_000, clerkIdleMs: 600_000 },
    readers,
    openCard: (reader, waitMs) => openCardSession(readers, reader, waitMs),
  };
}

export interface ResetRig {
  /** The file's scratch directory: the CA's data and the card files. */
  readonly dir: string;
  readonly ca: ReferenceCa;
  /** The kiosk's client to the CA, with the terminal's own client certificate and key. */
  readonly authority: HttpsResetAuthority;
  readonly readers: HostReaderWatch;
}

export interface ResetRigOptions {
  /** Names the scratch directory. */
  readonly prefix: string;
  /** The CA's reset limits; its defaults unless given. */
  readonly resetLimits?: ReferenceCaOptions['resetLimits'];
  readonly ready: (rig: ResetRig) => void;
}

/** Registers beforeAll/afterAll for the file. A file's own afterAll declared before this call runs first. */
export function useResetRig(options: ResetRigOptions): void {
  let pcscd: PcscdHandle | undefined;
  let dir: string | undefined;
  let ca: ReferenceCa | undefined;
  let authority: HttpsResetAuthority | undefined;
  let readers: HostReaderWatch | undefined;

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    dir = mkdtempSync(join(tmpdir(), `madoguchi-${options.prefix}-`));
    ca = await startReferenceCa({ dataDir: join(dir, 'ca'), port: 0, host: '127.0.0.1', training: true, resetLimits: options.resetLimits });
    authority = new HttpsResetAuthority({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem });
    readers = await watchReaders();
    options.ready({ dir, ca, authority, readers });
  }, lockWaitMs);

  afterAll(async () => {
    authority?.close();
    await readers?.close();
    await ca?.close();
    await pcscd?.release();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
}
