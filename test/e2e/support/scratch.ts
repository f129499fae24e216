/** A scratch directory for each test (printed PDFs and the like), removed after it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Registers the hooks; `ready` receives each test's fresh directory. */
export function useScratchDir(prefix: string, ready: (dir: string) => void): void {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `madoguchi-e2e-${prefix}-`));
    ready(dir);
  });
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
}
