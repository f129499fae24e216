/**
 * The application form printed from the card (書かない窓口), end to end over the real host (pcscd +
 * vpcd + the virtual card, the training CA, SQLite) in Chromium: after the basic 4 information is
 * confirmed and before the passwords the clerk prints the form — read back as PDF text in print
 * media: the resident's name, address and birth date (era and Western year), the card serial and
 * the receipt number — the host refuses to start without the tick that the signed form came back,
 * the tick is audited, and the application is filed under the number the form carries. The
 * screen is axe-clean in Japanese and English at 100 % and 200 % text.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inPersonDocuments, type Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';
import { useScratchDir } from './support/scratch';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';

jest.setTimeout(600_000);

let dataDir: string;
let pdfDir: string;
let page: Page;
let counter: Counter;

const terminal = useCounterTerminal({ prefix: 'form', ready: (t) => ({ dataDir, page, counter } = t) });

useScratchDir('form-pdf', (dir) => (pdfDir = dir));

/** From the card to the form, the basic 4 read with the card-info PIN; `ticks`: the applicant screen's boxes. */
async function toForm(resident: RegExp, cardInfoPin: string, ticks: readonly string[]): Promise<void> {
  await counter.signIn();
  await counter.insertCard(1, resident);
  await counter.readIdentity(cardInfoPin);
  await counter.chooseProcedure('新規発行');
  // Nobody has the form yet: it is not on the checklist, and the screen says when it comes.
  await counter.text('申請書は、この後の画面でカードの情報から印刷し、申請者に署名していただきます');
  expect(await page.getByRole('checkbox', { name: '電子証明書新規発行/更新申請書' }).count()).toBe(0);
  await counter.tick(ticks);
  await counter.toCertificates();
  await counter.button('決定して申請書の印刷に進む');
  await counter.heading('申請書の印刷と署名');
}

/** Prints the form as the clerk does (the browser shell answers with its print dialog) and reads the PDF back. */
async function printForm(name: string): Promise<{ text: string; pages: number; allA4: boolean }> {
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await counter.button('申請書を印刷する');
  const pdf = join(pdfDir, name);
  await printPageToPdf(page, pdf);
  const pages = pdfPages(pdf);
  // pdftotext breaks lines where the page does: read it as one run of text.
  return { text: pdfText(pdf).replace(/\s+/g, ''), pages: pages.length, allA4: pages.every(isA4) };
}

function openStore<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'madoguchi.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('the application form printed from the card', () => {
  test('prints the basic 4 and the receipt number on A4; no procedure before the signed form is ticked; the application keeps the number', async () => {
    await toForm(/那加 太郎/, '1357', inPersonDocuments);
    await counter.checkScreen('23-application-form');

    const { text, pages, allA4 } = await printForm('form.pdf');
    expect(pages).toBe(1);
    expect(allA4).toBe(true);
    expect(text).toContain('電子証明書新規発行/更新申請書');
    expect(text).toContain('那加太郎');
    expect(text).toContain('岐阜県各務原市那加桜町二丁目１８６番地');
    expect(text).toContain('昭和53年8月21日（1978年8月21日）');
    expect(text).toContain('212134200000000');
    expect(text).toContain('署名欄（自署）');
    const number = /受付番号(\d{8}-\d{3})/.exec(text)?.[1];
    expect(number).toBeDefined();
    // The screen around the form is not on paper.
    expect(text).not.toContain('手続きを始める');

    // Without the tick the host refuses: the clerk reads why, and the visit stays on the form.
    await counter.button('手続きを始める');
    await counter.text('署名済みの申請書を受け取ったことを確認するまで、手続きは始められません。');
    await counter.heading('申請書の印刷と署名');
    expect(openStore((db) => db.prepare('SELECT COUNT(*) FROM applications').pluck().get())).toBe(0);

    await counter.signApplicationForm();
    await counter.heading(/決めてください/);
    await counter.typeTwice('MADO2026');
    await counter.typeTwice('4826');
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');
    await counter.text(`受付番号 ${number ?? ''}`);
    expect(counter.failures()).toEqual([]);

    expect(await terminal.stop()).toBe(0);
    const stored = openStore((db) => ({
      numbers: db.prepare('SELECT receipt_number FROM applications').pluck().all(),
      documents: db.prepare('SELECT documents_json FROM applications').pluck().all() as string[],
      ticks: db.prepare("SELECT actor, details_json FROM audit WHERE action = 'application.formReceived'").all() as { actor: string; details_json: string }[],
    }));
    expect(stored.numbers).toEqual([number]);
    // The signed form taken at the form step is filed with the ticked card.
    expect(stored.documents.map((json) => JSON.parse(json) as unknown)).toEqual([['myNumberCard', 'applicationForm']]);
    expect(stored.ticks).toHaveLength(1);
    expect(JSON.parse(stored.ticks[0]?.details_json ?? '{}')).toMatchObject({ receiptNumber: number, procedure: 'issue', applicantType: 'self' });
  });

  test("a legal representative's form: the representative's name typed from their ID, one 自署 box for them", async () => {
    // Under 15 with the domicile in the city: no family register copy is asked for.
    await toForm(/鵜沼 さくら/, '2468', ['申請者の本籍が本市にあります', 'マイナンバーカード（個人番号カード）', '本人確認書類（官公署発行の顔写真付き）']);
    await page.getByRole('textbox', { name: /代理人の氏名/ }).fill('鵜沼　花子');
    await counter.button('氏名を申請書に入れる');
    await page.getByRole('region', { name: '申請書（印刷する書類）' }).getByText('鵜沼　花子').waitFor();

    const { text } = await printForm('representative.pdf');
    expect(text).toContain('鵜沼さくら');
    expect(text).toContain('平成27年4月3日（2015年4月3日）');
    expect(text).toContain('法定代理人');
    expect(text).toContain('代理人の氏名鵜沼花子');
    expect(text).toContain('法定代理人氏名（自署）');
    expect(text).not.toContain('申請者（カードの名義人）自署');

    await counter.signApplicationForm();
    await counter.heading('利用者証明用暗証番号を決めてください');
  });
});
