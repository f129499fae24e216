/**
 * The resident's receipt as Chromium prints it, read back as PDF text (poppler), after a real
 * visit over the real host (pcscd + vpcd + the virtual card, the training CA, SQLite): a short
 * receipt number the application keeps in the store, the resident's name, words for the resident
 * (no clerk instruction, no rule ids), what to do with a forgotten or locked password, and one
 * A4 page even with large text on.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Counter } from './support/counter';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';
import { useCounterTerminal } from './support/counter-terminal';

jest.setTimeout(600_000);

let dataDir: string;
let pdfDir: string;
let page: Page;
let counter: Counter;

const terminal = useCounterTerminal({ prefix: 'receipt', ready: (t) => ({ dataDir, page, counter } = t) });

beforeEach(() => {
  pdfDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-receipt-pdf-'));
});

afterEach(() => {
  rmSync(pdfDir, { recursive: true, force: true });
});

async function typeTwice(secret: string): Promise<void> {
  await page.keyboard.type(secret);
  await counter.button('次へ（もう一度入れる）');
  await page.keyboard.type(secret);
  await counter.button('確認する');
}

describe("the resident's receipt", () => {
  test('speaks to the resident, carries a short stored receipt number and the name, and prints on one A4 page at large text', async () => {
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await counter.heading('カードの内容');
    await counter.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
    await counter.heading(/数字4桁/);
    await counter.pressKeys('1357');
    await counter.button('この暗証番号で読み取る');
    await counter.heading('基本4情報の確認');
    await page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
    await counter.button('この内容で確定する');
    await counter.heading('手続きを選んでください');
    await page.getByRole('radio', { name: '新規発行', exact: true }).check();
    await counter.button('この手続きで進む');
    await counter.heading('申請者と必要書類');
    for (const name of ['マイナンバーカード（個人番号カード）', '電子証明書新規発行/更新申請書']) await page.getByRole('checkbox', { name }).check();
    await counter.button('この内容で次へ');
    await counter.heading('発行する電子証明書');
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);
    await typeTwice('MADO2026');
    await typeTwice('4826');
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
