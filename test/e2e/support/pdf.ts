/**
 * Printed documents as PDFs, the way Chromium prints them (print media, the page's own
 * `@page` size), read back with Debian's poppler-utils: page sizes from `pdfinfo`, text from
 * `pdftotext`.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

export interface PdfPage {
  readonly widthPt: number;
  readonly heightPt: number;
}

/** The page as it prints: print media, `preferCSSPageSize`, so the stylesheet's A4 decides. */
export async function printPageToPdf(page: Page, path: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  try {
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

export function pdfPages(path: string): PdfPage[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '50', path], { encoding: 'utf8', timeout: 30_000 });
  return [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/gm)].map((m) => ({ widthPt: Number(m[1]), heightPt: Number(m[2]) }));
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', timeout: 30_000 });
}

/** ISO 216 A4 in PostScript points. */
export const a4 = { widthPt: 595.28, heightPt: 841.89 } as const;

export function isA4(size: PdfPage): boolean {
  return Math.abs(size.widthPt - a4.widthPt) <= 1 && Math.abs(size.heightPt - a4.heightPt) <= 1;
}
