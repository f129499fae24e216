/**
 * A4 printing in Electron: the page (whose print stylesheet shows only the document) is saved
 * as a PDF copy in the data directory (0600) and sent to the printer through the system dialog.
 * Names, retention and what a reprint prints are decided in src/desktop/print-file.
 */
import type { WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { hostError } from '../src/api/errors';
import { expiredCopies, latestCopy, printFileName, printResultKind, printsDir, type DocumentPrinter } from '../src/desktop/print-file';

function printPage(contents: WebContents): Promise<void> {
  return new Promise((resolve, reject) => {
    contents.print({ silent: false, printBackground: true, pageSize: 'A4' }, (success, failureReason) => {
      if (printResultKind(success, failureReason) === 'failed') reject(hostError('PRINT_FAILED', 'the print job failed', {}, true));
      else resolve();
    });
  });
}

export function createPdfPrinter(dataDir: string, target: () => WebContents | undefined, now: () => Date = () => new Date()): DocumentPrinter {
  return {
    async print({ document, applicationId, reprint }) {
      const contents = target();
      if (contents === undefined || contents.isDestroyed()) throw hostError('PRINT_FAILED', 'no window to print', {}, true);
      const dir = printsDir(dataDir);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const present = await fs.readdir(dir);
      const expired = new Set(expiredCopies(present, now().getTime()));
      await Promise.all([...expired].map((name) => fs.rm(join(dir, name), { force: true })));
      const kept = present.filter((name) => !expired.has(name));
      let copy = reprint ? latestCopy(kept, document, applicationId) : undefined;
      if (copy === undefined) {
        const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        copy = printFileName(document, applicationId, now());
        // wx: a copy is never overwritten (the same document printed twice within a second keeps
        // the first); 0600: the copy holds the applicant's name and address.
        await fs.writeFile(join(dir, copy), pdf, { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
          // Duck-typed: fs errors are not always `instanceof Error` across realms.
          if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'EEXIST') throw error;
        });
      }
      await printPage(contents);
      return { method: 'host', copy };
    },
  };
}
