/** pcscd (with the vpcd driver) and a scratch directory for the card files, for the whole test file. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePcscd, lockWaitMs, type PcscdHandle } from '../../support/pcscd';

/** Registers beforeAll/afterAll; `ready` receives the scratch directory. Only what started here is released. */
export function usePcscdScratch(ready: (dir: string) => void): void {
  let pcscd: PcscdHandle | undefined;
  let dir = '';
  beforeAll(async () => {
    pcscd = await ensurePcscd();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-vcard-'));
    ready(dir);
  }, lockWaitMs + 30_000);
  afterAll(async () => {
    await pcscd?.release();
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  });
}
