/**
 * The set-up every issuance file shares: pcscd (with the vpcd driver) for the file, a scratch
 * root holding the recording reference CA and one terminal data directory configured for it, and
 * a card placed in reader slot 0 for as long as a CLI run needs it. Only what this harness
 * started is stopped and removed.
 */
import { join } from 'node:path';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { insertCardFile } from './card-slot';
import { makeTerminalDir, removeRoot, startRecordingCa, tempRoot, type RecordingCa, type TerminalDir } from './support';

/** ensurePcscd may wait for another run's vpcd lock for up to 5 minutes. */
const lockWaitMs = 360_000;

export interface IssuanceHarness {
  /** The file's scratch root: the CA's directory, the terminal's, card files and application documents. */
  readonly root: string;
  readonly ca: RecordingCa;
  readonly terminal: TerminalDir;
}

/** Registers beforeAll/afterAll; `ready` receives the harness once it runs. `prefix` names the scratch root. */
export function useIssuanceHarness(prefix: string, ready: (harness: IssuanceHarness) => void): void {
  let pcscd: PcscdHandle | undefined;
  let root: string | undefined;
  let ca: RecordingCa | undefined;

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    root = tempRoot(prefix);
    ca = await startRecordingCa(join(root, 'ca'));
    ready({ root, ca, terminal: makeTerminalDir(root, ca) });
  }, lockWaitMs);

  afterAll(async () => {
    await ca?.close();
    await pcscd?.release();
    if (root !== undefined) removeRoot(root);
  });
}

/** Places the card file in reader slot 0, runs `use` with the reader's name, and always takes the card out. */
export async function withCard<T>(cardFile: string, use: (reader: string) => Promise<T>): Promise<T> {
  const card = await insertCardFile(0, cardFile);
  try {
    return await use(card.readerName);
  } finally {
    await card.remove();
  }
}
