/**
 * The resident's receipt as Chromium prints it, read back as PDF text (poppler), after a real
 * visit over the real host (pcscd + vpcd + the virtual card, the training CA, SQLite): a short
 * receipt number the application keeps in the store, the resident's name, words for the resident
 * (no clerk instruction, no rule ids), what to do with a forgotten or locked password, and one
 * A4 page even with large text on.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inPersonDocuments, type Counter } from './support/counter';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';
import { useCounterTerminal } from './support/counter-terminal';
import { useScratchDir } from './support/scratch';

jest.setTimeout(600_000);

let dataDir: string;
let pdfDir: string;
let page: Page;
let counter: Counter;

const terminal = useCounterTerminal({ prefix: 'receipt', ready: (t) => ({ dataDir, page, counter } = t) });

useScratchDir('receipt-pdf', (dir) => (pdfDir = dir));

describe("the resident's receipt", () => {
  test('speaks to the resident, carries a short stored receipt number and the name, and prints on one A4 page at large text', async () => {
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await counter.readIdentity('1357');
    await counter.chooseProcedure('新規発行');
    await counter.tick(inPersonDocuments);
    await counter.toCertificates();
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);
    await counter.typeTwice('MADO2026');
    await counter.typeTwice('4826');
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');

    await page.getByRole('button', { name: '文字を大きくする' }).click();
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await counter.button('控えを印刷する');
    await page.getByRole('region', { name: '印刷する書類' }).waitFor();
    const pdf = join(pdfDir, 'receipt.pdf');
    await printPageToPdf(page, pdf);
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(1);
    expect(pages.every(isA4)).toBe(true);
    // pdftotext breaks lines where the page does: read it as one run of text.
    const text = pdfText(pdf).replace(/\s+/g, '');

    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    const number = /受付番号(\d{8}-\d{3})/.exec(text)?.[1];
    expect(number).toBeDefined();
    expect(text).toContain('那加');
    expect(text).not.toContain('申請者にお伝えください');
    expect(text).not.toMatch(/R-[A-Z]+-\d+/);
    expect(text).toContain('パスワードを忘れた');
    expect(text).toContain('ロック');

    // The number is the application's own, kept in the store for later letters and searches.
    expect(await terminal.stop()).toBe(0);
    const db = new Database(join(dataDir, 'madoguchi.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT receipt_number AS receiptNumber FROM applications').all() as { receiptNumber: string | null }[];
      expect(rows.map((r) => r.receiptNumber)).toEqual([number]);
    } finally {
      db.close();
    }
  });
});
